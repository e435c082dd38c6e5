package dev.smtpdouble.examples;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.examples.NotificationMailer.DeliveryFailedException;
import dev.smtpdouble.examples.NotificationMailer.RetryPolicy;
import dev.smtpdouble.junit.SmtpDoubleTest;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.protocol.SyntaxMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Addresses judged and answered as a real Exim: a domain literal is refused, in Exim's words, without 5.x.x codes. */
@SmtpDoubleTest(syntax = SyntaxMode.EXIM)
class EximSyntaxTest {

    @Test
    void aDomainLiteralEximRefusesIsAPermanentFailure(SmtpDouble smtp) {
        var mailer = new NotificationMailer(smtp.host(), smtp.port(), new RetryPolicy(3, Duration.ofMillis(10)));

        assertThatThrownBy(() -> mailer.send("noreply@shop.test", List.of("ops@[192.0.2.1]"), "Hi", "Hello"))
                .isInstanceOf(DeliveryFailedException.class)
                .hasFieldOrPropertyWithValue("permanent", true);
        assertThat(smtp).hasConnections(1).session(0).hasReplyCodes(220, 250, 250, 501, 250, 221);
        assertThat(smtp.journal().sessions().get(0).replies())
                .contains(Reply.of(250, "OK"), Reply.of(501, "<ops@[192.0.2.1]>: domain literals not allowed"));
    }
}
