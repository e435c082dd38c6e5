package dev.smtpdouble.examples;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.junit.SmtpDoubleTest;
import dev.smtpdouble.protocol.SyntaxMode;
import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Addresses judged as a real Postfix judges them: a recipient that begins with '-' is refused with 501 5.1.3. */
@SmtpDoubleTest(syntax = SyntaxMode.POSTFIX)
class PostfixSyntaxTest {

    @Test
    void aRecipientPostfixRefusesIsRefusedWith501(SmtpDouble smtp) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", String.valueOf(smtp.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom("noreply@shop.test");
        message.setRecipients(Message.RecipientType.TO, "-all@example.test");
        message.setSubject("Hi");
        message.setText("Hello");

        assertThatThrownBy(() -> Transport.send(message))
                .isInstanceOf(SendFailedException.class)
                .cause().hasMessageStartingWith("501 5.1.3");   // RCPT TO:<-all@example.test>
        assertThat(smtp).hasConnections(1).session(0).hasReplyCodes(220, 250, 250, 501, 250, 221);
    }
}
