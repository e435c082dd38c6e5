package dev.smtpdouble.sasl;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How the server offers AUTH.
 *
 * @param credentials      the accounts; none: AUTH is off and answered {@code 502}, as today
 * @param mechanisms       the mechanisms offered, in the order the EHLO reply lists them
 * @param required         MAIL before a successful AUTH gets {@code 530 5.7.0 Authentication required}
 * @param plaintextAllowed AUTH is offered before STARTTLS too (the opposite of Postfix's
 *                         {@code smtpd_tls_auth_only}); without STARTTLS on the listener it is always offered
 */
public record AuthSettings(Credentials credentials, List<Mechanism> mechanisms, boolean required,
                           boolean plaintextAllowed) {

    /** No accounts: AUTH is off and answered with 502, as by Postfix built without SASL support. */
    public static final AuthSettings OFF = new AuthSettings(Credentials.NONE, Mechanism.ALL, false, false);

    public AuthSettings {
        Objects.requireNonNull(credentials, "credentials");
        mechanisms = List.copyOf(mechanisms);
        if (mechanisms.isEmpty()) {
            throw new IllegalArgumentException("at least one AUTH mechanism must be offered");
        }
        if (new HashSet<>(mechanisms).size() != mechanisms.size()) {
            throw new IllegalArgumentException("an AUTH mechanism is listed twice: " + mechanisms);
        }
    }

    /** Whether AUTH is on at all: some account exists. */
    public boolean enabled() {
        return !credentials.isEmpty();
    }

    /** The EHLO line, e.g. {@code AUTH PLAIN LOGIN CRAM-MD5}. */
    public String ehloLine() {
        return mechanisms.stream().map(Mechanism::saslName).collect(Collectors.joining(" ", "AUTH ", ""));
    }

    /**
     * A setting that cannot work fails here, when a server starts or a scenario is put in force, not
     * while a client waits.
     *
     * @throws IllegalArgumentException for {@code required} without an account
     */
    public AuthSettings check() {
        if (required && !enabled()) {
            throw new IllegalArgumentException("require-auth needs at least one account to log in with: "
                    + "add --auth USER:PASSWORD (auth in a scenario's server block)");
        }
        return this;
    }

    public AuthSettings withCredentials(Credentials value) {
        return new AuthSettings(value, mechanisms, required, plaintextAllowed);
    }

    public AuthSettings withMechanisms(List<Mechanism> value) {
        return new AuthSettings(credentials, value, required, plaintextAllowed);
    }

    public AuthSettings withRequired(boolean value) {
        return new AuthSettings(credentials, mechanisms, value, plaintextAllowed);
    }

    public AuthSettings withPlaintextAllowed(boolean value) {
        return new AuthSettings(credentials, mechanisms, required, value);
    }
}
