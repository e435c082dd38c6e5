package dev.smtpdouble.examples;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.examples.NotificationMailer.RetryPolicy;
import dev.smtpdouble.junit.SmtpDoubleTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shortest example: the mail server is briefly down, the mailer waits and tries again. */
@SmtpDoubleTest(scenario = "greeting-421-then-accept")
class WelcomeMailTest {

    @Test
    void retriesWhenTheServerIsBrieflyDown(SmtpDouble smtp) throws Exception {
        var mailer = new NotificationMailer(smtp.host(), smtp.port(), new RetryPolicy(3, Duration.ofMillis(200)));

        mailer.send("noreply@shop.test", List.of("ada@example.test"), "Welcome", "Hello Ada");

        assertThat(smtp).hasConnections(2)
                .hasConnectionsSpacedAtLeast(Duration.ofMillis(200))
                .session(0).hasReplyCodes(421).wasClosedByServer()
                .and().onlyMessage().hasSubject("Welcome").hasRecipients("ada@example.test");
    }
}
