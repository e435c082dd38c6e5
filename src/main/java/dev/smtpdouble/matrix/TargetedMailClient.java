package dev.smtpdouble.matrix;

/**
 * The code under test, configured from the whole {@link Target}: host and port, the CA to trust and the
 * account to log in with, as a sender that requires STARTTLS and AUTH is configured in production.
 * Returning normally means "the code reports success"; throwing means it reports a failure.
 */
@FunctionalInterface
public interface TargetedMailClient {

    void send(Target target) throws Exception;
}
