package dev.smtpdouble.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.session.Outcome;
import dev.smtpdouble.session.QueueIds;
import dev.smtpdouble.session.Session;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenario patterns are RE2: matched in linear time, so no pattern can stall an event loop; what
 * has no linear-time answer, and patterns that expand beyond the bound, are refused at load with
 * file, line and column.
 */
class ScenarioPatternTest {

    private static List<String> problems(String argument) {
        String yaml = "rules:\n  - on: mail\n    argument: '" + argument.replace("'", "''") + "'\n"
                + "    reply: 550 5.7.1 No\n";
        try {
            ScenarioLoader.parse(yaml, "p.yaml");
        } catch (ScenarioException e) {
            return e.problems();
        }
        return List.of();
    }

    /** Patterns that backtrack exponentially in java.util.regex; here each answers at once. */
    @ParameterizedTest
    @ValueSource(strings = {"(.*a){8}$", "(a+)+$", "(a|aa)+$", "^(\\w+\\s?)*$", "(x+x+)+y"})
    void catastrophicBacktrackingPatternsMatchInLinearTime(String pattern) {
        Scenario scenario = ScenarioLoader.parse("rules:\n  - on: mail\n    argument: '" + pattern + "'\n"
                + "    reply: 550 5.7.1 No\n", "p.yaml");
        Session session = new Session(Settings.DEFAULTS, new ScenarioRuntime(scenario),
                new Journal().openSession(1, "test"), 1, new QueueIds());
        session.open(false);
        String address = "<" + "a".repeat(400) + "!@example.test>";

        Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> session.command("MAIL FROM:" + address));

        assertThat(outcome.reply()).isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            (a)\\1      | invalid escape sequence: `\\1` in '(a)\\1' (RE2 syntax: no backreferences, lookaround or possessive quantifiers)
            (?<=x)a    | invalid named capture: `(?<=x)a` in '(?<=x)a' (RE2 syntax: no backreferences, lookaround or possessive quantifiers)
            a++        | invalid nested repetition operator: `++` in 'a++' (RE2 syntax: no backreferences, lookaround or possessive quantifiers)
            [z-a]      | invalid character class range: `z-a` in '[z-a]'
            a{1001}    | invalid repeat count: `{1001}` in 'a{1001}'
            """)
    void whatRe2CannotDoIsRefusedAtLoadWithItsPlace(String pattern, String reason) {
        assertThat(problems(pattern)).containsExactly(
                "p.yaml:3:15: 'argument' is not a valid regular expression: " + reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"((a{1000}){1000}){1000}", "(?:.{1,1000}a){10}$", "((((x{10}){10}){10}){10})"})
    void patternsThatExpandBeyondTheBoundAreRefusedWithoutExpandingThem(String pattern) {
        List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> problems(pattern));

        assertThat(problems).singleElement().asString()
                .startsWith("p.yaml:3:15: 'argument' is too large a regular expression: '" + pattern + "' compiles to ")
                .endsWith("at most 1000 are allowed (a counted repetition such as x{10} compiles x ten times)");
    }

    @Test
    void theLongestSingleRunIsTheOneTheReadmeNames() {
        assertThat(problems("a{998}")).isEmpty();
        assertThat(problems("a{999}")).singleElement().asString().contains("'a{999}' compiles to 1001 instructions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@blocked\\.test>", "(?i)^<postmaster@", "[a-z0-9.-]{1,64}@example\\.(com|org)",
        "\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}", "(?P<user>[^@]+)@", "\\p{L}+", "[[:alpha:]]+", "\\Qa.b\\E", "x{2,}"})
    void ordinaryPatternsLoad(String pattern) {
        assertThat(problems(pattern)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            a{3}b           ; 9
            (ab){10}        ; 55
            [a-z]{1,64}     ; 130
            \\Qabc\\E        ; 3
            (?i)x|y         ; 4
            """)
    void theSizeEstimateBoundsTheProgram(String pattern, long estimate) {
        assertThat(PatternSize.estimate(pattern)).isEqualTo(estimate);
        assertThat(com.google.re2j.Pattern.compile(pattern).programSize()).isLessThanOrEqualTo((int) estimate + 2);
    }
}
