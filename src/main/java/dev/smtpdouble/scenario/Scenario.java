package dev.smtpdouble.scenario;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A validated scenario: a name, what it emulates, server settings it changes, and its ordered rules.
 *
 * @param settings     applied to the server's settings when the scenario is in force
 * @param initialState the state a fresh or reset scenario starts in
 * @param seed         the seed of the generator behind {@code probability}
 */
public record Scenario(String name, String description, UnaryOperator<Settings> settings, List<Rule> rules,
                       String initialState, long seed) {

    public static final String DEFAULT_STATE = "start";

    /** The default sink: no rules. */
    public static final Scenario ACCEPT_ALL =
            new Scenario("accept-all", "Accepts every message.", s -> s, List.of(), DEFAULT_STATE, 0);

    public Scenario {
        rules = List.copyOf(rules);
    }
}
