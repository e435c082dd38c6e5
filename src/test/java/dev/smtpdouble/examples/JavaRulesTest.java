package dev.smtpdouble.examples;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.examples.NotificationMailer.RetryPolicy;
import dev.smtpdouble.junit.SmtpDoubleTest;
import dev.smtpdouble.scenario.Rules;
import dev.smtpdouble.scenario.ScenarioBuilder;
import dev.smtpdouble.scenario.Trigger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scenario written in Java inside the test, the way WireMock stubs are. */
@SmtpDoubleTest(failOnUnfiredRules = true)
class JavaRulesTest {

    @Test
    void retriesWhenTheServerGoesDownAtTheSecondRecipient(SmtpDouble smtp) throws Exception {
        smtp.useScenario(ScenarioBuilder.named("down-at-second-recipient")
                .rule(Rules.on(Trigger.RCPT).connection(1).occurrence(2).reply("421 4.3.2 System shutting down"))
                .build());
        var mailer = new NotificationMailer(smtp.host(), smtp.port(), new RetryPolicy(3, Duration.ofMillis(100)));

        int attempts = mailer.send("noreply@shop.test", List.of("ada@example.test", "bob@example.test"), "Team news", "Hi");

        assertThat(attempts).isEqualTo(2);
        assertThat(smtp).hasConnections(2)
                .session(0).hasCommands("EHLO", "MAIL", "RCPT", "RCPT").hasReplyCodes(220, 250, 250, 250, 421)
                .wasClosedByServer()
                .and().onlyMessage().hasRecipients("ada@example.test", "bob@example.test");
    }
}
