package dev.smtpdouble.sasl;

/** What an AUTH exchange says after each client line: another challenge, or how the attempt ended. */
public sealed interface SaslStep {

    /**
     * A {@code 334} challenge; the client answers with one line.
     *
     * @param text    the challenge, base64 (empty for a bare {@code 334 })
     * @param refusal the credentials were refused already and this carries the error (XOAUTH2,
     *                OAUTHBEARER): whatever the client answers, the attempt then fails
     */
    record Challenge(String text, boolean refusal) implements SaslStep {
    }

    /** The client authenticated as {@code user}. */
    record Success(String user) implements SaslStep {
    }

    /** The attempt failed for this reason. */
    record Failure(SaslFailure reason) implements SaslStep {
    }
}
