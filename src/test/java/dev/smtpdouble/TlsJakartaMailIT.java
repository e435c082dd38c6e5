package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.protocol.TlsInfo;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Jakarta Mail (Angus) speaks TLS to the double as production code does: STARTTLS required, or port 465. */
class TlsJakartaMailIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    static Properties connection(String host, int port, Properties tls) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.timeout", "5000");
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.writetimeout", "5000");
        properties.put("mail.smtp.localhost", "client.test");
        properties.putAll(tls);
        return properties;
    }

    static void send(Properties properties) throws MessagingException {
        Session mail = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(mail);
        message.setFrom(new InternetAddress("sender@example.org"));
        message.setRecipients(Message.RecipientType.TO, "rcpt@example.org");
        message.setSubject("Over TLS");
        message.setText("Hello.");
        Transport.send(message);
    }

    @Test
    void starttlsRequiredDeliversOverTls() throws Exception {
        try (SmtpDouble smtp = SmtpDouble.builder().tls(true).start()) {
            send(connection("localhost", smtp.port(), smtp.tls().jakartaMailProperties(false)));

            ReceivedMessage message = smtp.journal().awaitMessages(1, WAIT).get(0);
            SessionRecord session = smtp.journal().sessions().get(0);
            assertThat(message.envelope().sender()).isEqualTo("sender@example.org");
            TlsInfo tls = session.tls();
            assertThat(tls).isNotNull();
            assertThat(tls.implicit()).isFalse();
            assertThat(tls.version()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(tls.cipherSuite()).startsWith("TLS_");
            assertThat(session.commands()).startsWith("EHLO client.test", "STARTTLS", "EHLO client.test");
            assertThat(session.commandsEncrypted()).isTrue();
        }
    }

    @Test
    void implicitTlsOnTheSslEnabledPort() throws Exception {
        try (SmtpDouble smtp = SmtpDouble.builder().tlsPort(0).start()) {
            send(connection("localhost", smtp.tlsPort(), smtp.tls().jakartaMailProperties(true)));

            smtp.journal().awaitMessages(1, WAIT);
            SessionRecord session = smtp.journal().sessions().get(0);
            assertThat(session.tls().implicit()).isTrue();
            assertThat(session.tls().serverName()).isNull(); // the JDK sends no SNI for a name without a dot
            assertThat(session.commands()).doesNotContain("STARTTLS");
            assertThat(session.replies().get(0).code()).isEqualTo(220);
        }
    }

    @Test
    void starttlsRequiredFailsWhenTheServerDoesNotOfferIt() {
        try (SmtpDouble smtp = SmtpDouble.start()) {
            Throwable thrown = catchThrowable(() -> send(connection("localhost", smtp.port(),
                    dev.smtpdouble.tls.Trust.generated().jakartaMailProperties(false))));
            assertThat(thrown).isInstanceOf(MessagingException.class)
                    .hasMessageContaining("STARTTLS is required but host does not support STARTTLS");
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }
}
