package dev.smtpdouble.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.scenario.Scenarios;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/** The opt-in checks really fail tests, and only the tests they should; run through EngineTestKit. */
class ExtensionChecksTest {

    @Test
    void failOnUnfiredRulesFailsATestThatNeverTriggeredTheScenario() {
        Events tests = Examples.run(UnfiredRules.class).testEvents();

        tests.assertStatistics(stats -> stats.started(3).succeeded(1).failed(2));
        tests.assertThatEvents()
                .haveExactly(1, event(test("exercisesTheRule"), finishedSuccessfully()))
                .haveExactly(1, event(test("sendsNothing"), finishedWithFailure(instanceOf(AssertionFailedError.class),
                        message(m -> m.startsWith("smtp-double: rule 'greylist each new triplet' of scenario "
                                + "'greylist' never fired") && m.contains("What the server saw: 0 sessions")))))
                .haveExactly(1, event(test("failsForItsOwnReason"), finishedWithFailure(message("its own failure"))));
    }

    @Test
    void theCheckDoesNotPileOntoATestThatFailedAlready() {
        Throwable failure = Examples.run(UnfiredRules.class).testEvents().failed().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow())
                .map(r -> r.getThrowable().orElseThrow())
                .filter(t -> "its own failure".equals(t.getMessage()))
                .findFirst().orElseThrow();
        assertThat(failure.getSuppressed()).isEmpty();
    }

    @Test
    void failOnUnfiredRulesWorksForTheProgrammaticFormToo() {
        Events tests = Examples.run(UnfiredRulesProgrammatic.class).testEvents();

        tests.assertStatistics(stats -> stats.started(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(test("sendsNothing"),
                finishedWithFailure(message(m -> m.contains("rule 'refuse the first connection'")))));
    }

    @Test
    void useScenarioSetsTheUnfiredRulesCheckForItsTest() {
        Events tests = Examples.run(UnfiredRulesPerTest.class).testEvents();

        tests.assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
        tests.assertThatEvents()
                .haveExactly(1, event(test("checkedForThisTestOnly"), finishedWithFailure(message(m -> m.startsWith(
                        "smtp-double: rule 'refuse every connection' of scenario 'greeting-421' never fired")))))
                .haveExactly(1, event(test("theClassSettingHolds"), finishedSuccessfully()))
                .haveExactly(1, event(test("uncheckedForThisTest"), finishedSuccessfully()));
    }

    @Test
    void aRuleWithoutANameIsNamedByItsNumberAndTrigger() {
        Events tests = Examples.run(UnnamedRule.class).testEvents();

        tests.assertThatEvents().haveExactly(1, event(test("neverReachesRcpt"), finishedWithFailure(message(m ->
                m.startsWith("smtp-double: rule 2 (rcpt) of scenario 'two-rules' never fired")))));
    }

    @Test
    void failOnUnexpectedRejectionsFailsOnRejectionsNoRuleAskedFor() {
        Events tests = Examples.run(UnexpectedRejections.class).testEvents();

        tests.assertStatistics(stats -> stats.started(4).succeeded(2).failed(2));
        tests.assertThatEvents()
                .haveExactly(1, event(test("aRuleRejectionIsExpected"), finishedSuccessfully()))
                .haveExactly(1, event(test("aCleanDelivery"), finishedSuccessfully()))
                .haveExactly(1, event(test("malformedSender"), finishedWithFailure(message(m ->
                        m.contains("the server answered 'MAIL FROM:<ada@example.test' with '501 5.1.7")
                                && m.contains("which no scenario rule asked for")
                                && m.contains("C: MAIL FROM:<ada@example.test")))))
                .haveExactly(1, event(test("unknownCommandAndBadSequence"), finishedWithFailure(message(m ->
                        m.contains("'HELLO there' with '500") && m.contains("'DATA' with '503")))));
    }

    @OnlyInEngineTestKit
    @SmtpDoubleTest(scenario = "greylist", failOnUnfiredRules = true)
    static class UnfiredRules {

        @Test
        void exercisesTheRule(SmtpDouble smtp) {
            try (SmtpClient client = SmtpClient.connect(smtp)) {
                client.send("EHLO client.test");
                client.send("MAIL FROM:<ada@example.test>");
                assertThat(client.send("RCPT TO:<bob@example.test>")).startsWith("451");
            }
        }

        @Test
        void sendsNothing() {
        }

        @Test
        void failsForItsOwnReason() {
            throw new AssertionError("its own failure");
        }
    }

    @OnlyInEngineTestKit
    @SmtpDoubleTest
    static class UnfiredRulesPerTest {

        @Test
        @UseScenario(value = "greeting-421", failOnUnfiredRules = true)
        void checkedForThisTestOnly() {
        }

        @Test
        @UseScenario("greeting-421")
        void theClassSettingHolds() {
        }

        @Nested
        @SmtpDoubleTest(scenario = "greylist", failOnUnfiredRules = true)
        class CheckedClass {

            @Test
            @UseScenario(value = "greeting-421", failOnUnfiredRules = false)
            void uncheckedForThisTest() {
            }
        }
    }

    @OnlyInEngineTestKit
    static class UnnamedRule {

        @RegisterExtension
        static SmtpDoubleExtension smtp = SmtpDoubleExtension.builder().failOnUnfiredRules(true)
                .scenario(Scenarios.fromYaml("""
                        scenario: two-rules
                        rules:
                          - on: connect
                            delay: 1ms
                          - on: rcpt
                            reply: 451 4.7.1 Not now
                        """, "inline")).build();

        @Test
        void neverReachesRcpt(SmtpDouble server) throws Exception {
            try (SmtpClient client = SmtpClient.connect(server)) {
                client.send("QUIT");
            }
        }
    }

    @OnlyInEngineTestKit
    static class UnfiredRulesProgrammatic {

        @RegisterExtension
        static SmtpDoubleExtension smtp = SmtpDoubleExtension.builder()
                .scenario("greeting-421-then-accept").failOnUnfiredRules(true).build();

        @Test
        void sendsNothing() {
        }
    }

    @OnlyInEngineTestKit
    @SmtpDoubleTest(scenario = "greylist", failOnUnexpectedRejections = true)
    static class UnexpectedRejections {

        @Test
        void aRuleRejectionIsExpected(SmtpDouble smtp) {
            try (SmtpClient client = SmtpClient.connect(smtp)) {
                client.send("EHLO client.test");
                client.send("MAIL FROM:<ada@example.test>");
                assertThat(client.send("RCPT TO:<bob@example.test>")).startsWith("451");
                client.send("QUIT");
            }
        }

        @Test
        void aCleanDelivery(SmtpDouble smtp) {
            smtp.useScenario(dev.smtpdouble.scenario.Scenario.ACCEPT_ALL);
            Mail.send(smtp, "bob@example.test", "fine");
        }

        @Test
        void malformedSender(SmtpDouble smtp) {
            try (SmtpClient client = SmtpClient.connect(smtp)) {
                client.send("EHLO client.test");
                client.send("MAIL FROM:<ada@example.test");
                client.send("QUIT");
            }
        }

        @Test
        void unknownCommandAndBadSequence(SmtpDouble smtp) {
            try (SmtpClient client = SmtpClient.connect(smtp)) {
                client.send("HELLO there");
                client.send("EHLO client.test");
                client.send("DATA");
                client.send("QUIT");
            }
        }
    }
}
