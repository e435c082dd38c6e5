package dev.smtpdouble.tls;

import java.util.List;
import java.util.Objects;

/**
 * How a server speaks TLS.
 *
 * @param startTls     offer STARTTLS (RFC 3207) on the plain SMTP listener
 * @param required     MAIL, RCPT, DATA, BDAT, RSET, VRFY, AUTH and ETRN before TLS get
 *                     {@code 530 5.7.0 Must issue a STARTTLS command first}
 * @param certificate  what the server presents
 * @param versions     the protocol versions offered ({@code TLSv1.2}, {@code TLSv1.3}); empty = the JDK's defaults
 * @param cipherSuites the cipher suites offered, IANA names; empty = the JDK's defaults
 */
public record TlsSettings(boolean startTls, boolean required, ServerCertificate certificate, List<String> versions,
                          List<String> cipherSuites) {

    /** TLS off: no STARTTLS, a generated certificate for implicit-TLS listeners, the JDK's versions and suites. */
    public static final TlsSettings OFF = new TlsSettings(false, false, ServerCertificate.GENERATED, List.of(),
            List.of());

    public TlsSettings {
        Objects.requireNonNull(certificate, "certificate");
        versions = List.copyOf(versions);
        cipherSuites = List.copyOf(cipherSuites);
        for (String version : versions) {
            if (!version.matches("TLSv1(\\.[0-3])?|SSLv3")) {
                throw new IllegalArgumentException("a TLS version is one of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3: '"
                        + version + "'");
            }
        }
    }

    public TlsSettings withStartTls(boolean value) {
        return new TlsSettings(value, required, certificate, versions, cipherSuites);
    }

    public TlsSettings withRequired(boolean value) {
        return new TlsSettings(startTls, value, certificate, versions, cipherSuites);
    }

    public TlsSettings withCertificate(ServerCertificate value) {
        return new TlsSettings(startTls, required, value, versions, cipherSuites);
    }

    public TlsSettings withVersions(List<String> value) {
        return new TlsSettings(startTls, required, certificate, value, cipherSuites);
    }

    public TlsSettings withCipherSuites(List<String> value) {
        return new TlsSettings(startTls, required, certificate, versions, value);
    }
}
