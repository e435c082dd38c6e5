package dev.smtpdouble.matrix;

import java.time.Duration;

/**
 * The limits of a run.
 *
 * @param clientTimeout the read timeout the code under test is configured with
 * @param margin        added to it: how much later than its timeout a client may give up
 * @param timeLimit     the longest one fault may take before the matrix stops the code
 * @param user          the account every server accepts
 * @param password      its password
 * @param secure        whether every server offers STARTTLS and has the account (the TLS or AUTH faults run)
 */
record MatrixSettings(Duration clientTimeout, Duration margin, Duration timeLimit, String user, String password,
                      boolean secure) {

    static final MatrixSettings DEFAULTS = new MatrixSettings(Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(30), Matrix.DEFAULT_USER, Matrix.DEFAULT_PASSWORD, false);

    @Override
    public String toString() {
        return "MatrixSettings[clientTimeout=" + clientTimeout + ", margin=" + margin + ", timeLimit=" + timeLimit
                + ", user=" + user + ", secure=" + secure + "]";
    }

    /** How long a connection may wait for a reply that never comes. */
    Duration giveUpLimit() {
        return clientTimeout.plus(margin);
    }
}
