package dev.smtpdouble.sasl;

/**
 * The part of one mechanism that differs from the others: what it asks and how it checks the
 * answers. By default a mechanism is client-first: an empty {@code 334} without initial response,
 * and the initial response read like any other.
 */
abstract sealed class Dialogue permits PlainDialogue, LoginDialogue, CramMd5Dialogue, BearerDialogue {

    final Credentials credentials;
    /** The authentication identity the client claimed so far, or null. */
    String user;
    /** Whether a response carried the password or token itself. */
    boolean sentSecret;

    Dialogue(Credentials credentials) {
        this.credentials = credentials;
    }

    /** The first step when the AUTH command carried no initial response. */
    SaslStep start() {
        return challenge("");
    }

    /** The first step with the decoded initial response of the AUTH command. */
    SaslStep initial(byte[] response) {
        return next(response);
    }

    /** The next step with a decoded response to a challenge. */
    abstract SaslStep next(byte[] response);

    static SaslStep challenge(String text) {
        return new SaslStep.Challenge(text, false);
    }

    static SaslStep failure(SaslFailure reason) {
        return new SaslStep.Failure(reason);
    }

    /** Success when the check passed, else the plain authentication failure. */
    SaslStep verdict(boolean valid) {
        return valid ? new SaslStep.Success(user) : failure(SaslFailure.AUTHENTICATION_FAILURE);
    }
}
