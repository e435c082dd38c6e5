package dev.smtpdouble.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.protocol.SyntaxMode;
import dev.smtpdouble.sasl.AuthSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Loading scenario YAML: every mistake is refused with file, line, column and a sentence; valid files load. */
class ScenarioLoaderTest {

    private static final String FILE = "bad.yaml";

    private static Scenario load(String yaml) {
        return ScenarioLoader.parse(yaml, FILE);
    }

    private static List<String> problems(String yaml) {
        try {
            load(yaml);
        } catch (ScenarioException e) {
            return e.problems();
        }
        throw new AssertionError("expected the scenario to be refused:\n" + yaml);
    }

    /** One mistake each: the text, where it must be reported (line, column) and what the sentence must say. */
    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("unknown rule key, nearest suggested", """
                        rules:
                          - on: mail
                            repy: 250 Ok
                        """, 3, 5, "unknown key 'repy' in rule 1; did you mean 'reply'?"),
                mistake("unknown top-level key, nearest suggested", """
                        scenario: x
                        descripton: y
                        """, 2, 1, "unknown key 'descripton' in the scenario; did you mean 'description'?"),
                mistake("unknown server key, nearest suggested", """
                        server:
                          max_conections: 2
                        """, 2, 3, "unknown key 'max_conections' in server; did you mean 'max_connections'?"),
                mistake("unknown key far from every known key lists them", """
                        rules:
                          - on: mail
                            wobble: 1
                        """, 3, 5, "unknown key 'wobble' in rule 1; known keys: accept, action, after, after_bytes"),
                mistake("unknown trigger, nearest suggested", """
                        rules:
                          - on: mial
                        """, 2, 9, "'on: mial' is not a trigger; did you mean 'mail'?"),
                mistake("rule without 'on'", """
                        rules:
                          - reply: 250 Ok
                        """, 2, 5, "rule 1 needs 'on': one of connect, ehlo"),
                mistake("unknown action, nearest suggested", """
                        rules:
                          - on: mail
                            action: clsoe
                        """, 3, 13, "'action: clsoe' is not an action; did you mean 'close'?"),
                mistake("reply code of two digits", """
                        rules:
                          - on: mail
                            reply: 42 Try later
                        """, 3, 12, "a reply must start with a three-digit code"),
                mistake("reply code of four digits", """
                        rules:
                          - on: mail
                            reply: 4210 Try later
                        """, 3, 12, "a reply must start with a three-digit code"),
                mistake("reply code 6xx", """
                        rules:
                          - on: mail
                            reply: 600 Nope
                        """, 3, 12, "reply code 600 is not 2xx-5xx"),
                mistake("reply code 1xx", """
                        rules:
                          - on: mail
                            reply: 199 Nope
                        """, 3, 12, "reply code 199 is not 2xx-5xx"),
                mistake("reply without a code", """
                        rules:
                          - on: mail
                            reply: Service not available
                        """, 3, 12, "a reply must start with a three-digit code"),
                mistake("empty reply", """
                        rules:
                          - on: mail
                            reply:
                        """, 3, 11, "a reply must start with a three-digit code"),
                mistake("enhanced status class 5 on a 421", """
                        rules:
                          - on: mail
                            reply: 421 5.3.2 System shutting down
                        """, 3, 12, "enhanced status 5.3.2 does not match reply code 421: its class must be 4"),
                mistake("enhanced status class 4 on a 250", """
                        rules:
                          - on: rcpt
                            reply: 250 4.0.0 Ok
                        """, 3, 12, "enhanced status 4.0.0 does not match reply code 250: its class must be 2"),
                mistake("enhanced status that is not one", """
                        rules:
                          - on: rcpt
                            reply: 451 4.1000.1 Later
                        """, 3, 12, "'4.1000.1' is not an enhanced status code"),
                mistake("control character in a reply", """
                        rules:
                          - on: rcpt
                            reply: "250 a\\u0007b"
                        """, 3, 12, "reply text must not contain control characters"),
                mistake("bad argument regex", """
                        rules:
                          - on: mail
                            argument: '<[a-z'
                        """, 3, 15, "'argument' is not a valid regular expression: missing closing ]: `[a-z` in '<[a-z'"),
                mistake("bad helo regex", """
                        rules:
                          - on: ehlo
                            helo: '(unclosed'
                        """, 3, 11, "'helo' is not a valid regular expression: missing closing ): `(unclosed` in '(unclosed'"),
                mistake("state used but never entered", """
                        rules:
                          - on: mail
                            state: tripped
                            reply: 451 4.3.0 Later
                        """, 2, 5, "this rule waits for state 'tripped', but no rule enters it"),
                mistake("negative delay", """
                        rules:
                          - on: mail
                            delay: -1s
                        """, 3, 12, "'delay' must be between 0 and 10m: '-1s'"),
                mistake("absurd delay", """
                        rules:
                          - on: mail
                            delay: 100m
                        """, 3, 12, "'delay' must be between 0 and 10m: '100m'"),
                mistake("delay in an unknown unit", """
                        rules:
                          - on: mail
                            delay: 2w
                        """, 3, 12, "'delay' must be a duration such as 500ms, 2s, 5m or 2h: '2w'"),
                mistake("delay beyond any number", """
                        rules:
                          - on: mail
                            delay: 99999999999999999999999s
                        """, 3, 12, "'delay' must be a duration such as 500ms, 2s, 5m or 2h"),
                mistake("negative idle silence", """
                        rules:
                          - on: idle
                            after: -5s
                            reply: 421 4.4.2 Timeout exceeded
                        """, 3, 12, "'after' must be between 0 and 1h: '-5s'"),
                mistake("zero idle silence", """
                        rules:
                          - on: idle
                            after: 0
                            reply: 421 4.4.2 Timeout exceeded
                        """, 3, 12, "'after' must be more than 0 for an idle rule"),
                mistake("absurd idle timeout", """
                        server:
                          idle_timeout: 100000m
                        """, 2, 17, "'idle_timeout' must be between 0 and"),
                mistake("zero idle timeout", """
                        server:
                          idle_timeout: 0s
                        """, 2, 17, "'idle_timeout' must be more than 0"),
                mistake("connection 0", """
                        rules:
                          - on: connect
                            connection: 0
                        """, 3, 17, "'connection' must be a number from 1, a range like \"2-4\", or \"3+\": '0'"),
                mistake("negative connection", """
                        rules:
                          - on: connect
                            connection: -1
                        """, 3, 17, "'connection' must be a number from 1"),
                mistake("backwards range", """
                        rules:
                          - on: rcpt
                            occurrence: 4-2
                        """, 3, 17, "'occurrence' must be a number from 1, a range like \"2-4\", or \"3+\": '4-2'"),
                mistake("range that is not a number", """
                        rules:
                          - on: mail
                            transaction: first
                        """, 3, 18, "'transaction' must be a number from 1"),
                mistake("probability 0", """
                        rules:
                          - on: mail
                            probability: 0
                        """, 3, 18, "'probability' must be a number above 0 and at most 1: '0'"),
                mistake("probability above 1", """
                        rules:
                          - on: mail
                            probability: 1.5
                        """, 3, 18, "'probability' must be a number above 0 and at most 1: '1.5'"),
                mistake("probability not a number", """
                        rules:
                          - on: mail
                            probability: often
                        """, 3, 18, "'probability' must be a number above 0 and at most 1: 'often'"),
                mistake("probability NaN", """
                        rules:
                          - on: mail
                            probability: .nan
                        """, 3, 18, "'probability' must be a number above 0 and at most 1"),
                mistake("reset with a reply", """
                        rules:
                          - on: mail
                            action: reset
                            reply: 421 4.3.2 Bye
                        """, 4, 12, "'action: reset' sends no reply: remove 'reply' or use 'action: close'"),
                mistake("accept where nothing can take effect", """
                        rules:
                          - on: content
                            after_bytes: 10
                            accept: true
                            action: reset
                        """, 4, 13, "'accept' does not apply to 'on: content'; it applies to commands and to message"),
                mistake("accept not a boolean", """
                        rules:
                          - on: message
                            accept: sometimes
                            action: reset
                        """, 3, 13, "'accept'"),
                mistake("content rule without reply or action", """
                        rules:
                          - on: content
                            after_bytes: 1024
                        """, 2, 9, "an 'on: content' rule has no default reply: give it 'reply' or an action"),
                mistake("idle rule without reply or action", """
                        rules:
                          - on: idle
                            after: 1s
                        """, 2, 9, "an 'on: idle' rule has no default reply: give it 'reply' or an action"),
                mistake("idle rule without 'after'", """
                        rules:
                          - on: idle
                            reply: 421 4.4.2 Timeout exceeded
                        """, 2, 9, "an 'on: idle' rule needs 'after'"),
                mistake("after_bytes on a command", """
                        rules:
                          - on: mail
                            after_bytes: 10
                            reply: 421 4.3.2 Bye
                        """, 3, 18, "'after_bytes' does not apply to 'on: mail'; it applies to content"),
                mistake("times 0", """
                        rules:
                          - on: rcpt
                            times: 0
                        """, 3, 12, "'times' must be between 1 and"),
                mistake("times not a number", """
                        rules:
                          - on: rcpt
                            times: once
                        """, 3, 12, "'times' must be a whole number: 'once'"),
                mistake("malformed not a boolean", """
                        rules:
                          - on: mail
                            malformed: maybe
                        """, 3, 16, "'malformed' must be true or false: 'maybe'"),
                mistake("two rules with one name", """
                        rules:
                          - name: same
                            on: mail
                          - name: same
                            on: rcpt
                        """, 4, 5, "two rules are named 'same'; names must be unique"),
                mistake("rules not a list", """
                        rules:
                          on: mail
                        """, 2, 3, "'rules' must be a list of rules"),
                mistake("server setting out of range", """
                        server:
                          max_connections: 0
                        """, 2, 20, "'max_connections' must be between 1 and 1000000: 0"),
                mistake("unknown syntax mode", """
                        server:
                          syntax: loose
                        """, 2, 11, "'syntax' must be lenient, strict, postfix or exim: 'loose'"),
                mistake("hostname with a space", """
                        server:
                          hostname: mx example
                        """, 2, 13, "'hostname' must be one word without spaces"),
                mistake("seed not a number", """
                        seed: lucky
                        """, 1, 7, "'seed' must be a whole number: 'lucky'"),
                mistake("name that is a list", """
                        scenario: [a, b]
                        """, 1, 11, "'scenario' must be a single value"),
                mistake("invalid YAML: unclosed flow sequence", """
                        scenario: x
                        rules: [
                          - on: mail
                        """, 3, 3, "not valid YAML: expected the node content, but found '-'"),
                mistake("invalid YAML: bad indentation", """
                        scenario: x
                          description: y
                        """, 2, 14, "not valid YAML: mapping values are not allowed here"),
                mistake("invalid YAML: tab indentation", "scenario: x\n\tdescription: y\n",
                        2, 1, "not valid YAML: found character '\\t(TAB)'"),
                mistake("a list instead of a mapping", """
                        - on: mail
                        - on: rcpt
                        """, 1, 1, "the scenario must be a mapping of keys to values"),
                mistake("a plain word instead of a mapping", """
                        greylist
                        """, 1, 1, "the scenario must be a mapping of keys to values"),
                mistake("duplicate top-level key", """
                        scenario: one
                        scenario: two
                        """, 2, 1, "duplicate key 'scenario' in the scenario; it is already given on line 1"),
                mistake("duplicate rule key", """
                        rules:
                          - on: rcpt
                            reply: 250 Ok
                            reply: 451 4.7.1 Later
                        """, 4, 5, "duplicate key 'reply' in rule 1; it is already given on line 3"),
                mistake("duplicate server key", """
                        server:
                          syntax: strict
                          syntax: lenient
                        """, 3, 3, "duplicate key 'syntax' in server; it is already given on line 2"),
                mistake("a tag naming a Java class", """
                        scenario: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]
                        """, 1, 11, "not valid YAML: Global tag is not allowed"),
                mistake("a key that is not a word", """
                        ? [a, b]
                        : c
                        """, 1, 3, "keys in the scenario must be plain words"));
    }

    private static Arguments mistake(String what, String yaml, int line, int column, String sentence) {
        return Arguments.of(what, yaml, line, column, sentence);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void refusesWithFileLineColumnAndSentence(String what, String yaml, int line, int column, String sentence) {
        List<String> problems = problems(yaml);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith(FILE + ":" + line + ":" + column + ": ").contains(sentence);
    }

    @Test
    void theExceptionMessageListsEveryProblem() {
        assertThatThrownBy(() -> load("""
                scenario: x
                rules:
                  - on: mail
                    repy: 250 Ok
                """))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("bad.yaml:4:5: unknown key 'repy' in rule 1; did you mean 'reply'?");
    }

    @Test
    void reportsEveryMistakeAtOnceInFileOrder() {
        List<String> problems = problems("""
                scenaro: several
                server:
                  syntax: loose
                rules:
                  - on: mial
                  - on: mail
                    reply: 42 Later
                  - on: rcpt
                    argument: '('
                    probability: 2
                    delay: -3s
                  - on: data
                    state: nowhere
                """);

        assertThat(problems).containsExactly(
                "bad.yaml:1:1: unknown key 'scenaro' in the scenario; did you mean 'scenario'?",
                "bad.yaml:3:11: 'syntax' must be lenient, strict, postfix or exim: 'loose'",
                "bad.yaml:5:9: 'on: mial' is not a trigger; did you mean 'mail'?",
                "bad.yaml:7:12: a reply must start with a three-digit code, e.g. '421 4.3.2 Service not available':"
                        + " '42 Later'",
                "bad.yaml:9:15: 'argument' is not a valid regular expression: missing closing ): `(` in '('",
                "bad.yaml:10:18: 'probability' must be a number above 0 and at most 1: '2'",
                "bad.yaml:11:12: 'delay' must be between 0 and 10m: '-3s'",
                "bad.yaml:12:5: this rule waits for state 'nowhere', but no rule enters it (set_state)"
                        + " and it is not the initial state 'start'");
    }

    @Test
    void aStateEnteredByARuleWithAnotherMistakeIsNotReportedAsNeverEntered() {
        assertThat(problems("""
                rules:
                  - on: mail
                    reply: 42 Later
                    set_state: tripped
                  - on: rcpt
                    state: tripped
                    reply: 451 4.3.0 Tripped
                """)).containsExactly("bad.yaml:3:12: a reply must start with a three-digit code, e.g. "
                + "'421 4.3.2 Service not available': '42 Later'");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThat(problems("")).containsExactly(
                "bad.yaml: the file is empty; a scenario needs at least one key, e.g. 'rules:'");
        assertThat(problems("# nothing but a comment\n")).hasSize(1);
    }

    @Test
    void aBillionLaughsFileIsRefusedQuicklyWithoutExpandingIt() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char name = 'b'; name <= 'i'; name++) {
            yaml.append(name).append(": &").append(name).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = name;
        }

        ScenarioException refused = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                        () -> load(yaml.toString())));

        assertThat(refused.getMessage()).startsWith("bad.yaml: refused: ").contains("aliases");
    }

    @Test
    void deepNestingIsRefused() {
        String yaml = "scenario: x\ndescription: " + "[".repeat(200) + "]".repeat(200) + "\n";

        ScenarioException refused = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class, () -> load(yaml)));

        assertThat(refused.getMessage()).startsWith("bad.yaml: refused: ").contains("Nesting Depth");
    }

    @Test
    void aSelfReferencingAliasIsHarmless() {
        assertThat(problems("""
                scenario: x
                description: &loop [*loop]
                """)).containsExactly("bad.yaml:2:14: 'description' must be a single value");
    }

    @Test
    void aTooLargeTextIsRefusedBeforeParsing() {
        String yaml = "scenario: big\ndescription: \"" + "x".repeat(ScenarioLoader.MAX_CHARS) + "\"\n";

        assertThat(problems(yaml)).containsExactly(
                "bad.yaml: the file is larger than 256 KiB; a scenario is a short list of rules");
    }

    @Test
    void aTooLargeFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.yaml");
        Files.writeString(file, "scenario: big\ndescription: \"" + "x".repeat(ScenarioLoader.MAX_CHARS * 5) + "\"\n");

        assertThatThrownBy(() -> Scenarios.fromFile(file))
                .isInstanceOf(ScenarioException.class)
                .hasMessage(file + ": the file is larger than 256 KiB; a scenario is a short list of rules");
    }

    @Test
    void aFileIsNamedInItsErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, "rules:\n  - on: rcpt\n    tims: 1\n");

        assertThatThrownBy(() -> Scenarios.fromFile(file))
                .isInstanceOf(ScenarioException.class)
                .hasMessage(file + ":3:5: unknown key 'tims' in rule 1; did you mean 'times'?");
    }

    @Test
    void aMissingFileOrReferenceIsAnError() {
        assertThatThrownBy(() -> Scenarios.fromFile(Path.of("no-such-dir", "none.yaml")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("none.yaml: no such file");
        assertThatThrownBy(() -> Scenarios.load("greeting-422"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("no scenario 'greeting-422'").hasMessageContaining("greeting-421");
    }

    @Test
    void everyKeyLoadsIntoTheExpectedRecords() {
        Scenario scenario = load("""
                scenario: everything
                description: >
                  Every key
                  once.
                seed: 42
                initial_state: calm
                server:
                  hostname: mx.example.test
                  max_message_size: 2048
                  max_command_line: 1024
                  max_text_line: 2000
                  max_recipients: 7
                  max_connections: 3
                  max_connections_per_client: 2
                  idle_timeout: 90s
                  drain_timeout: 250ms
                  syntax: strict
                  hide_extensions: [pipelining, DSN]
                  advertise_extensions: AUTH PLAIN
                rules:
                  - name: greet slowly, twice
                    on: connect
                    connection: 2-4
                    delay: 1.5s
                    times: 2
                  - on: mail
                    occurrence: 3+
                    transaction: 2
                    argument: '@blocked\\.test>'
                    malformed: false
                    parameter: size
                    helo: '^bad'
                    state: calm
                    probability: 0.25
                    reply: 501 5.1.7 Bad sender address syntax
                    set_state: stormy
                  - name: second recipient
                    on: rcpt
                    occurrence_in_transaction: 2
                    state: stormy
                    reply:
                      - 452 4.5.3 Too many
                      - recipients
                    action: close
                  - name: mid-data
                    on: content
                    after_bytes: 4096
                    action: reset
                  - name: final dot
                    on: message
                    reply: 421 4.3.2 Bye
                    action: close_now
                    accept: true
                  - name: stale
                    on: idle
                    after: 2m
                    reply: 421 4.4.2 Timeout exceeded
                  - name: never answer
                    on: data
                    action: hang
                    delay: 250
                  - name: plain reply
                    on: any
                    action: reply
                    reply: 250
                """);

        assertThat(scenario.name()).isEqualTo("everything");
        assertThat(scenario.description()).isEqualTo("Every key once.");
        assertThat(scenario.seed()).isEqualTo(42);
        assertThat(scenario.initialState()).isEqualTo("calm");
        Settings settings = scenario.settings().apply(Settings.DEFAULTS);
        assertThat(settings).isEqualTo(new Settings("mx.example.test", 2048, 1024, 2000, 7, 3, 2,
                Duration.ofSeconds(90), Duration.ofMillis(250), SyntaxMode.STRICT, List.of("PIPELINING", "DSN"),
                List.of("AUTH PLAIN"), dev.smtpdouble.tls.TlsSettings.OFF, AuthSettings.OFF,
                dev.smtpdouble.scenario.Chunking.OFF));
        assertThat(settings.extensions()).containsExactly("SIZE 2048", "ENHANCEDSTATUSCODES", "8BITMIME",
                "SMTPUTF8", "AUTH PLAIN");

        List<Rule> rules = scenario.rules();
        assertThat(rules).extracting(Rule::name).containsExactly("greet slowly, twice", "rule 2 (mail)",
                "second recipient", "mid-data", "final dot", "stale", "never answer", "plain reply");
        assertThat(rules).extracting(Rule::on).containsExactly(Trigger.CONNECT, Trigger.MAIL, Trigger.RCPT,
                Trigger.CONTENT, Trigger.MESSAGE, Trigger.IDLE, Trigger.DATA, Trigger.ANY);

        assertThat(rules.get(0)).isEqualTo(new Rule("greet slowly, twice", Trigger.CONNECT,
                Match.builder().connection(new IntRange(2, 4)).build(),
                new Action(null, null, 1500, null), 2));

        Rule mail = rules.get(1);
        Match match = mail.match();
        assertThat(match.occurrence()).isEqualTo(new IntRange(3, IntRange.UNBOUNDED));
        assertThat(match.transaction()).isEqualTo(IntRange.exactly(2));
        assertThat(match.argument().pattern()).isEqualTo("@blocked\\.test>");
        assertThat(match.malformed()).isFalse();
        assertThat(match.parameter()).isEqualTo("SIZE");
        assertThat(match.helo().pattern()).isEqualTo("^bad");
        assertThat(match.state()).isEqualTo("calm");
        assertThat(match.probability()).isEqualTo(0.25);
        assertThat(mail.action()).isEqualTo(
                new Action(Reply.of(501, "5.1.7", "Bad sender address syntax"), null, 0, "stormy"));
        assertThat(mail.times()).isNull();

        Rule rcpt = rules.get(2);
        assertThat(rcpt.match().occurrenceInTransaction()).isEqualTo(IntRange.exactly(2));
        assertThat(rcpt.action().reply().render()).isEqualTo("452-4.5.3 Too many\r\n452 4.5.3 recipients\r\n");
        assertThat(rcpt.action().then()).isEqualTo(Then.CLOSE);

        assertThat(rules.get(3).match().afterBytes()).isEqualTo(4096);
        assertThat(rules.get(3).action()).isEqualTo(new Action(null, Then.RESET, 0, null));
        assertThat(rules.get(4).action()).isEqualTo(
                new Action(Reply.of(421, "4.3.2", "Bye"), Then.CLOSE_NOW, 0, null, true));
        assertThat(rules.get(5).match().afterMillis()).isEqualTo(120_000);
        assertThat(rules.get(6).action()).isEqualTo(new Action(null, Then.HANG, 250, null));
        assertThat(rules.get(7).action()).isEqualTo(new Action(Reply.of(250, "Ok"), null, 0, null));
    }

    @Test
    void defaultsWhenKeysAreLeftOut() {
        Scenario scenario = ScenarioLoader.parse("rules:\n  - on: content\n    reply: 421 4.3.2 Bye\n",
                "dir/quiet-one.yml");

        assertThat(scenario.name()).isEqualTo("quiet-one");
        assertThat(scenario.description()).isEmpty();
        assertThat(scenario.seed()).isZero();
        assertThat(scenario.initialState()).isEqualTo(Scenario.DEFAULT_STATE);
        assertThat(scenario.settings().apply(Settings.DEFAULTS)).isEqualTo(Settings.DEFAULTS);
        Rule rule = scenario.rules().get(0);
        assertThat(rule.name()).isEqualTo("rule 1 (content)");
        assertThat(rule.match().afterBytes()).as("content without after_bytes fires at once").isZero();
        assertThat(rule.times()).isNull();
    }

    @Test
    void everySyntaxModeLoads() {
        for (SyntaxMode mode : SyntaxMode.values()) {
            String name = mode.name().toLowerCase(java.util.Locale.ROOT);
            Scenario scenario = load("server:\n  syntax: " + name + "\n");
            assertThat(scenario.settings().apply(Settings.DEFAULTS).syntax()).as(name).isEqualTo(mode);
        }
    }

    @Test
    void durationsInEveryNotation() {
        Scenario scenario = load("""
                rules:
                  - {name: a, on: mail, delay: 1500}
                  - {name: b, on: mail, delay: 250ms}
                  - {name: c, on: mail, delay: 2s}
                  - {name: d, on: mail, delay: 1.5s}
                  - {name: e, on: mail, delay: 5m}
                  - {name: f, on: mail, delay: 10m}
                  - {name: g, on: mail, delay: 0}
                """);

        assertThat(scenario.rules()).extracting(rule -> rule.action().delayMillis())
                .containsExactly(1500L, 250L, 2000L, 1500L, 300_000L, 600_000L, 0L);
    }

    @Test
    void aStateEnteredByARuleOrInitialMayBeWaitedFor() {
        Scenario scenario = load("""
                initial_state: cold
                rules:
                  - on: mail
                    state: cold
                    set_state: warm
                  - on: mail
                    state: warm
                    reply: 250 2.1.0 Warm
                """);

        assertThat(scenario.rules()).extracting(rule -> rule.match().state()).containsExactly("cold", "warm");
    }

    @Test
    void aHugeExponentInADurationIsRefusedWithoutBeingExpanded() {
        List<String> refused = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> problems("""
                rules:
                  - on: mail
                    delay: 1e99999999
                """));
        assertThat(refused).containsExactly(FILE + ":3:12: 'delay' must be a duration such as 500ms, 2s, 5m or 2h: "
                + "'1e99999999'");
    }

    @Test
    void serverValuesTheServerWouldRefuseFailAtLoad() {
        assertThat(problems("""
                server:
                  hostname: "mx\\x7f"
                """)).singleElement().asString().startsWith(FILE + ":2:3: server: hostname must be one word");
        assertThat(problems("""
                server:
                  advertise_extensions: ["AUTH PLAIN\\r\\nX"]
                """)).first().asString().contains("an EHLO line must be printable text on one line");
    }
}
