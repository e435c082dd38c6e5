package dev.smtpdouble.examples;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.junit.SmtpDoubleTest;
import dev.smtpdouble.junit.UseScenario;
import dev.smtpdouble.tls.Trust;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The production mail configuration, unchanged: STARTTLS required, then AUTH; and the password refused. */
@SmtpDoubleTest(tls = true, auth = "app@shop.test:app-password", requireAuth = true)
class LoginMailTest {

    private static void send(SmtpDouble smtp, Trust trust, String password) throws Exception {
        Properties props = trust.jakartaMailProperties(false);   // STARTTLS required, the double's CA trusted
        props.put("mail.smtp.host", "localhost");
        props.put("mail.smtp.port", String.valueOf(smtp.port()));
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.auth.mechanisms", "PLAIN");
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("app@shop.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("ada@example.test"));
        message.setSubject("Your order");
        message.setText("Shipped.");
        Transport.send(message, "app@shop.test", password);
    }

    @Test
    void logsInOverTls(SmtpDouble smtp, Trust trust) throws Exception {
        send(smtp, trust, "app-password");

        assertThat(smtp).neverSentPasswordInClear()
                .onlySession().isAuthenticatedAs("app@shop.test")
                .and().onlyMessage().wasSentAuthenticatedAs("app@shop.test");
    }

    @Test
    @UseScenario("auth-534-app-password")
    void reportsTheProvidersWordsWhenTheLoginIsRefused(SmtpDouble smtp, Trust trust) {
        assertThatThrownBy(() -> send(smtp, trust, "app-password"))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("534-5.7.9 Application-specific password required");
        assertThat(smtp).hasNoMessages().onlySession().isNotAuthenticated();
    }
}
