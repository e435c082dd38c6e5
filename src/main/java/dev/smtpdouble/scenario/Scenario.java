package dev.smtpdouble.scenario;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A validated scenario: a name, what it emulates, server settings it changes, and its ordered rules.
 *
 * @param settings     applied to the server's settings when the scenario is in force
 * @param initialState the state a fresh or reset scenario starts in
 * @param seed         the seed of the generator behind {@code probability}
 * @param start        what the server that starts with this scenario opens and writes besides its own
 */
public record Scenario(String name, String description, UnaryOperator<Settings> settings, List<Rule> rules,
                       String initialState, long seed, ServerStart start) {

    public static final String DEFAULT_STATE = "start";

    /** The default sink: no rules. */
    public static final Scenario ACCEPT_ALL =
            new Scenario("accept-all", "Accepts every message.", s -> s, List.of(), DEFAULT_STATE, 0);

    public Scenario {
        rules = List.copyOf(rules);
        Objects.requireNonNull(start, "start");
    }

    /** A scenario that asks nothing of the server's start. */
    public Scenario(String name, String description, UnaryOperator<Settings> settings, List<Rule> rules,
                    String initialState, long seed) {
        this(name, description, settings, rules, initialState, seed, ServerStart.NONE);
    }
}
