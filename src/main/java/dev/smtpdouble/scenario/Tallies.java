package dev.smtpdouble.scenario;

import dev.smtpdouble.policy.Greylist;
import dev.smtpdouble.policy.OpenCount;
import dev.smtpdouble.policy.RateWindow;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keyed state of a scenario's limits and greylists, one table per rule: rate windows, connections
 * open per key, greylisting attempts. It counts what the server accepted and answers, for a rule and
 * an event, whether the event's key is over the limit or still greylisted. Thread-safe.
 */
final class Tallies {

    /** What a limit or greylist found: the rule fires, and the journal says why. */
    record Finding(String detail, String key, long count, long max, long seconds) {
    }

    private final List<Rule> rules;
    private final RateWindow[] rates;
    private final OpenCount[] open;
    private final Greylist[] greylists;
    /** The key each open connection holds in each concurrency limit: connection → keys by rule index. */
    private final Map<Integer, String[]> holds = new ConcurrentHashMap<>();
    private final Set<Trigger> counted = EnumSet.noneOf(Trigger.class);
    /** Per rule, the accepted events that (re)set what a connection holds in its concurrency limit. */
    private final List<Set<Trigger>> holdOn = new ArrayList<>();

    Tallies(List<Rule> rules) {
        this.rules = rules;
        this.rates = new RateWindow[rules.size()];
        this.open = new OpenCount[rules.size()];
        this.greylists = new Greylist[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            holdOn.add(Set.of());
            Limit limit = rules.get(i).match().limit();
            Greylisting grey = rules.get(i).match().greylist();
            if (limit != null && limit.concurrent()) {
                open[i] = new OpenCount();
                Set<Trigger> changes = EnumSet.noneOf(Trigger.class);
                limit.key().forEach(part -> changes.addAll(part.changedBy()));
                holdOn.set(i, changes);
                counted.addAll(changes);
            } else if (limit != null) {
                rates[i] = new RateWindow(limit.max(), limit.perMillis(), limit.sliding());
                counted.add(limit.counted().countedAt());
            }
            if (grey != null) {
                greylists[i] = new Greylist(grey.minDelayMillis(), grey.retainMillis(), grey.retryWindowMillis(),
                        grey.maxAttempts());
            }
        }
    }

    /** The triggers whose acceptance some limit counts. */
    Set<Trigger> counted() {
        return counted;
    }

    /**
     * Whether the rule's limit is reached, or its greylist defers, for this event at {@code now}; null
     * when the rule has neither or the event passes. A greylist records the attempt.
     */
    Finding check(int index, Event event, long now) {
        Limit limit = rules.get(index).match().limit();
        if (limit != null) {
            return limit.concurrent() ? concurrent(index, limit, event) : rate(index, limit, event, now);
        }
        Greylisting grey = rules.get(index).match().greylist();
        return grey == null ? null : greylist(index, grey, event, now);
    }

    /** Whether the rule has a limit or a greylist: then {@link #check} decides too. */
    boolean checks(int index) {
        return rates[index] != null || open[index] != null || greylists[index] != null;
    }

    private Finding rate(int index, Limit limit, Event event, long now) {
        int full = limit.countedBefore(event.trigger()) ? limit.max() + 1 : limit.max();
        for (String key : KeyPart.values(limit.key(), event)) {
            int count = rates[index].count(key, now);
            if (count >= full) {
                long seconds = (rates[index].retryAfter(key, now) + 999) / 1000;
                return new Finding("limit reached: " + count + " of " + limit.describe() + ", key " + key
                        + ", next in " + seconds + " s", key, count, limit.max(), seconds);
            }
        }
        return null;
    }

    private Finding concurrent(int index, Limit limit, Event event) {
        for (String key : KeyPart.values(limit.key(), event)) {
            String[] held = holds.get(event.connection());
            int others = open[index].count(key) - (held != null && key.equals(held[index]) ? 1 : 0);
            if (others >= limit.max()) {
                return new Finding("limit reached: " + others + " open of " + limit.describe() + ", key " + key,
                        key, others, limit.max(), 0);
            }
        }
        return null;
    }

    private Finding greylist(int index, Greylisting grey, Event event, long now) {
        for (String key : KeyPart.values(grey.key(), event)) {
            Greylist.Verdict verdict = greylists[index].attempt(key, now);
            if (!verdict.passed()) {
                long seconds = (verdict.leftMillis() + 999) / 1000;
                return new Finding("greylisted: attempt " + verdict.attempt() + " of key " + key + ", "
                        + verdict.waitedMillis() / 1000 + " s after the first, " + seconds + " s to go",
                        key, verdict.attempt(), grey.maxAttempts(), seconds);
            }
        }
        return null;
    }

    /** The server accepted what the event describes: rates count it, concurrency limits hold its key. */
    void accepted(Event event, long now) {
        for (int i = 0; i < rules.size(); i++) {
            Limit limit = rules.get(i).match().limit();
            if (rates[i] != null && limit.counted().countedAt() == event.trigger()) {
                for (String key : KeyPart.values(limit.key(), event)) {
                    rates[i].add(key, now);
                }
            } else if (open[i] != null && holdOn.get(i).contains(event.trigger())) {
                hold(i, limit, event);
            }
        }
    }

    /**
     * A connection holds one key per concurrency limit, the latest its accepted events gave: from its
     * greeting (client address), its EHLO (name) or its MAIL (sender); a second EHLO or MAIL moves it.
     */
    private void hold(int index, Limit limit, Event event) {
        List<String> keys = KeyPart.values(limit.key(), event);
        if (keys.isEmpty()) {
            return;
        }
        // Only the connection's own event loop writes its array; other threads only read it.
        String[] held = holds.computeIfAbsent(event.connection(), c -> new String[rules.size()]);
        String previous = held[index];
        held[index] = keys.get(0);
        if (!keys.get(0).equals(previous)) {
            open[index].join(keys.get(0));
            if (previous != null) {
                open[index].leave(previous);
            }
        }
    }

    /** The connection closed: it no longer holds any key. */
    void ended(int connection) {
        String[] held = holds.remove(connection);
        if (held != null) {
            for (int i = 0; i < held.length; i++) {
                if (held[i] != null) {
                    open[i].leave(held[i]);
                }
            }
        }
    }
}
