package dev.smtpdouble.examples;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.SmtpDoubleControl;
import dev.smtpdouble.junit.SmtpDoubleTest;
import dev.smtpdouble.testcontainers.SmtpDoubleContainer;
import dev.smtpdouble.testcontainers.Testcontainers;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
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
        void theSecondConnectionGetsThrough(SmtpDoubleControl smtp) throws Exception {
            Properties props = new Properties();
            props.put("mail.smtp.host", smtp.host());
            props.put("mail.smtp.port", String.valueOf(smtp.port()));
            MimeMessage welcome = new MimeMessage(Session.getInstance(props));
            welcome.setFrom("noreply@shop.test");
            welcome.setRecipients(Message.RecipientType.TO, "ada@example.test");
            welcome.setSubject("Welcome");
            welcome.setText("Hello Ada");

            assertThatThrownBy(() -> Transport.send(welcome)).hasMessageContaining("421");   // connection 1
            Transport.send(welcome);                                                         // connection 2

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
        void theSecondConnectionGetsThrough() throws Exception {
            smtp.start();
            Properties props = new Properties();
            props.put("mail.smtp.host", smtp.getSmtpHost());
            props.put("mail.smtp.port", String.valueOf(smtp.getSmtpPort()));
            MimeMessage welcome = new MimeMessage(Session.getInstance(props));
            welcome.setFrom("noreply@shop.test");
            welcome.setRecipients(Message.RecipientType.TO, "ada@example.test");
            welcome.setText("Hello Ada");

            assertThatThrownBy(() -> Transport.send(welcome)).hasMessageContaining("421");
            Transport.send(welcome);
            assertThat(smtp.client()).awaitMessages(1).hasConnections(2);
        }
    }
}
