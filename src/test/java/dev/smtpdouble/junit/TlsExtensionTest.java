package dev.smtpdouble.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.RawSmtpClient;
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
        SmtpAssertions.assertThat(smtp).session(0).sentOverTls().usedTlsVersion(session.tls().version());
    }

    @Test
    void theAssertionsSayWhenMailWentInPlaintext(SmtpDouble smtp) throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(smtp.host(), smtp.port())) {
            client.reply();
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@example.org>"); // refused: TLS is required, but it was sent in clear
            client.command("QUIT");
        }
        smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(10));
        assertThatThrownBy(() -> SmtpAssertions.assertThat(smtp).session(0).sentOverTls())
                .isInstanceOf(AssertionError.class).hasMessageContaining("never negotiated TLS");
        assertThatThrownBy(() -> SmtpAssertions.assertThat(smtp).session(0).usedTlsVersion("TLSv1.3"))
                .hasMessageContaining("expected TLSv1.3 but it negotiated no TLS");
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
