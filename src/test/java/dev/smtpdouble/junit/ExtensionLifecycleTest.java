package dev.smtpdouble.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.scenario.ScenarioException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.Events;

/**
 * How the extension manages its servers: JUnit's store closes them (after the class, or after each
 * test), resets can be turned off, per-test servers can be declared, a bad scenario fails the
 * class, and a shared server is refused to concurrent tests that would wipe each other's journal.
 */
class ExtensionLifecycleTest {

    /** Connections the examples leave open, to see the server's goodbye after the run. */
    private static final List<SmtpClient> LEFT_OPEN = Collections.synchronizedList(new ArrayList<>());
    private static final Set<SmtpDouble> SEEN = Collections.synchronizedSet(
            Collections.newSetFromMap(new IdentityHashMap<>()));

    @Test
    void theStoreClosesTheClassServerAfterTheClass() throws IOException {
        LEFT_OPEN.clear();
        Examples.run(LeavesAConnectionOpen.class).testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(LEFT_OPEN).hasSize(1);
        try (SmtpClient client = LEFT_OPEN.get(0)) {
            assertThat(client.reply()).startsWith("421 4.3.2");
            assertThat(client.reply()).as("then the connection is closed").isNull();
        }
    }

    @Test
    void theStoreClosesEachPerTestServerAfterItsTest() {
        LEFT_OPEN.clear();
        SEEN.clear();
        Events tests = Examples.run(PerTestServersClosedAfterEachTest.class).testEvents();

        tests.assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(SEEN).hasSize(2);
        LEFT_OPEN.forEach(SmtpClient::close);
    }

    @Test
    void withoutResetTestsBuildOnEachOther() {
        Examples.run(NoReset.class).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    @Test
    void serverPerTestGivesEachTestItsOwnServer() {
        SEEN.clear();
        Examples.run(DeclaredPerTest.class).testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
        assertThat(SEEN).hasSize(3);
    }

    @Test
    void anUnknownScenarioFailsTheClassWithTheLoadersMessage() {
        Examples.run(UnknownScenario.class).containerEvents().assertThatEvents().haveExactly(1,
                event(container(UnknownScenario.class), finishedWithFailure(instanceOf(ScenarioException.class),
                        message(m -> m.startsWith("no scenario 'no-such-scenario'")))));
    }

    @Test
    void anUnknownScenarioOnAMethodFailsThatTestOnly() {
        Events tests = Examples.run(UnknownMethodScenario.class).testEvents();

        tests.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(test("badScenario"), finishedWithFailure(
                instanceOf(ScenarioException.class), message(m -> m.startsWith("no scenario 'greylisted'")))));
    }

    @Test
    void aSharedServerIsRefusedToConcurrentTestsThatResetIt() {
        Events tests = Examples.run(SharedAndConcurrent.class,
                "junit.jupiter.execution.parallel.enabled", "true").testEvents();

        tests.assertStatistics(stats -> stats.started(2).failed(2));
        tests.assertThatEvents().haveExactly(2, event(test(), finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class), message(m -> m.contains("runs its tests "
                        + "concurrently on one shared smtp-double")))));
    }

    @Test
    void aSharedServerWithoutResetIsFineForConcurrentTests() {
        Examples.run(SharedConcurrentWithoutReset.class, "junit.jupiter.execution.parallel.enabled", "true")
                .testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    @OnlyInEngineTestKit
    @SmtpDoubleTest
    static class LeavesAConnectionOpen {
        @Test
        void opensAndLeaves(SmtpDouble smtp) {
            SmtpClient client = SmtpClient.connect(smtp);
            client.send("EHLO client.test");
            LEFT_OPEN.add(client);
        }
    }

    @OnlyInEngineTestKit
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerTestServersClosedAfterEachTest {

        @RegisterExtension
        SmtpDoubleExtension smtp = SmtpDoubleExtension.builder().build();

        @Test
        @Order(1)
        void opensAndLeaves(SmtpDouble server) {
            SEEN.add(server);
            SmtpClient client = SmtpClient.connect(server);
            client.send("EHLO client.test");
            LEFT_OPEN.add(client);
        }

        @Test
        @Order(2)
        void theFirstTestsServerSaidGoodbye(SmtpDouble server) throws IOException {
            SEEN.add(server);
            SmtpClient first = LEFT_OPEN.get(0);
            assertThat(first.reply()).startsWith("421 4.3.2");
            assertThat(first.reply()).isNull();
        }
    }

    @OnlyInEngineTestKit
    @SmtpDoubleTest(scenario = "greeting-421-then-accept", resetBeforeEach = false)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class NoReset {

        @Test
        @Order(1)
        void firstConnectionRefusedThenDelivered(SmtpDouble smtp) {
            try (SmtpClient client = SmtpClient.connect(smtp)) {
                assertThat(client.greeting()).startsWith("421");
            }
            Mail.send(smtp, "ada@example.test", "one");
        }

        @Test
        @Order(2)
        void theJournalAndCountersCarryOver(SmtpDouble smtp) {
            SmtpAssertions.assertThat(smtp).hasConnections(2).hasReceivedMessages(1);
            Mail.send(smtp, "ada@example.test", "two");
            SmtpAssertions.assertThat(smtp).hasConnections(3).hasReceivedMessages(2)
                    .message(1).hasSubject("two");
        }
    }

    @OnlyInEngineTestKit
    @SmtpDoubleTest(scenario = "greylist", serverPerTest = true)
    static class DeclaredPerTest {

        @org.junit.jupiter.api.RepeatedTest(3)
        void ownServer(SmtpDouble smtp) {
            SEEN.add(smtp);
            assertThat(smtp.scenario().name()).isEqualTo("greylist");
        }
    }

    @OnlyInEngineTestKit
    @SmtpDoubleTest(scenario = "no-such-scenario")
    static class UnknownScenario {
        @Test
        void neverRuns() {
        }
    }

    @OnlyInEngineTestKit
    @SmtpDoubleTest(scenario = "greylist")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class UnknownMethodScenario {
        @Test
        @Order(1)
        @UseScenario("greylisted")
        void badScenario() {
        }

        @Test
        @Order(2)
        void theClassScenarioIsStillInForce(SmtpDouble smtp) {
            assertThat(smtp.scenario().name()).isEqualTo("greylist");
        }
    }

    @OnlyInEngineTestKit
    @SmtpDoubleTest
    @Execution(ExecutionMode.CONCURRENT)
    static class SharedAndConcurrent {
        @Test
        void one() {
        }

        @Test
        void two() {
        }
    }

    @OnlyInEngineTestKit
    @SmtpDoubleTest(resetBeforeEach = false)
    @Execution(ExecutionMode.CONCURRENT)
    static class SharedConcurrentWithoutReset {
        @Test
        void one(SmtpDouble smtp) {
            Mail.send(smtp, "one@example.test", "one");
        }

        @Test
        void two(SmtpDouble smtp) {
            Mail.send(smtp, "two@example.test", "two");
        }
    }
}
