package dev.smtpdouble;

import dev.smtpdouble.scenario.Settings;
import java.nio.file.Path;
import java.util.List;

/**
 * What a configured server would start with, checked but not started ({@link SmtpDouble.Builder#check()}).
 *
 * @param settings the server's settings with its scenario's applied
 * @param tlsPorts the implicit-TLS listeners it would open, the builder's and the scenario's
 * @param caFiles  where it would write the CA certificate
 */
public record StartPlan(Settings settings, List<Integer> tlsPorts, List<Path> caFiles) {

    public StartPlan {
        tlsPorts = List.copyOf(tlsPorts);
        caFiles = List.copyOf(caFiles);
    }

    /** Whether it speaks TLS at all: STARTTLS, or an implicit-TLS listener. */
    public boolean tls() {
        return settings.tls().startTls() || !tlsPorts.isEmpty();
    }
}
