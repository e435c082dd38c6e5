package dev.smtpdouble.tls;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which generated certificate the server presents: a valid one, or one broken on purpose. */
public enum CertificateKind {
    /** Signed by the throwaway CA, valid now, for localhost, 127.0.0.1, ::1 and the hostname. */
    VALID,
    /** Self-signed, no CA behind it. */
    SELF_SIGNED,
    /** Signed by the CA, but its validity ended yesterday. */
    EXPIRED,
    /** Signed by the CA, but valid only from tomorrow on. */
    NOT_YET_VALID,
    /** Signed by the CA, but for another host name ({@code wrong-host.invalid}). */
    WRONG_HOST,
    /** Valid and for the right names, but signed by a second CA that no trust export contains. */
    UNTRUSTED_CA;

    /** The name in scenario files and on the command line: {@code valid}, {@code self-signed}, ... */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind for a name, with {@code -} or {@code _}, in any case. */
    public static Optional<CertificateKind> named(String name) {
        String wanted = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(kind -> kind.name().equals(wanted)).findFirst();
    }
}
