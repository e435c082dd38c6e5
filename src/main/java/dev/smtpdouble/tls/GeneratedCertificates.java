package dev.smtpdouble.tls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificates generated in this process: one throwaway CA (so every server of a test run is
 * trusted through the same CA certificate), a second CA that nobody trusts, and a server
 * certificate per kind and host name, each made once, when first asked for.
 */
final class GeneratedCertificates {

    /** The host name a {@link CertificateKind#WRONG_HOST} certificate is for; {@code .invalid} never resolves. */
    static final String WRONG_HOST = "wrong-host.invalid";

    private record Key(CertificateKind kind, String hostname) {
    }

    private static final class Authorities {
        static final CertificateAuthority TRUSTED = CertificateAuthority.create("smtp-double test CA");
    }

    private static final class Untrusted {
        static final CertificateAuthority AUTHORITY = CertificateAuthority.create("smtp-double untrusted CA");
    }

    private static final Map<Key, KeyMaterial> ISSUED = new ConcurrentHashMap<>();

    private GeneratedCertificates() {
    }

    /** The CA behind every valid generated certificate of this process. */
    static CertificateAuthority authority() {
        return Authorities.TRUSTED;
    }

    /** The certificate of this kind for this host name (and always localhost, 127.0.0.1 and ::1). */
    static KeyMaterial certificate(CertificateKind kind, String hostname) {
        return ISSUED.computeIfAbsent(new Key(kind, hostname), key -> make(kind, hostname));
    }

    private static KeyMaterial make(CertificateKind kind, String hostname) {
        List<String> names = names(hostname);
        Instant now = Instant.now();
        return switch (kind) {
            case VALID -> authority().issue(names);
            case SELF_SIGNED -> CertificateAuthority.selfSigned(names);
            case EXPIRED -> authority().issue(names, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
            case NOT_YET_VALID -> authority().issue(names, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
            case WRONG_HOST -> authority().issue(List.of(WRONG_HOST));
            case UNTRUSTED_CA -> Untrusted.AUTHORITY.issue(names);
        };
    }

    /** The configured host name first (it becomes the CN), then the loopback names. */
    static List<String> names(String hostname) {
        List<String> names = new ArrayList<>();
        names.add(hostname);
        for (String loopback : List.of("localhost", "127.0.0.1", "::1")) {
            if (!names.contains(loopback)) {
                names.add(loopback);
            }
        }
        return names;
    }
}
