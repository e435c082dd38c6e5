package dev.smtpdouble.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.policy.Greylist.Verdict;
import org.junit.jupiter.api.Test;

/** Greylisting verdicts at given instants, in milliseconds. */
class GreylistTest {

    private static final long MINUTE = 60_000;
    private static final long DAY = 24 * 60 * MINUTE;
    private final Greylist postgrey = new Greylist(5 * MINUTE, 35 * DAY, 2 * DAY, 0);

    @Test
    void theFirstAttemptAndEarlyRetriesAreDeferredALaterRetryPasses() {
        assertThat(postgrey.attempt("t", 0)).isEqualTo(new Verdict(false, 1, 0, 5 * MINUTE));
        assertThat(postgrey.attempt("t", MINUTE)).isEqualTo(new Verdict(false, 2, MINUTE, 4 * MINUTE));
        assertThat(postgrey.attempt("t", 5 * MINUTE - 1)).extracting(Verdict::passed).isEqualTo(false);
        assertThat(postgrey.attempt("t", 5 * MINUTE)).isEqualTo(new Verdict(true, 4, 5 * MINUTE, 0));
        assertThat(postgrey.attempt("other", 5 * MINUTE)).as("each key apart").extracting(Verdict::passed)
                .isEqualTo(false);
    }

    @Test
    void aKeyThatPassedIsRememberedForRetainSinceLastSeen() {
        postgrey.attempt("t", 0);
        postgrey.attempt("t", 10 * MINUTE);

        assertThat(postgrey.attempt("t", 30 * DAY).passed()).isTrue();
        assertThat(postgrey.attempt("t", 64 * DAY).passed()).as("seen 34 days ago: still known").isTrue();
        assertThat(postgrey.attempt("t", 99 * DAY + 1)).as("unseen for over 35 days: a stranger again")
                .isEqualTo(new Verdict(false, 1, 0, 5 * MINUTE));
    }

    @Test
    void aRetryAfterTheRetryWindowIsAFirstAttemptAgain() {
        postgrey.attempt("t", 0);

        assertThat(postgrey.attempt("t", 2 * DAY + 1)).isEqualTo(new Verdict(false, 1, 0, 5 * MINUTE));
        assertThat(postgrey.attempt("t", 2 * DAY + 1 + 5 * MINUTE).passed()).isTrue();
    }

    @Test
    void maxAttemptsLetsThatAttemptPassWhateverTheDelay() {
        Greylist third = new Greylist(5 * MINUTE, DAY, DAY, 3);

        assertThat(third.attempt("t", 0).passed()).isFalse();
        assertThat(third.attempt("t", 1).passed()).isFalse();
        assertThat(third.attempt("t", 2)).isEqualTo(new Verdict(true, 3, 2, 0));
        assertThat(third.attempt("t", 3).passed()).isTrue();
    }

    @Test
    void aZeroDelayDefersOnlyTheFirstAttempt() {
        Greylist once = new Greylist(0, DAY, DAY, 0);

        assertThat(once.attempt("t", 0).passed()).isFalse();
        assertThat(once.attempt("t", 0).passed()).isTrue();
    }

    @Test
    void keysAreBounded() {
        Greylist small = new Greylist(5 * MINUTE, DAY, DAY, 0, 100);
        for (int i = 0; i < 250; i++) {
            small.attempt("t" + i, i);
        }

        assertThat(small.keys()).isEqualTo(100);
    }

    @Test
    void longKeysThatDifferOnlyAtTheEndAreApart() {
        String sender = "a".repeat(1000) + "@example.com/";
        postgrey.attempt(sender + "bob", 0);

        assertThat(postgrey.attempt(sender + "bob", 5 * MINUTE).passed()).isTrue();
        assertThat(postgrey.attempt(sender + "bo", 5 * MINUTE).attempt()).as("a first attempt").isEqualTo(1);
        assertThat(postgrey.attempt(sender + "boc", 5 * MINUTE).attempt()).isEqualTo(1);
    }

    /** A full greylist of triplets with 470-character local parts, about 1 KB of text per key. */
    @Test
    void longKeysCostNoMoreHeapThanTheDocumentedBound() {
        long retained = HeapUse.retainedBy(() -> {
            Greylist full = new Greylist(5 * MINUTE, 35 * DAY, 2 * DAY, 0);
            String local = "x".repeat(470);
            for (int i = 0; i < Greylist.MAX_KEYS + 1_000; i++) {
                full.attempt("192.0.2.1/" + local + i + "@example.com/" + local + "@example.org", i);
            }
            assertThat(full.keys()).isEqualTo(Greylist.MAX_KEYS);
            return full;
        });

        assertThat(retained).as("%d bytes a key", retained / Greylist.MAX_KEYS)
                .isLessThan((long) Greylist.MAX_KEYS * Greylist.BYTES_PER_KEY + HeapUse.NOISE);
    }
}
