package dev.smtpdouble.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.tls.Trust;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** The annotation turns TLS on; the trust a client needs is a parameter away. */
@SmtpDoubleTest(tls = true, tlsPort = 0, requireTls = true)
class TlsExtensionTest {

    private static void send(SmtpDouble smtp, int port, Properties tls) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "localhost");
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.timeout", "5000");
        properties.putAll(tls);
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("sender@example.org"));
        message.setRecipients(Message.RecipientType.TO, "rcpt@example.org");
        message.setText("Hello.");
        Transport.send(message);
    }

    @Test
    void starttlsWithTheInjectedTrust(SmtpDouble smtp, Trust trust) throws Exception {
        send(smtp, smtp.port(), trust.jakartaMailProperties(false));
        SessionRecord session = smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(10)).get(0);
        assertThat(session.tls().implicit()).isFalse();
        assertThat(session.commandsEncrypted()).isTrue();
    }

    @Test
    void implicitTlsWithTheInjectedSocketFactory(SmtpDouble smtp, SSLSocketFactory factory) throws Exception {
        Properties tls = new Properties();
        tls.put("mail.smtp.ssl.enable", "true");
        tls.put("mail.smtp.ssl.socketFactory", factory);
        tls.put("mail.smtp.ssl.checkserveridentity", "true");
        send(smtp, smtp.tlsPort(), tls);
        assertThat(smtp.journal().awaitMessages(1, Duration.ofSeconds(10))).hasSize(1);
        assertThat(smtp.journal().sessions().get(0).tls().implicit()).isTrue();
    }
}
