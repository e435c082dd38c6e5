package dev.smtpdouble.matrix;

import java.time.Duration;

/** Durations as a person reads them in a report: {@code 850 ms}, {@code 3.2 s}. */
final class Durations {

    private Durations() {
    }

    static String brief(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
