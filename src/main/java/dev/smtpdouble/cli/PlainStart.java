package dev.smtpdouble.cli;

import dev.smtpdouble.protocol.SyntaxMode;
import dev.smtpdouble.sasl.Credentials;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The plain start, {@code smtp-double [--host H] [--port P] [--hostname N] [--scenario S]
 * [--scenario-dir D] [--max-message-size N] [--admin-port P] [--admin-host H] [--tls] [--tls-port P]
 * [--require-tls] [--auth USER:PASSWORD] [--require-auth] [--syntax MODE]},
 * read without the command line library. Its classes are too old a class-file version for class-data
 * sharing, so they are read from the jar on every start that uses it: about 120 ms. Anything
 * else (another option, a value that does not parse, an environment variable that sets an option
 * other than the scenario, the journal's bounds and TLS) is left to the full parser, which also words
 * the errors.
 */
final class PlainStart {

    private static final Set<String> OPTIONS = Set.of("--host", "--port", "--hostname", "--scenario",
            "--scenario-dir", "--max-message-size", "--admin-port", "--admin-host", "--tls-port", "--auth", "--syntax");
    /** Flags that may carry a value ({@code --tls=false}), and the one that may not. */
    private static final Set<String> FLAGS = Set.of("--tls", "--require-tls");
    private static final String REQUIRE_AUTH = "--require-auth";
    /**
     * Variables of the launcher and the image that set no option (the image's start script turns
     * SMTP_DOUBLE_ADMIN_PORT into --admin-port), and those read here: the scenario, the journal's bounds and TLS.
     */
    private static final Set<String> NOT_OPTIONS = Set.of("SMTP_DOUBLE_SCENARIO", "SMTP_DOUBLE_SCENARIO_DIR",
            "SMTP_DOUBLE_JAR", "SMTP_DOUBLE_CDS", "SMTP_DOUBLE_OPTS", "SMTP_DOUBLE_JVM_DEFAULTS",
            "SMTP_DOUBLE_HEAP_PERCENT", "SMTP_DOUBLE_MEMORY", "SMTP_DOUBLE_ADMIN_PORT",
            "SMTP_DOUBLE_JOURNAL_ENTRIES", "SMTP_DOUBLE_JOURNAL_BYTES", "SMTP_DOUBLE_TLS", "SMTP_DOUBLE_TLS_PORT");

    private PlainStart() {
    }

    /** @return the command with its options set, or null when the full parser must read them */
    static Main parse(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err, EarlyListener early) {
        for (String name : env.keySet()) {
            if (name.startsWith("SMTP_DOUBLE_") && !NOT_OPTIONS.contains(name)) {
                return null;
            }
        }
        Main main = new Main(out, err, early);
        main.scenario = env.get("SMTP_DOUBLE_SCENARIO");
        main.scenarioDir = env.containsKey("SMTP_DOUBLE_SCENARIO_DIR") ? Path.of(env.get("SMTP_DOUBLE_SCENARIO_DIR")) : null;
        if (!journalBounds(main, env) || !tlsFromEnvironment(main, env)) {
            return null;
        }
        boolean portsTyped = false; // typed --tls-port values replace the variable's, as in the full parser
        for (int i = 0; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            String name = equals < 0 ? args[i] : args[i].substring(0, equals);
            if (FLAGS.contains(name) || name.equals(REQUIRE_AUTH)) { // a flag: its value, if any, is attached
                if (!flag(main, name, equals < 0 ? null : args[i].substring(equals + 1),
                        i + 1 < args.length ? args[i + 1] : null)) {
                    return null;
                }
                continue;
            }
            if (name.equals("--tls-port") && !portsTyped) {
                main.tls.tlsPorts.clear();
                portsTyped = true;
            }
            String value = equals >= 0 ? args[i].substring(equals + 1) : i + 1 < args.length ? args[++i] : null;
            if (!OPTIONS.contains(name) || value == null || value.startsWith("-") || !set(main, name, value)) {
                return null;
            }
        }
        return main;
    }

    /** The journal's bounds from the environment, as the image sets them; false when one does not parse. */
    private static boolean journalBounds(Main main, Map<String, String> env) {
        try {
            String entries = env.get("SMTP_DOUBLE_JOURNAL_ENTRIES");
            String bytes = env.get("SMTP_DOUBLE_JOURNAL_BYTES");
            main.limits.journalEntries = entries == null ? null : Integer.valueOf(entries);
            main.limits.journalBytes = bytes == null ? null : ByteSizes.parse(bytes);
            return true;
        } catch (IllegalArgumentException e) { // the full parser words the error
            return false;
        }
    }

    /** SMTP_DOUBLE_TLS (true or false) and SMTP_DOUBLE_TLS_PORT, as the image documents them; false when one does not parse. */
    private static boolean tlsFromEnvironment(Main main, Map<String, String> env) {
        String tls = env.get("SMTP_DOUBLE_TLS");
        if (tls != null) {
            if (!isBoolean(tls)) {
                return false;
            }
            main.tls.tls = tls.equalsIgnoreCase("true");
        }
        String ports = env.get("SMTP_DOUBLE_TLS_PORT");
        try {
            if (ports != null) { // "" too is the full parser's to read
                addTlsPorts(main, ports);
            }
            return true;
        } catch (NumberFormatException e) { // the full parser words the error
            return false;
        }
    }

    private static boolean set(Main main, String name, String value) {
        try {
            main.typedOptions.add(name);
            switch (name) {
                case "--host" -> main.host = value;
                case "--port" -> main.port = Integer.parseInt(value);
                case "--hostname" -> main.hostname = value;
                case "--scenario" -> main.scenario = value;
                case "--scenario-dir" -> main.scenarioDir = Path.of(value);
                case "--max-message-size" -> main.maxMessageSize = Long.parseLong(value);
                case "--admin-port" -> main.adminPort = Integer.parseInt(value);
                case "--tls-port" -> addTlsPorts(main, value);
                case "--auth" -> {
                    if (!value.equals(value.strip()) || value.contains("\"") || value.contains("'")) {
                        return false; // the full parser's quoting and splitting
                    }
                    for (String account : value.split("\\s+")) {
                        main.auth.auth.add(Credentials.Account.parse(account));
                    }
                }
                case "--syntax" -> main.syntax = SyntaxMode.valueOf(value.toUpperCase(Locale.ROOT));
                default -> main.adminHost = value;
            }
            return true;
        } catch (RuntimeException e) { // not a number, not a path: the full parser says so
            return false;
        }
    }

    /**
     * {@code --tls} or {@code --require-tls}, bare or with {@code =true} / {@code =false}; a bare
     * {@code --require-auth}. False when the full parser must read it: a value it does not know, or a
     * next argument the full parser would take for the flag's value.
     */
    private static boolean flag(Main main, String name, String attached, String next) {
        boolean valueFollows = attached == null && next != null && isBoolean(next); // the full parser takes it
        boolean unknownValue = attached != null && (name.equals(REQUIRE_AUTH) || !isBoolean(attached));
        if (valueFollows || unknownValue) {
            return false;
        }
        boolean on = attached == null || attached.equalsIgnoreCase("true");
        main.typedOptions.add(name);
        switch (name) {
            case "--tls" -> main.tls.tls = on;
            case "--require-tls" -> main.tls.requireTls = on;
            default -> main.auth.requireAuth = on;
        }
        return true;
    }

    /** {@code 4650} or {@code 4650,4651}; a part that is not a number throws NumberFormatException. */
    private static void addTlsPorts(Main main, String ports) {
        for (String port : ports.split(",", -1)) {
            main.tls.tlsPorts.add(Integer.parseInt(port));
        }
    }

    /** What the full parser reads as a boolean value. */
    private static boolean isBoolean(String value) {
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
    }

    /** Runs the command as the full parser would: an unexpected exception is printed and ends with status 1. */
    static int run(Main main, PrintWriter err) {
        try {
            return main.call();
        } catch (RuntimeException e) {
            e.printStackTrace(err);
            err.flush();
            return 1;
        }
    }
}
