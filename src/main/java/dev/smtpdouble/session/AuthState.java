package dev.smtpdouble.session;

import dev.smtpdouble.sasl.SaslExchange;

/** What the session knows about AUTH: the attempt in progress, and whom it authenticated. */
final class AuthState {

    /**
     * An AUTH command whose exchange is under way.
     *
     * @param mechanismWord the mechanism as the client wrote it, for rules' {@code argument}
     */
    record Attempt(SaslExchange exchange, String mechanismWord, int inSession, int inTransaction) {
    }

    private Attempt attempt;
    private String user;

    Attempt attempt() {
        return attempt;
    }

    void begin(Attempt value) {
        attempt = value;
    }

    /** The attempt is over, whatever its outcome. */
    Attempt end() {
        Attempt ended = attempt;
        attempt = null;
        return ended;
    }

    /** The user the session authenticated as, or null. */
    String user() {
        return user;
    }

    void authenticated(String value) {
        user = value;
    }

    /** Back to unauthenticated, as after a new TLS session. */
    void forget() {
        attempt = null;
        user = null;
    }
}
