package alerts;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.junit.SmtpDoubleTest;
import dev.smtpdouble.junit.UseScenario;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;

@SmtpDoubleTest(scenario = "greylist")
class AlertMailerTest {

    @Test
    void retriesWhenGreylisted(SmtpDouble smtp) throws Exception {
        var mailer = new AlertMailer(smtp.host(), smtp.port(), 3);

        assertEquals(2, mailer.send("oncall@ops.test", "Disk full", "db-1 is at 98 %"));

        assertThat(smtp).hasConnections(2)
                .onlyMessage().hasSubject("Disk full").hasRecipients("oncall@ops.test");
    }

    /** A bare name finds this project's src/test/resources/scenarios/payment-outage.yaml. */
    @Test
    @UseScenario(value = "payment-outage", failOnUnfiredRules = true)
    void usesAScenarioOfThisProjectByName(SmtpDouble smtp) {
        var mailer = new AlertMailer(smtp.host(), smtp.port(), 1);

        assertThrows(MessagingException.class, () -> mailer.send("oncall@ops.test", "Disk full", "db-1"));

        assertThat(smtp).hasFired("relay down").hasNoMessages();
    }

    @Test
    @UseScenario("shutdown-at-mail")
    void reportsAServerThatStaysDown(SmtpDouble smtp) {
        var mailer = new AlertMailer(smtp.host(), smtp.port(), 2);

        assertThrows(MessagingException.class, () -> mailer.send("oncall@ops.test", "Disk full", "db-1"));

        assertThat(smtp).hasConnections(2).hasNoMessages()
                .session(1).wasClosedByServer();
    }
}
