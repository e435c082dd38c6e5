package dev.smtpdouble.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules written in Java are the rules a file gives, checked with the same messages. */
class ScenarioBuilderTest {

    @Test
    void theBuilderGivesTheScenarioTheFileGives() {
        Scenario fromFile = ScenarioLoader.parse("""
                scenario: flaky-relay
                description: The first connection is refused.
                seed: 42
                initial_state: calm
                rules:
                  - name: refuse the first connection
                    on: connect
                    connection: 1
                    reply: 421 4.3.2 Service not available, closing transmission channel
                  - on: rcpt
                    occurrence_in_transaction: "2+"
                    argument: '@blocked\\.test>'
                    probability: 0.5
                    reply: ["550 5.7.1 No", "really not"]
                    set_state: angry
                  - {on: mail, state: angry, delay: 1500, action: close, times: 2}
                  - {on: content, after_bytes: 1024, action: reset}
                  - {on: idle, after: 2s, messages: 0, reply: 421 4.4.2 Timeout exceeded}
                  - {on: ehlo, helo: '^bad', malformed: false, transaction: 1-3, reply: 550 5.7.1 Bad name}
                  - {on: mail, parameter: smtputf8, occurrence: 3, action: hang}
                  - {on: noop, action: close_now}
                  - {on: message, times: 1, accept: true, action: reset}
                """, "flaky.yaml");

        Scenario built = ScenarioBuilder.named("flaky-relay")
                .description("The first connection is refused.")
                .seed(42)
                .initialState("calm")
                .rule(Rules.on(Trigger.CONNECT).named("refuse the first connection").connection(1)
                        .reply("421 4.3.2 Service not available, closing transmission channel"))
                .rule(Rules.on(Trigger.RCPT).occurrenceInTransaction("2+").argument("@blocked\\.test>").probability(0.5)
                        .reply("550 5.7.1 No", "really not").setState("angry"))
                .rule(Rules.on(Trigger.MAIL).state("angry").delay(Duration.ofMillis(1500)).close().times(2))
                .rule(Rules.on(Trigger.CONTENT).afterBytes(1024).reset())
                .rule(Rules.on(Trigger.IDLE).after(Duration.ofSeconds(2)).messages(0)
                        .reply("421 4.4.2 Timeout exceeded"))
                .rule(Rules.on(Trigger.EHLO).helo("^bad").malformed(false).transaction("1-3")
                        .reply("550 5.7.1 Bad name"))
                .rule(Rules.on(Trigger.MAIL).parameter("smtputf8").occurrence(3).hang())
                .rule(Rules.on(Trigger.NOOP).closeNow())
                .rule(Rules.on(Trigger.MESSAGE).times(1).accept().reset())
                .build();

        assertThat(built.name()).isEqualTo(fromFile.name());
        assertThat(built.description()).isEqualTo(fromFile.description());
        assertThat(built.seed()).isEqualTo(fromFile.seed());
        assertThat(built.initialState()).isEqualTo(fromFile.initialState());
        // Pattern has no equals: the rules compare by their text, regexes included.
        assertThat(built.rules()).hasSize(9).hasToString(fromFile.rules().toString());
    }

    @Test
    void mistakesGetTheMessagesAFileGets() {
        String yaml = """
                scenario: broken
                rules:
                  - {on: mail, after_bytes: 10, reply: 451 4.3.0 x}
                  - {on: rcpt, reply: 421 5.3.2 Bye}
                  - {on: data, argument: '[abc', reply: 42 x}
                  - {on: idle, reply: 421 4.4.2 Timeout}
                  - {on: content}
                  - {on: connect, action: reset, reply: 421 4.3.2 Bye}
                  - {on: rcpt, state: nowhere, probability: 1.5, times: 0, connection: "0", delay: 360000000}
                """;
        List<String> fileProblems = problems(() -> ScenarioLoader.parse(yaml, "broken.yaml"));

        List<String> builderProblems = problems(() -> ScenarioBuilder.named("broken")
                .rule(Rules.on(Trigger.MAIL).afterBytes(10).reply("451 4.3.0 x"))
                .rule(Rules.on(Trigger.RCPT).reply("421 5.3.2 Bye"))
                .rule(Rules.on(Trigger.DATA).argument("[abc").reply("42 x"))
                .rule(Rules.on(Trigger.IDLE).reply("421 4.4.2 Timeout"))
                .rule(Rules.on(Trigger.CONTENT))
                .rule(Rules.on(Trigger.CONNECT).reset().reply("421 4.3.2 Bye"))
                .rule(Rules.on(Trigger.RCPT).state("nowhere").probability(1.5).times(0).connection("0")
                        .delay(Duration.ofHours(100)))
                .build());

        assertThat(fileProblems).hasSize(11);
        assertThat(builderProblems).allSatisfy(problem -> assertThat(problem).startsWith("scenario 'broken', rule "));
        assertThat(withoutPlace(builderProblems)).isEqualTo(withoutPlace(fileProblems));
        assertThat(builderProblems.get(0))
                .isEqualTo("scenario 'broken', rule 1: 'after_bytes' does not apply to 'on: mail'; it applies to content");
    }

    @Test
    void limitsAndGreylistsAreTheFilesToo() {
        Scenario fromFile = ScenarioLoader.parse("""
                scenario: keyed
                rules:
                  - on: mail
                    limit: {count: messages, max: 30, per: 1m, window: fixed, key: [sender_domain, client_ip]}
                    reply: 432 4.3.2 {count} of {max}
                  - on: rcpt
                    greylist: {key: [client_network, recipient], min_delay: 1m, retain: 1d, retry_window: 1h, max_attempts: 4}
                """, "keyed.yaml");

        Scenario built = ScenarioBuilder.named("keyed")
                .rule(Rules.on(Trigger.MAIL)
                        .limit(Rules.limit(Limit.Counted.MESSAGES, 30).per(Duration.ofMinutes(1)).fixedWindow()
                                .by(KeyPart.SENDER_DOMAIN, KeyPart.CLIENT_IP))
                        .reply("432 4.3.2 {count} of {max}"))
                .rule(Rules.on(Trigger.RCPT).greylist(Rules.greylist().by(KeyPart.CLIENT_NETWORK, KeyPart.RECIPIENT)
                        .minDelay(Duration.ofMinutes(1)).retain(Duration.ofDays(1)).retryWindow(Duration.ofHours(1))
                        .maxAttempts(4)))
                .build();

        assertThat(built.rules()).hasToString(fromFile.rules().toString());
        assertThat(problems(() -> ScenarioBuilder.named("broken").rule(Rules.on(Trigger.CONNECT)
                .limit(Rules.limit(Limit.Counted.CONNECTIONS, 3).by(KeyPart.SENDER))).build()))
                .containsExactlyInAnyOrder(
                        "scenario 'broken', rule 1: a limit of connections needs 'per', the window, e.g. per: 1m",
                        "scenario 'broken', rule 1: key 'sender' has no value at 'on: connect'; it is known at mail, "
                                + "rcpt, data, message, bdat");
    }

    @Test
    void badSettingsFailAtBuild() {
        assertThatThrownBy(() -> ScenarioBuilder.named("tiny").settings(s -> s.withMaxRecipients(0)).build())
                .isInstanceOf(ScenarioException.class)
                .hasMessage("scenario 'tiny': settings: maxRecipients must be at least 1: 0");
    }

    @Test
    void settingsApplyInOrder() {
        Scenario scenario = ScenarioBuilder.named("small")
                .settings(s -> s.withMaxRecipients(10))
                .settings(s -> s.withHostname("mx.test"))
                .build();

        Settings applied = scenario.settings().apply(Settings.DEFAULTS);
        assertThat(applied.maxRecipients()).isEqualTo(10);
        assertThat(applied.hostname()).isEqualTo("mx.test");
        assertThat(scenario.rules()).isEmpty();
    }

    private static List<String> problems(Runnable load) {
        try {
            load.run();
        } catch (ScenarioException e) {
            return e.problems();
        }
        throw new AssertionError("expected a ScenarioException");
    }

    private static List<String> withoutPlace(List<String> problems) {
        return problems.stream().map(p -> p.replaceFirst("^(broken\\.yaml(:\\d+:\\d+)?|scenario 'broken'(, rule \\d+)?): ", ""))
                .toList();
    }
}
