package dev.smtpdouble.matrix;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What counts as surviving one fault. The defaults ({@link #of(Nature, Duration)}) encode good
 * practice; each method returns a changed copy, to override them per fault:
 * {@code matrix.expect("greylist", Expectation::mustDeliver)}.
 */
public final class Expectation {

    /** Retries sooner than this hammer a server that has just said "later". */
    public static final Duration DEFAULT_RETRY_GAP = Duration.ofMillis(100);

    private final Nature nature;
    private final boolean deliveryRequired;
    private final boolean retriesAllowed;
    private final boolean partialAcceptable;
    private final boolean duplicatesAcceptable;
    private final int maxAttempts;
    private final Duration minRetryGap;
    private final Duration giveUpWithin;
    private final boolean clearTextAcceptable;

    private Expectation(Nature nature, boolean deliveryRequired, boolean retriesAllowed, boolean partialAcceptable,
                        boolean duplicatesAcceptable, int maxAttempts, Duration minRetryGap, Duration giveUpWithin) {
        this(nature, deliveryRequired, retriesAllowed, partialAcceptable, duplicatesAcceptable, maxAttempts,
                minRetryGap, giveUpWithin, true);
    }

    private Expectation(Nature nature, boolean deliveryRequired, boolean retriesAllowed, boolean partialAcceptable,
                        boolean duplicatesAcceptable, int maxAttempts, Duration minRetryGap, Duration giveUpWithin,
                        boolean clearTextAcceptable) {
        this.nature = nature;
        this.deliveryRequired = deliveryRequired;
        this.retriesAllowed = retriesAllowed;
        this.partialAcceptable = partialAcceptable;
        this.duplicatesAcceptable = duplicatesAcceptable;
        this.maxAttempts = maxAttempts;
        this.minRetryGap = minRetryGap;
        this.giveUpWithin = giveUpWithin;
        this.clearTextAcceptable = clearTextAcceptable;
    }

    /**
     * The good-practice expectation for a fault of this nature.
     *
     * @param giveUpLimit how long a client may wait for a reply that never comes (its timeout plus a margin)
     */
    public static Expectation of(Nature nature, Duration giveUpLimit) {
        return switch (nature) {
            case BASELINE, HARMLESS -> new Expectation(nature, true, false, false, false, 1, Duration.ZERO, null);
            case PERMANENT, PARTIAL -> new Expectation(nature, false, false, false, false, 1, Duration.ZERO, null);
            case UNTRUSTED -> new Expectation(nature, false, true, false, false, 0, DEFAULT_RETRY_GAP, null, false);
            case TRANSIENT, DUPLICATE, INJECTED -> new Expectation(nature, false, true, false, false, 0, DEFAULT_RETRY_GAP, null);
            case HANG -> new Expectation(nature, false, true, false, false, 0, DEFAULT_RETRY_GAP,
                    Objects.requireNonNull(giveUpLimit, "giveUpLimit"));
        };
    }

    /**
     * The good-practice expectation for this fault: by its nature, and for a STARTTLS fault nothing
     * sent without TLS (the code under a TLS/AUTH matrix requires TLS, as production mail settings do).
     */
    public static Expectation of(Fault fault, Duration giveUpLimit) {
        Expectation expectation = of(fault.nature(), giveUpLimit);
        return fault.tags().contains(Tag.TLS) ? expectation.nothingInClear() : expectation;
    }

    /** A message or password sent without TLS is a violation: the code must refuse to go on without it. */
    public Expectation nothingInClear() {
        return new Expectation(nature, deliveryRequired, retriesAllowed, partialAcceptable, duplicatesAcceptable,
                maxAttempts, minRetryGap, giveUpWithin, false);
    }

    /** Falling back to plaintext when TLS fails is what the code means to do (opportunistic TLS). */
    public Expectation clearTextAcceptable() {
        return new Expectation(nature, deliveryRequired, retriesAllowed, partialAcceptable, duplicatesAcceptable,
                maxAttempts, minRetryGap, giveUpWithin, true);
    }

    /** An error is not enough: the code must retry until the message is delivered. */
    public Expectation mustDeliver() {
        return new Expectation(nature, true, retriesAllowed, partialAcceptable, duplicatesAcceptable, maxAttempts,
                minRetryGap, giveUpWithin, clearTextAcceptable);
    }

    /** Delivering to the recipients that were accepted, and reporting success, is what the code means to do. */
    public Expectation partialDeliveryAcceptable() {
        return new Expectation(nature, deliveryRequired, retriesAllowed, true, duplicatesAcceptable, maxAttempts,
                minRetryGap, giveUpWithin, clearTextAcceptable);
    }

    /** A retry that delivers a second copy is accepted (RFC 1047: SMTP cannot rule it out). */
    public Expectation duplicatesAcceptable() {
        return new Expectation(nature, deliveryRequired, retriesAllowed, partialAcceptable, true, maxAttempts,
                minRetryGap, giveUpWithin, clearTextAcceptable);
    }

    /** Retrying is allowed, also for a permanent failure. */
    public Expectation retriesAllowed() {
        return new Expectation(nature, deliveryRequired, true, partialAcceptable, duplicatesAcceptable,
                maxAttempts == 1 ? 0 : maxAttempts, minRetryGap, giveUpWithin, clearTextAcceptable);
    }

    /** No more than this many connections for one message. */
    public Expectation attemptsAtMost(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        return new Expectation(nature, deliveryRequired, attempts > 1 && retriesAllowed, partialAcceptable,
                duplicatesAcceptable, attempts, minRetryGap, giveUpWithin, clearTextAcceptable);
    }

    /** Between the end of one attempt and the start of the next, at least this long. */
    public Expectation retryGapAtLeast(Duration gap) {
        return new Expectation(nature, deliveryRequired, retriesAllowed, partialAcceptable, duplicatesAcceptable,
                maxAttempts, Objects.requireNonNull(gap, "gap"), giveUpWithin, clearTextAcceptable);
    }

    /** Each attempt must give up waiting for a reply that never comes within this long. */
    public Expectation giveUpWithin(Duration limit) {
        return new Expectation(nature, deliveryRequired, retriesAllowed, partialAcceptable, duplicatesAcceptable,
                maxAttempts, minRetryGap, Objects.requireNonNull(limit, "limit"), clearTextAcceptable);
    }

    public Nature nature() {
        return nature;
    }

    public boolean requiresDelivery() {
        return deliveryRequired;
    }

    public boolean allowsRetries() {
        return retriesAllowed;
    }

    public boolean acceptsPartialDelivery() {
        return partialAcceptable;
    }

    public boolean acceptsDuplicates() {
        return duplicatesAcceptable;
    }

    /** The most connections for one message; 0 for no limit. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration minRetryGap() {
        return minRetryGap;
    }

    /** Whether a message sent without TLS is acceptable; false for the STARTTLS faults and certificates. */
    public boolean acceptsClearText() {
        return clearTextAcceptable;
    }

    /** How long an attempt may wait for a reply that never comes; null when it does not apply. */
    public Duration giveUpLimit() {
        return giveUpWithin;
    }

    /** The expectation in a few words, for the report card. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        boolean errorExpected = nature == Nature.PERMANENT || nature == Nature.PARTIAL;
        boolean success = nature == Nature.BASELINE || nature == Nature.HARMLESS;
        parts.add(deliveryRequired ? (success ? "delivered once, success" : "delivered once")
                : nature == Nature.UNTRUSTED ? "an error; nothing delivered"
                : errorExpected ? "an error" : "delivered once, or an error");
        if (nature == Nature.INJECTED) {
            parts.add("the injected reply never read");
        }
        if (!clearTextAcceptable && nature != Nature.UNTRUSTED) {
            parts.add("nothing in clear");
        }
        if (nature == Nature.PARTIAL) {
            parts.add(partialAcceptable ? "partial delivery accepted" : "no partial success");
        }
        if (nature == Nature.DUPLICATE || duplicatesAcceptable) {
            parts.add(duplicatesAcceptable ? "duplicates accepted" : "no duplicate");
        }
        if (!retriesAllowed && !success) {
            parts.add("no retry");
        } else if (maxAttempts > 1) {
            parts.add("at most " + maxAttempts + " attempts");
        }
        if (retriesAllowed && !minRetryGap.isZero()) {
            parts.add("retries ≥ " + Durations.brief(minRetryGap) + " apart");
        }
        if (giveUpWithin != null) {
            parts.add("gives up within " + Durations.brief(giveUpWithin));
        }
        return String.join("; ", parts);
    }

    @Override
    public String toString() {
        return describe();
    }
}
