package dev.smtpdouble.cli;

import dev.smtpdouble.SettingException;
import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.StartPlan;
import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.tls.LegacyVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What the start checks before anything binds, and {@code --validate} checks without starting: each
 * listener's settings can work ({@link SmtpDouble.Builder#check()}), and no TLS setting is given to
 * servers that offer no TLS, where it would be silently unused.
 */
final class StartChecks {

    /**
     * A problem and where it was set.
     *
     * @param place {@code file:line:column: } of the scenario key that set it; null for an option
     */
    record Problem(String place, String text) {

        /** The problem as printed, with {@code origin: } in front when no key of a file is at fault. */
        String line(String origin) {
            return (place != null ? place : origin == null ? "" : origin + ": ") + text;
        }
    }

    /** The scenario keys that only TLS uses, all named tls_...: each one's partner (tls_key, tls_keystore_password) goes with it. */
    private static final List<String> TLS_KEYS = List.of("tls_cert", "tls_keystore", "tls_certificate", "tls_versions",
            "tls_cipher_suites", "tls_ca_out");

    private final Supplier<SmtpDouble.Builder> options;
    private final UnaryOperator<SmtpDouble.Builder> primary;
    private final List<String> tlsOptions;
    private final boolean adminApi;

    /**
     * @param options    a builder with the command line's options
     * @param primary    what only the first listener gets (its implicit-TLS ports, the CA file)
     * @param tlsOptions the TLS options given that only TLS uses, as the user gave them (option or variable)
     * @param adminApi   whether a scenario that turns TLS on may be put in force later
     */
    StartChecks(Supplier<SmtpDouble.Builder> options, UnaryOperator<SmtpDouble.Builder> primary, List<String> tlsOptions,
                boolean adminApi) {
        this.options = options;
        this.primary = primary;
        this.tlsOptions = List.copyOf(tlsOptions);
        this.adminApi = adminApi;
    }

    /** The problems of the listeners, the first one first; empty when they can start. */
    List<Problem> check(List<LoadedScenario> listeners) {
        List<Problem> problems = new ArrayList<>();
        boolean tls = false;
        for (int i = 0; i < listeners.size(); i++) {
            LoadedScenario listener = listeners.get(i);
            try {
                SmtpDouble.Builder builder = options.get().scenario(listener.scenario());
                StartPlan plan = (i == 0 ? primary.apply(builder) : builder).check();
                tls |= plan.tls();
                if (!plan.tls()) {
                    unusedTlsKeys(listener, problems);
                }
            } catch (SettingException e) {
                tls = true; // what it says comes first; whether TLS is on is unknown
                problems.add(new Problem(listener.serverKeyPlaces().get(e.key()), e.getMessage()));
            } catch (IllegalArgumentException e) { // options that do not fit together: the same for every listener
                return List.of(new Problem(null, e.getMessage()));
            }
        }
        if (!tls && !tlsOptions.isEmpty()) {
            problems.add(adminApi ? keysReadable() : new Problem(null, String.join(", ", tlsOptions)
                    + (tlsOptions.size() == 1 ? " needs" : " need") + " TLS, which no listener offers: add --tls"
                    + " (STARTTLS) or --tls-port (implicit TLS)"));
        }
        problems.removeIf(problem -> problem == null);
        return problems;
    }

    /**
     * With the admin API, a scenario put in force later may turn TLS on and use the options' keys:
     * they are read now all the same, so that a wrong path shows at start.
     */
    private Problem keysReadable() {
        try {
            options.get().tls(true).check();
            return null;
        } catch (IllegalArgumentException e) {
            return new Problem(null, e.getMessage());
        }
    }

    private static void unusedTlsKeys(LoadedScenario listener, List<Problem> problems) {
        if (!listener.mentions("tls_")) {
            return; // the common case, decided without reading the file again
        }
        Map<String, String> places = listener.serverKeyPlaces();
        for (String key : TLS_KEYS) {
            String place = places.get(key);
            if (place != null) {
                problems.add(new Problem(place, "'" + key + "' needs TLS, which this server does not offer: add"
                        + " 'tls: true' (STARTTLS) or 'tls_port' to the server block, or --tls"));
            }
        }
    }

    /**
     * TLS 1.0 and 1.1 are disabled by the JDK; a scenario or option that offers them (to test what
     * a client does then) gets them enabled in this process, before any TLS class is loaded.
     */
    static void allowLegacyTlsIfAsked(List<String> optionVersions, List<LoadedScenario> scenarios) {
        List<String> asked = new ArrayList<>(optionVersions);
        for (LoadedScenario loaded : scenarios) {
            asked.addAll(loaded.scenario().settings().apply(Settings.DEFAULTS).tls().versions());
        }
        if (LegacyVersions.asked(asked)) {
            LegacyVersions.allowInThisJvm();
        }
    }
}
