package dev.smtpdouble.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.SmtpDoubleControl;
import dev.smtpdouble.journal.JournalReader;
import dev.smtpdouble.remote.SmtpDoubleClient;
import dev.smtpdouble.testcontainers.SmtpDoubleContainer;
import dev.smtpdouble.testcontainers.Testcontainers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Events;

/**
 * {@code @SmtpDoubleTest(container = true)}: one attribute runs the same test class against the
 * image in a container instead of in this JVM, with the same parameters, scenarios and assertions.
 * The image is {@code $SMTP_DOUBLE_IMAGE}; Testcontainers talks to podman's Docker API (.ci/run).
 */
@Timeout(300)
class ContainerModeIT {

    @BeforeAll
    static void needsDocker() {
        Testcontainers.require();
    }

    /** Tests that do not care where the server runs. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    abstract static class RetryTests {

        @Test
        @Order(1)
        void retriesAfterA421Greeting(SmtpDoubleControl smtp) {
            try {
                Mail.send(smtp, "user@example.test", "Welcome");
            } catch (IllegalStateException refused) {
                Mail.send(smtp, "user@example.test", "Welcome");
            }
            SmtpAssertions.assertThat(smtp).awaitMessages(1).awaitEndedConnections(2)
                    .hasConnections(2).hasNoUnfiredRules()
                    .session(0).hasReplyCodes(421).wasClosedByServer()
                    .and().onlyMessage().hasSubject("Welcome").hasRecipients("user@example.test");
        }

        @Test
        @Order(2)
        @UseScenario("greylist")
        void aScenarioForOneTest(SmtpDoubleControl smtp, JournalReader journal) {
            assertThat(smtp.scenarioName()).isEqualTo("greylist");
            assertThat(journal.sessions()).as("reset before each test").isEmpty();
        }

        @Test
        @Order(3)
        void theClassScenarioIsBackAfterIt(SmtpDoubleControl smtp) {
            assertThat(smtp.scenarioName()).isEqualTo("greeting-421-then-accept");
            assertThat(smtp.ruleFirings()).containsValue(0);
        }
    }

    @OnlyInEngineTestKit
    @SmtpDoubleTest(scenario = "greeting-421-then-accept")
    static class InThisJvm extends RetryTests {
    }

    @OnlyInEngineTestKit
    @SmtpDoubleTest(scenario = "greeting-421-then-accept", container = true)
    static class InAContainer extends RetryTests {

        @Test
        @Order(4)
        void theContainerAndItsClientCanBeInjected(SmtpDoubleContainer container, SmtpDoubleClient client) {
            assertThat(client.port()).isEqualTo(container.getSmtpPort());
            assertThat(client.isHealthy()).isTrue();
        }
    }

    @OnlyInEngineTestKit
    @SmtpDoubleTest(scenario = "greeting-421-then-accept", container = true, failOnUnfiredRules = true)
    static class UnfiredRuleInAContainer {
        @Test
        void connectsNever(SmtpDoubleControl smtp) {
            assertThat(smtp.port()).isPositive();
        }
    }

    @OnlyInEngineTestKit
    @SmtpDoubleTest(container = true)
    static class AskingForTheEmbeddedServer {
        @Test
        void wantsSmtpDouble(SmtpDouble smtp) {
            assertThat(smtp).isNotNull();
        }
    }

    @OnlyInEngineTestKit
    @SmtpDoubleTest(container = true, maxRecipients = 5)
    static class ALimitWithoutAnOption {
        @Test
        void neverRuns(SmtpDoubleControl smtp) {
            assertThat(smtp).isNotNull();
        }
    }

    @OnlyInEngineTestKit
    static class Programmatic {
        @org.junit.jupiter.api.extension.RegisterExtension
        static SmtpDoubleExtension smtp = SmtpDoubleExtension.builder()
                .container(System.getenv().getOrDefault("SMTP_DOUBLE_IMAGE", "localhost/smtp-double:ci"))
                .scenario("greylist").syntax(dev.smtpdouble.protocol.SyntaxMode.STRICT).build();

        @Test
        void theFieldReachesTheContainer() {
            assertThat(smtp.control().scenarioName()).isEqualTo("greylist");
            assertThat(smtp.port()).isPositive();
            assertThatThrownBy(smtp::server).hasMessageContaining("runs in a container: use control()");
            assertThatThrownBy(() -> Mail.send(smtp.control(), "user@example.test", "Greylisted first"))
                    .hasRootCauseMessage("451 4.7.1 Greylisted, try again later\n");
            Mail.send(smtp.control(), "user@example.test", "Accepted then");
            SmtpAssertions.assertThat(smtp.control()).awaitMessages(1).hasFired("greylist each new triplet")
                    .onlyMessage().hasSubject("Accepted then");
        }
    }

    @Test
    void theProgrammaticFormRunsAContainerToo() {
        Events events = Examples.run(Programmatic.class).testEvents();
        events.assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
    }

    @Test
    void theSameTestsPassInThisJvmAndInAContainer() {
        Events inJvm = Examples.run(InThisJvm.class).testEvents();
        Events inContainer = Examples.run(InAContainer.class).testEvents();

        inJvm.assertStatistics(stats -> stats.started(3).succeeded(3).failed(0));
        inContainer.assertStatistics(stats -> stats.started(4).succeeded(4).failed(0));
    }

    @Test
    void theOptInChecksWorkOnAContainer() {
        EngineExecutionResults results = Examples.run(UnfiredRuleInAContainer.class);
        results.testEvents().assertStatistics(stats -> stats.failed(1));
        Throwable failure = results.testEvents().failed().list().get(0)
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(failure).hasMessageContaining("rule 'refuse the first connection' of scenario "
                + "'greeting-421-then-accept' never fired");
    }

    @Test
    void aParameterOnlyAnEmbeddedServerHasSaysWhatToDeclare() {
        Throwable failure = firstFailure(Examples.run(AskingForTheEmbeddedServer.class));
        assertThat(failure).hasMessageContaining("SmtpDouble parameter needs an smtp-double in this JVM")
                .hasMessageContaining("SmtpDoubleControl");
    }

    @Test
    void aLimitWithoutACommandLineOptionIsRefusedWithWhereToPutIt() {
        Throwable failure = firstFailure(Examples.run(ALimitWithoutAnOption.class));
        assertThat(failure).hasMessageContaining("maxRecipients cannot be set on a server in a container")
                .hasMessageContaining("server:");
    }

    @Test
    void theImageComesFromTheAnnotationThenThePropertyThenTheEnvironment() {
        assertThat(ServerConfig.ContainerSettings.image("a", "b", "c")).isEqualTo("a");
        assertThat(ServerConfig.ContainerSettings.image("", "b", "c")).isEqualTo("b");
        assertThat(ServerConfig.ContainerSettings.image("", null, "c")).isEqualTo("c");
        assertThatThrownBy(() -> ServerConfig.ContainerSettings.image("", null, " "))
                .hasMessageContaining("@SmtpDoubleTest(image = ...)").hasMessageContaining("smtpdouble.image")
                .hasMessageContaining("SMTP_DOUBLE_IMAGE");
    }

    private static Throwable firstFailure(EngineExecutionResults results) {
        return results.allEvents().failed().list().get(0)
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }
}
