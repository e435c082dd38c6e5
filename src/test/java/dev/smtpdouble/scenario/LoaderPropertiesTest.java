package dev.smtpdouble.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.smtpdouble.Generators;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the scenario loader: any text either loads or is refused with problems that each
 * name the file and, where they have one, a line and column inside it — never another exception;
 * a well-formed scenario loads with its rules as written, and any single edit of it still ends in
 * one of those two outcomes.
 */
class LoaderPropertiesTest {

    private static final String FILE = "p.yaml";
    private static final Pattern PLACE = Pattern.compile(Pattern.quote(FILE) + ":(\\d+):(\\d+): .+", Pattern.DOTALL);

    /** Loads, or checks that the refusal is well placed; returns the scenario or null. */
    private static Scenario loadOrExplain(String yaml) {
        try {
            return ScenarioLoader.parse(yaml, FILE);
        } catch (ScenarioException e) {
            long lines = yaml.lines().count() + 1;
            assertThat(e.problems()).isNotEmpty().allSatisfy(problem -> {
                assertThat(problem).startsWith(FILE + ":");
                Matcher place = PLACE.matcher(problem);
                if (place.matches()) {
                    assertThat(Long.parseLong(place.group(1))).as(problem).isBetween(1L, lines);
                    assertThat(Integer.parseInt(place.group(2))).as(problem).isPositive();
                }
            });
            return null;
        }
    }

    /** A rule the language allows, as YAML lines, with the trigger it uses. */
    private record RuleText(String on, String yaml) {
    }

    private static Gen<RuleText> rules() {
        Gen<String> on = Generate.pick(List.of("connect", "ehlo", "mail", "rcpt", "data", "quit", "message", "noop"));
        Gen<String> reply = Generate.pick(List.of("421 4.3.2 Shutting down", "451 4.7.1 Later", "550 5.7.1 No",
                "250 2.0.0 Ok", "\"452 4.5.3 Too many\""));
        Gen<String> extras = lists().of(Generate.pick(List.of("    connection: 1", "    times: 2", "    delay: 10ms",
                "    connection: \"2+\"", "    probability: 0.5", "    action: close", "    set_state: tripped")))
                .ofSizeBetween(0, 3).map(keys -> keys.stream().filter(distinctKeys()).map(k -> k + "\n")
                        .reduce("", String::concat));
        Gen<String> argument = Generate.pick(List.of("", "    argument: '@blocked\\.test'\n",
                "    argument: '(?i)^<postmaster@'\n"));
        return on.zip(reply, extras, argument, (trigger, text, more, pattern) -> new RuleText(trigger,
                "  - on: " + trigger + "\n    reply: " + text + "\n" + more
                        + (trigger.equals("mail") || trigger.equals("rcpt") ? pattern : "")));
    }

    /** Keeps the first line of each key: a key given twice is a mistake, not what this generator wants. */
    private static Predicate<String> distinctKeys() {
        Set<String> seen = new HashSet<>();
        return line -> seen.add(line.substring(0, line.indexOf(':')));
    }

    private static String scenario(List<RuleText> rules) {
        StringBuilder yaml = new StringBuilder("scenario: generated\ndescription: made by a generator\nrules:"
                + (rules.isEmpty() ? " []\n" : "\n"));
        rules.forEach(rule -> yaml.append(rule.yaml()));
        return yaml.toString();
    }

    @Test
    void anyTextLoadsOrIsRefusedWithPlacedProblems() {
        qt().withExamples(2000).forAll(Generators.hostileText()).checkAssert(LoaderPropertiesTest::loadOrExplain);
    }

    @Test
    void wellFormedScenariosLoadWithTheirRulesInOrder() {
        qt().withExamples(1000).forAll(lists().of(rules()).ofSizeBetween(0, 8)).checkAssert(rules -> {
            Scenario scenario = ScenarioLoader.parse(scenario(rules), FILE); // a refusal fails with its problems

            assertThat(scenario.rules()).extracting(rule -> rule.on().yamlName())
                    .containsExactlyElementsOf(rules.stream().map(RuleText::on).toList());
        });
    }

    /** One edit of a well-formed file: a character dropped, replaced or inserted anywhere. */
    @Test
    void anySingleEditOfAScenarioLoadsOrIsRefusedWithPlacedProblems() {
        Gen<String> edits = Generate.pick(List.of("", ":", "-", " ", "\t", "\n", "'", "\"", "[", "{", "*", "&a", "!!",
                "%", "#", "\u0000", "é"));
        qt().withExamples(2000).forAll(lists().of(rules()).ofSizeBetween(1, 4), integers().between(0, 10_000),
                integers().between(0, 2), edits).checkAssert((rules, at, removed, inserted) -> {
                    String text = scenario(rules);
                    int position = at % (text.length() + 1);
                    int end = Math.min(text.length(), position + removed);
                    loadOrExplain(text.substring(0, position) + inserted + text.substring(end));
                });
    }
}
