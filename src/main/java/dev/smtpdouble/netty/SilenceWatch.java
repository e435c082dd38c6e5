package dev.smtpdouble.netty;

import java.util.Arrays;

/**
 * The silences at which a session must be asked about idleness: the scenario's IDLE thresholds and
 * the idle timeout, in ascending order. Given how long the line has been quiet, it tells how long to
 * wait until the next one.
 */
final class SilenceWatch {

    private final long[] thresholds;

    /** Made once per connection: the common case (no idle rules) stays free of sorting. */
    SilenceWatch(long[] ruleThresholds, long idleTimeoutMillis) {
        if (ruleThresholds.length == 0) {
            this.thresholds = new long[] {idleTimeoutMillis};
            return;
        }
        long[] all = Arrays.copyOf(ruleThresholds, ruleThresholds.length + 1);
        all[ruleThresholds.length] = idleTimeoutMillis;
        this.thresholds = Arrays.stream(all).filter(t -> t > 0).sorted().distinct().toArray();
    }

    /** Milliseconds from now until the next threshold after {@code quietMillis}; -1 when none is left. */
    long untilNext(long quietMillis) {
        for (long threshold : thresholds) {
            if (threshold > quietMillis) {
                return threshold - quietMillis;
            }
        }
        return -1;
    }

    /** Whether some threshold lies in (from, to]: the session must be asked. */
    boolean crossed(long from, long to) {
        for (long threshold : thresholds) {
            if (threshold > from && threshold <= to) {
                return true;
            }
        }
        return false;
    }
}
