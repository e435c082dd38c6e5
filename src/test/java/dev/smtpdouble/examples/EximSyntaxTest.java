package dev.smtpdouble.examples;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.junit.SmtpDoubleTest;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.protocol.SyntaxMode;
import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Addresses judged and answered as a real Exim: a domain literal is refused, in Exim's words, without 5.x.x codes. */
@SmtpDoubleTest(syntax = SyntaxMode.EXIM)
class EximSyntaxTest {

    @Test
    void aDomainLiteralEximRefusesIsRefusedWith501(SmtpDouble smtp) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", String.valueOf(smtp.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom("noreply@shop.test");
        message.setRecipients(Message.RecipientType.TO, "ops@[192.0.2.1]");
        message.setSubject("Hi");
        message.setText("Hello");

        assertThatThrownBy(() -> Transport.send(message))
                .isInstanceOf(SendFailedException.class)
                .cause().hasMessageContaining("501 <ops@[192.0.2.1]>: domain literals not allowed");
        assertThat(smtp).hasConnections(1).session(0).hasReplyCodes(220, 250, 250, 501, 250, 221);
        assertThat(smtp.journal().sessions().get(0).replies())
                .contains(Reply.of(250, "OK"), Reply.of(501, "<ops@[192.0.2.1]>: domain literals not allowed"));
    }
}
