package dev.smtpdouble.tls;

import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * TLS 1.0 and 1.1, which the JDK disables ({@code jdk.tls.disabledAlgorithms}), allowed again in this
 * JVM, so that a server can offer them and a test can see what a client does when it negotiates
 * them (for instance the Exchange Online refusal, {@code 421 4.7.66}). Process-wide: it weakens every
 * TLS client and server of the JVM, and works only before the JVM's TLS classes are first used. The
 * command line and the container call it when a scenario or an option asks for these versions.
 */
public final class LegacyVersions {

    static final List<String> LEGACY = List.of("TLSv1", "TLSv1.1");
    private static final String PROPERTY = "jdk.tls.disabledAlgorithms";

    private LegacyVersions() {
    }

    /** Whether these versions include TLS 1.0 or 1.1. */
    public static boolean asked(List<String> versions) {
        return versions.stream().anyMatch(LEGACY::contains);
    }

    /** Removes TLS 1.0 and 1.1 from the JVM's disabled algorithms; the other entries stay. */
    public static void allowInThisJvm() {
        String disabled = Security.getProperty(PROPERTY);
        if (disabled == null) {
            return;
        }
        String kept = Arrays.stream(disabled.split(",")).map(String::strip)
                .filter(entry -> !LEGACY.contains(entry)).collect(Collectors.joining(", "));
        Security.setProperty(PROPERTY, kept);
    }
}
