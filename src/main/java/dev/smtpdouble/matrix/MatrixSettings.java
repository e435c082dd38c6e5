package dev.smtpdouble.matrix;

import java.time.Duration;

/**
 * The limits of a run.
 *
 * @param clientTimeout the read timeout the code under test is configured with
 * @param margin        added to it: how much later than its timeout a client may give up
 * @param timeLimit     the longest one fault may take before the matrix stops the code
 */
record MatrixSettings(Duration clientTimeout, Duration margin, Duration timeLimit) {

    static final MatrixSettings DEFAULTS = new MatrixSettings(Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(30));

    /** How long a connection may wait for a reply that never comes. */
    Duration giveUpLimit() {
        return clientTimeout.plus(margin);
    }
}
