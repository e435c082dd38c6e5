package dev.smtpdouble.scenario;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scenario in force on a server: the rules and the small mutable part they share across all
 * connections (connection numbers, how often each rule fired, the current state, the seeded
 * generator). Thread-safe: sessions on every event loop ask it.
 */
public final class ScenarioRuntime implements Director {

    private final Scenario scenario;
    private final Set<Trigger> watched = EnumSet.noneOf(Trigger.class);
    private final long[] idleThresholds;
    private final AtomicInteger connections = new AtomicInteger();
    private final int[] fired;
    private String state;
    private Random random;

    public ScenarioRuntime(Scenario scenario) {
        this.scenario = scenario;
        this.fired = new int[scenario.rules().size()];
        scenario.rules().forEach(rule -> watched.add(rule.on()));
        this.idleThresholds = scenario.rules().stream()
                .filter(rule -> rule.on() == Trigger.IDLE && rule.match().afterMillis() != null)
                .mapToLong(rule -> rule.match().afterMillis()).sorted().distinct().toArray();
        reset();
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Numbers a new connection: 1 for the first since the last reset. */
    public int nextConnection() {
        return connections.incrementAndGet();
    }

    @Override
    public boolean watches(Trigger trigger) {
        return watched.contains(trigger);
    }

    @Override
    public long[] idleThresholds() {
        return idleThresholds.clone();
    }

    @Override
    public synchronized Decision decide(Event event) {
        List<Rule> rules = scenario.rules();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (!rule.listensTo(event.trigger())
                    || (rule.times() != null && fired[i] >= rule.times())
                    || (rule.match().state() != null && !rule.match().state().equals(state))
                    || !rule.match().matches(event)
                    || (rule.match().probability() != null && random.nextDouble() >= rule.match().probability())) {
                continue;
            }
            fired[i]++;
            Action action = rule.action();
            if (action.nextState() != null) {
                state = action.nextState();
            }
            boolean silent = action.reply() == null && action.then() != null && action.then().endsSession();
            return new Decision(rule.name(), action.reply(), action.then(), action.delayMillis(), silent);
        }
        return null;
    }

    /** Back to the start: connection numbers, rule counters, state and the generator. */
    public synchronized void reset() {
        connections.set(0);
        java.util.Arrays.fill(fired, 0);
        state = scenario.initialState();
        random = new Random(scenario.seed());
    }

    public synchronized String state() {
        return state;
    }

    /** How often each rule fired since the last reset, by rule name. */
    public synchronized java.util.Map<String, Integer> firings() {
        java.util.Map<String, Integer> result = new java.util.LinkedHashMap<>();
        for (int i = 0; i < fired.length; i++) {
            result.put(scenario.rules().get(i).name(), fired[i]);
        }
        return result;
    }

    /** State and counters at one instant. */
    public synchronized ScenarioStatus status() {
        return new ScenarioStatus(scenario, state, firings(), unfiredRules());
    }

    /** The names of the rules that never fired since the last reset. */
    public synchronized List<String> unfiredRules() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fired.length; i++) {
            if (fired[i] == 0) {
                names.add(scenario.rules().get(i).name());
            }
        }
        return names;
    }
}
