package dev.smtpdouble.protocol;

import java.util.Objects;

/**
 * What a TLS handshake negotiated, as the session, the scenario rules and the journal see it.
 *
 * @param version     the protocol version, as Java names it: {@code TLSv1.3}, {@code TLSv1.2}
 * @param cipherSuite the cipher suite's IANA name, e.g. {@code TLS_AES_128_GCM_SHA256}
 * @param serverName  the host name the client asked for with SNI, or null when it sent none
 * @param implicit    true on an implicit-TLS listener (RFC 8314, port 465), false after STARTTLS
 */
public record TlsInfo(String version, String cipherSuite, String serverName, boolean implicit) {

    public TlsInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
    }

    /** How TLS started: {@code implicit} or {@code starttls}. */
    public String mode() {
        return implicit ? "implicit" : "starttls";
    }

    @Override
    public String toString() {
        return version + " " + cipherSuite + " (" + mode() + (serverName == null ? "" : ", SNI " + serverName) + ")";
    }
}
