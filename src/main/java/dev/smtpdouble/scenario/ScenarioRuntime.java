package dev.smtpdouble.scenario;

import dev.smtpdouble.protocol.Reply;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scenario in force on a server: the rules and the small mutable part they share across all
 * connections (connection numbers, how often each rule fired, the current state). Thread-safe:
 * sessions on every event loop ask it. Matching (ranges, regexes, draws) runs without a lock; only
 * a rule that matched takes the runtime's lock, briefly, to check {@code times} and the state again
 * and to count its firing. A reset puts a fresh runtime in force ({@link #restarted()}): sessions
 * opened before it go on with the old one, so they cannot use up the fresh counters.
 */
public final class ScenarioRuntime implements Director {

    private final Scenario scenario;
    private final Clock clock;
    /** The server's name, for {@code {hostname}} in replies. */
    private final String hostname;
    private final Tallies tallies;
    private final Set<Trigger> watched = EnumSet.noneOf(Trigger.class);
    private final long[] idleThresholds;
    private final AtomicInteger connections = new AtomicInteger();
    private final int[] fired;
    /** Read without the lock to skip rules early; written under it. */
    private volatile String state;

    public ScenarioRuntime(Scenario scenario) {
        this(scenario, Clock.systemUTC(), Settings.DEFAULTS.hostname());
    }

    /**
     * @param clock    what rate windows and greylisting delays are measured on
     * @param hostname the server's name, for {@code {hostname}} in replies
     */
    public ScenarioRuntime(Scenario scenario, Clock clock, String hostname) {
        this.scenario = scenario;
        this.clock = clock;
        this.hostname = hostname;
        this.tallies = new Tallies(scenario.rules());
        this.fired = new int[scenario.rules().size()];
        scenario.rules().forEach(rule -> watched.add(rule.on()));
        watched.addAll(tallies.counted());
        this.idleThresholds = scenario.rules().stream()
                .filter(rule -> rule.on() == Trigger.IDLE && rule.match().afterMillis() != null)
                .mapToLong(rule -> rule.match().afterMillis()).sorted().distinct().toArray();
        this.state = scenario.initialState();
    }

    /** A fresh runtime of the same scenario: connection numbers, rule counters and state from the start. */
    public ScenarioRuntime restarted() {
        return new ScenarioRuntime(scenario, clock, hostname);
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Numbers a new connection: 1 for the first of this runtime. */
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
    public Decision decide(Event event) {
        List<Rule> rules = scenario.rules();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (!rule.listensTo(event.trigger()) || !matches(i, rule, event)) {
                continue;
            }
            Tallies.Finding finding = tallies.checks(i) ? tallies.check(i, event, clock.millis()) : null;
            if ((finding != null || !tallies.checks(i)) && fire(i, rule)) {
                return decision(rule, event, finding);
            }
        }
        return null;
    }

    private Decision decision(Rule rule, Event event, Tallies.Finding finding) {
        Action action = rule.action();
        Reply reply = action.reply();
        if (reply != null && reply.hasPlaceholders()) {
            reply = reply.fill(Placeholders.of(event, finding, hostname));
        }
        boolean silent = reply == null && action.then() != null && action.then().endsSession();
        return new Decision(rule.name(), reply, action.then(), action.delayMillis(), silent, action.accept(),
                finding == null ? null : finding.detail(), action.injected());
    }

    @Override
    public void accepted(Event event) {
        if (tallies.counted().contains(event.trigger())) {
            tallies.accepted(event, clock.millis());
        }
    }

    @Override
    public void ended(int connection) {
        tallies.ended(connection);
    }

    /** The conditions that need no lock: a stale look at the state only skips a rule early. */
    private boolean matches(int index, Rule rule, Event event) {
        Match match = rule.match();
        return (match.state() == null || match.state().equals(state))
                && match.matches(event)
                && (match.probability() == null || Draws.draw(scenario.seed(), index, event) < match.probability());
    }

    /** Counts the firing if the rule may still fire in the current state; moves the state. */
    private synchronized boolean fire(int index, Rule rule) {
        if ((rule.times() != null && fired[index] >= rule.times())
                || (rule.match().state() != null && !rule.match().state().equals(state))) {
            return false;
        }
        fired[index]++;
        if (rule.action().nextState() != null) {
            state = rule.action().nextState();
        }
        return true;
    }

    public String state() {
        return state;
    }

    /** How often each rule fired in this runtime, by rule name. */
    public synchronized Map<String, Integer> firings() {
        Map<String, Integer> result = new LinkedHashMap<>();
        for (int i = 0; i < fired.length; i++) {
            result.put(scenario.rules().get(i).name(), fired[i]);
        }
        return result;
    }

    /** State and counters at one instant. */
    public synchronized ScenarioStatus status() {
        return new ScenarioStatus(scenario, state, firings(), unfiredRules());
    }

    /** The names of the rules that never fired in this runtime. */
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
