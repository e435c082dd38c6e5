package dev.smtpdouble.matrix;

import dev.smtpdouble.tls.Trust;
import java.util.Objects;

/**
 * The server one call of the code under test sends to, and what the code needs to be configured the
 * way production is: the trust material of the server's certificate (STARTTLS is offered when the
 * matrix runs TLS or AUTH faults) and the account the server accepts.
 *
 * @param host     the server's address
 * @param port     its SMTP port
 * @param trust    the CA to trust: its PEM, an {@code SSLContext} that trusts it and nothing else, a truststore
 * @param user     the account's user name
 * @param password the account's password
 */
public record Target(String host, int port, Trust trust, String user, String password) {

    public Target {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** Without the password, which has no place in a report or a log. */
    @Override
    public String toString() {
        return "Target[" + host + ":" + port + ", user " + user + "]";
    }
}
