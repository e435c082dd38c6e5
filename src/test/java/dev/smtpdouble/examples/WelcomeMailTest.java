package dev.smtpdouble.examples;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.junit.SmtpDoubleTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The shortest example: the mail server is briefly down, the mailer waits and tries again. */
@SmtpDoubleTest(scenario = "greeting-421-then-accept")
class WelcomeMailTest {

    @Test
    void retriesWhenTheServerIsBrieflyDown(SmtpDouble smtp) throws Exception {
        sendWelcome(smtp.host(), smtp.port(), "ada@example.test");

        assertThat(smtp).hasConnections(2)
                .hasConnectionsSpacedAtLeast(Duration.ofMillis(200))
                .session(0).hasReplyCodes(421).wasClosedByServer()
                .and().onlyMessage().hasSubject("Welcome").hasRecipients("ada@example.test");
    }

    /** The code under test, in short: Jakarta Mail, up to three attempts, 200 ms apart. */
    static void sendWelcome(String host, int port, String to) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", String.valueOf(port));
        MimeMessage welcome = new MimeMessage(Session.getInstance(props));
        welcome.setFrom("noreply@shop.test");
        welcome.setRecipients(Message.RecipientType.TO, to);
        welcome.setSubject("Welcome");
        welcome.setText("Hello, and welcome to the shop.");
        for (int attempt = 1; ; attempt++) {
            try {
                Transport.send(welcome);
                return;
            } catch (MessagingException e) {
                if (attempt == 3) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
