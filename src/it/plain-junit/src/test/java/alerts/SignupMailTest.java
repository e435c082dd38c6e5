package alerts;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.junit.SmtpDoubleTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@SmtpDoubleTest
class SignupMailTest {

    static void sendWelcome(SmtpDouble smtp, String to) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("noreply@signup.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Confirm your address");
        message.setText("Click the link.");
        Transport.send(message);
    }

    @Test
    void sendsTheConfirmation(SmtpDouble smtp, Journal journal) throws Exception {
        sendWelcome(smtp, "ada@example.test");

        assertEquals("Confirm your address",
                journal.awaitMessages(1, Duration.ofSeconds(5)).get(0).mimeMessage().getSubject());
    }

    @Nested
    @SmtpDoubleTest(scenario = "recipient-501")
    class WhenTheServerRefusesTheRecipient {

        @Test
        void theFailureNamesTheAddress(SmtpDouble smtp) {
            var failure = assertThrows(SendFailedException.class, () -> sendWelcome(smtp, "bad@example.test"));

            assertEquals("bad@example.test", failure.getInvalidAddresses()[0].toString());
            assertThat(smtp).hasConnections(1).hasNoMessages();
        }
    }
}
