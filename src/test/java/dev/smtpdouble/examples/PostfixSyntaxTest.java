package dev.smtpdouble.examples;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.examples.NotificationMailer.DeliveryFailedException;
import dev.smtpdouble.examples.NotificationMailer.RetryPolicy;
import dev.smtpdouble.junit.SmtpDoubleTest;
import dev.smtpdouble.protocol.SyntaxMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Addresses judged as a real Postfix judges them: a recipient that begins with '-' is refused with 501 5.1.3. */
@SmtpDoubleTest(syntax = SyntaxMode.POSTFIX)
class PostfixSyntaxTest {

    @Test
    void aRecipientPostfixRefusesIsAPermanentFailure(SmtpDouble smtp) {
        var mailer = new NotificationMailer(smtp.host(), smtp.port(), new RetryPolicy(3, Duration.ofMillis(10)));

        assertThatThrownBy(() -> mailer.send("noreply@shop.test", List.of("-all@example.test"), "Hi", "Hello"))
                .isInstanceOf(DeliveryFailedException.class)
                .hasFieldOrPropertyWithValue("permanent", true);   // RCPT TO:<-all@example.test> got 501 5.1.3
        assertThat(smtp).hasConnections(1).session(0).hasReplyCodes(220, 250, 250, 501, 250, 221);
    }
}
