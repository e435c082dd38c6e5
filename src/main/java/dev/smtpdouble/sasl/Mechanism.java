package dev.smtpdouble.sasl;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The SASL mechanisms the server can offer, in the order the EHLO reply lists them. */
public enum Mechanism {
    /** RFC 4616: authzid, authcid and password in one response. */
    PLAIN("PLAIN", true),
    /** The de-facto LOGIN mechanism: user name and password at two prompts. */
    LOGIN("LOGIN", true),
    /** RFC 2195: an HMAC-MD5 of the server's challenge; the password itself never travels. */
    CRAM_MD5("CRAM-MD5", false),
    /** Google's XOAUTH2: a user name and an OAuth 2.0 bearer token. */
    XOAUTH2("XOAUTH2", true),
    /** RFC 7628: an OAuth 2.0 bearer token with a GS2 header. */
    OAUTHBEARER("OAUTHBEARER", true);

    /** Every mechanism, the default offer. */
    public static final List<Mechanism> ALL = List.of(values());

    private final String saslName;
    private final boolean sendsSecret;

    Mechanism(String saslName, boolean sendsSecret) {
        this.saslName = saslName;
        this.sendsSecret = sendsSecret;
    }

    /** The name on the wire and in the EHLO reply, e.g. {@code CRAM-MD5}. */
    public String saslName() {
        return saslName;
    }

    /** Whether the client's responses carry the password or token itself (readable without TLS). */
    public boolean sendsSecret() {
        return sendsSecret;
    }

    /** The mechanism of this name, case-insensitive as RFC 4422 says; empty for an unknown one. */
    public static Optional<Mechanism> named(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (Mechanism mechanism : values()) {
            if (mechanism.saslName.equals(upper)) {
                return Optional.of(mechanism);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return saslName;
    }
}
