package dev.smtpdouble.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Sliding and fixed windows, per key, at given instants: no clock, no sleeping. */
class RateWindowTest {

    @Test
    void aSlidingWindowCountsTheEventsOfTheLastWindowExactly() {
        RateWindow window = new RateWindow(3, 60_000, true);
        window.add("a", 0);
        window.add("a", 10_000);
        window.add("a", 20_000);

        assertThat(window.reached("a", 20_000)).isTrue();
        assertThat(window.reached("b", 20_000)).as("keys are counted apart").isFalse();
        assertThat(window.count("a", 59_999)).isEqualTo(3);
        assertThat(window.retryAfter("a", 30_000)).as("the oldest leaves the window at 60 s").isEqualTo(30_000);
        assertThat(window.count("a", 60_000)).as("the first event is a full window old").isEqualTo(2);
        assertThat(window.reached("a", 60_000)).isFalse();
        assertThat(window.retryAfter("a", 60_000)).as("the next oldest leaves at 70 s").isEqualTo(10_000);
        assertThat(window.count("a", 80_000)).isZero();
        assertThat(window.retryAfter("a", 80_000)).isZero();
    }

    @Test
    void aSlidingWindowKeepsOneTimeOverTheMaximumAndStaysExact() {
        RateWindow window = new RateWindow(2, 1000, true);
        for (int t = 0; t < 10; t++) {
            window.add("a", t * 100L); // events at 0..900: ten of them in one window
        }

        assertThat(window.count("a", 900)).as("over the maximum, and no further").isEqualTo(3);
        assertThat(window.count("a", 1799)).as("800 and 900 are still inside").isEqualTo(2);
        assertThat(window.count("a", 1850)).isEqualTo(1);
        assertThat(window.count("a", 1900)).isZero();
    }

    @Test
    void aFixedWindowStartsAtTheKeysFirstEventAndStartsOverAfterIt() {
        RateWindow window = new RateWindow(2, 60_000, false);
        window.add("a", 5_000);
        window.add("a", 50_000);

        assertThat(window.reached("a", 64_999)).isTrue();
        assertThat(window.retryAfter("a", 30_000)).isEqualTo(35_000);
        assertThat(window.count("a", 65_000)).as("the window of 5 s to 65 s is over, whatever came late in it")
                .isZero();
        window.add("a", 70_000);
        assertThat(window.count("a", 129_999)).isEqualTo(1);
    }

    @Test
    void keysAreBoundedAndTheLeastRecentlyUsedGoFirst() {
        RateWindow window = new RateWindow(1, 3_600_000, false);
        for (int i = 0; i < RateWindow.MAX_KEYS + 500; i++) {
            window.add("client-" + i, i);
        }

        assertThat(window.keys()).isEqualTo(RateWindow.MAX_KEYS);
        assertThat(window.reached("client-0", 20_000)).as("evicted").isFalse();
        assertThat(window.reached("client-" + (RateWindow.MAX_KEYS + 499), 20_000)).isTrue();
    }

    @Test
    void longKeysCostNoMoreHeapThanTheDocumentedBound() {
        long retained = HeapUse.retainedBy(() -> filled(new RateWindow(30, 3_600_000, false), 1));

        assertThat(retained).as("%d bytes a key", retained / RateWindow.MAX_KEYS)
                .isLessThan((long) RateWindow.MAX_KEYS * RateWindow.BYTES_PER_KEY + HeapUse.NOISE);
    }

    @Test
    void aFullSlidingWindowCostsItsKeysAndAMillionTimesAtMost() {
        // 100 times a key: 10 000 keys hold a million
        long retained = HeapUse.retainedBy(() -> filled(new RateWindow(99, 3_600_000, true), 100));

        assertThat(retained).isLessThan((long) RateWindow.MAX_KEYS * (RateWindow.BYTES_PER_KEY + 16)
                + 8L * RateWindow.MAX_TIMES + HeapUse.NOISE);
    }

    /** Keys of about 1 KB (a 470-character local part and its domain, twice), each with its events. */
    private static RateWindow filled(RateWindow window, int events) {
        String local = "x".repeat(470);
        for (int i = 0; i < RateWindow.MAX_KEYS + 500; i++) {
            String key = local + i + "@example.com/" + local + "@example.org";
            for (int e = 0; e < events; e++) {
                window.add(key, i);
            }
        }
        assertThat(window.keys()).isEqualTo(RateWindow.MAX_KEYS);
        return window;
    }

    @Test
    void aLargeSlidingMaximumKeepsFewerKeys() {
        RateWindow window = new RateWindow(499_999, 1000, true);
        for (int i = 0; i < 10; i++) {
            window.add("client-" + i, i);
        }

        assertThat(window.keys()).as("a million event times at most: two keys of half a million each").isEqualTo(2);
    }

    @Test
    void expiredKeysAreSweptAsNewOnesCome() {
        RateWindow window = new RateWindow(5, 1000, true);
        for (int i = 0; i < 100; i++) {
            window.add("old-" + i, 0);
        }
        for (int i = 0; i < 30; i++) {
            window.add("new-" + i, 5_000);
        }
        assertThat(window.keys()).as("each insertion sweeps up to two expired keys").isEqualTo(30 + 100 - 60);
        for (int i = 30; i < 60; i++) {
            window.add("new-" + i, 5_000);
        }

        assertThat(window.keys()).as("the expired are all gone").isEqualTo(60);
    }

    @Test
    void aWindowNeedsAMaximumAndALength() {
        assertThatThrownBy(() -> new RateWindow(0, 1000, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateWindow(1, 0, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
