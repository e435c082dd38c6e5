package dev.smtpdouble.examples;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;

import dev.smtpdouble.SmtpDoubleControl;
import dev.smtpdouble.examples.NotificationMailer.RetryPolicy;
import dev.smtpdouble.junit.SmtpDoubleTest;
import dev.smtpdouble.testcontainers.SmtpDoubleContainer;
import dev.smtpdouble.testcontainers.Testcontainers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The README's container examples, as written there: the image is $SMTP_DOUBLE_IMAGE (.ci/run builds it). */
@EnabledIfEnvironmentVariable(named = "DOCKER_HOST", matches = ".+", disabledReason = "Testcontainers needs a Docker API")
class WelcomeMailContainerIT {

    @Nested
    @SmtpDoubleTest(scenario = "greeting-421-then-accept", container = true)   // image: -Dsmtpdouble.image or SMTP_DOUBLE_IMAGE
    class WelcomeMailContainerTest {

        @Test
        void retriesWhenTheServerIsBrieflyDown(SmtpDoubleControl smtp) throws Exception {
            var mailer = new NotificationMailer(smtp.host(), smtp.port(), new RetryPolicy(3, Duration.ofMillis(200)));

            mailer.send("noreply@shop.test", List.of("ada@example.test"), "Welcome", "Hello Ada");

            assertThat(smtp).awaitMessages(1).hasConnections(2)
                    .session(0).hasReplyCodes(421).wasClosedByServer()
                    .and().onlyMessage().hasSubject("Welcome");
        }
    }

    @Nested
    class WithoutTheExtension {

        static SmtpDoubleContainer smtp = Testcontainers.labelled(new SmtpDoubleContainer(System.getenv("SMTP_DOUBLE_IMAGE")))
                .withScenario("greeting-421-then-accept")       // a name, a Path, or withScenarioYaml(yaml)
                .withListener(2526, "greylist");                // a second SMTP listener: getSmtpPort(2526), client(2526)

        @AfterAll
        static void stop() {
            smtp.stop();
        }

        @Test
        void retries() throws Exception {
            smtp.start();
            var mailer = new NotificationMailer(smtp.getSmtpHost(), smtp.getSmtpPort(), new RetryPolicy(3, Duration.ofMillis(200)));
            mailer.send("noreply@shop.test", List.of("ada@example.test"), "Welcome", "Hello Ada");
            assertThat(smtp.client()).awaitMessages(1).hasConnections(2);
        }
    }
}
