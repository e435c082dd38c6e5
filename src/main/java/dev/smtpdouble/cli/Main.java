package dev.smtpdouble.cli;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.WarmUp;
import dev.smtpdouble.protocol.SyntaxMode;
import dev.smtpdouble.scenario.Chunking;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code java -jar smtp-double.jar}: runs a server until SIGTERM or Ctrl-C, then shuts down with 421. */
@Command(name = "smtp-double", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true, subcommands = MatrixCommand.class,
        description = "A test-double SMTP server that stores mail, never relays it, and misbehaves on purpose.")
public final class Main implements Callable<Integer> {

    /** How long SIGTERM waits for clients to take their 421 and hang up before the process exits anyway. */
    private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(1);

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "SMTP port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port = 2525;

    @Option(names = "--hostname", paramLabel = "NAME", description = "Name in the greeting and EHLO reply (default: ${DEFAULT-VALUE}).")
    String hostname = "localhost";

    @Option(names = "--max-message-size", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Message size limit in bytes, or e.g. 10m (default: ${DEFAULT-VALUE}).")
    long maxMessageSize = 10_240_000;

    @Option(names = "--syntax", paramLabel = "MODE", description = "MAIL/RCPT syntax checking: lenient, strict, postfix or exim (default: lenient).",
            converter = ValueConverters.SyntaxModeConverter.class)
    SyntaxMode syntax = SyntaxMode.LENIENT;

    @Mixin
    LimitOptions limits = new LimitOptions();

    @Option(names = "--clock", paramLabel = "KIND", defaultValue = "${env:SMTP_DOUBLE_CLOCK:-system}",
            converter = ValueConverters.ClockConverter.class,
            description = "system (the wall clock) or manual: stands still until POST /clock?advance=5m on the "
                    + "admin API moves it (env SMTP_DOUBLE_CLOCK; default: system).")
    Clock clock = Clock.systemUTC(); // also the plain start's, which reads no clock option

    @Mixin
    AuthOptions auth = new AuthOptions();

    @Option(names = "--scenario", paramLabel = "SCENARIO", defaultValue = "${env:SMTP_DOUBLE_SCENARIO}",
            description = "Scenario file, or a name: DIR/NAME.yaml of --scenario-dir, else the catalogue's, such as greeting-421 (env SMTP_DOUBLE_SCENARIO).")
    String scenario;

    @Option(names = "--scenario-dir", paramLabel = "DIR", defaultValue = "${env:SMTP_DOUBLE_SCENARIO_DIR}",
            description = "Folder searched first for bare scenario names: DIR/NAME.yaml (env SMTP_DOUBLE_SCENARIO_DIR).")
    Path scenarioDir;

    @Option(names = "--validate", paramLabel = "FILE", arity = "1..*",
            description = "Only check these scenario files (or names), print the problems, and exit (1 if any is invalid).")
    List<String> validate;

    @Option(names = "--schema",
            description = "Print the JSON Schema of scenario files, for editors, and exit.")
    boolean schema;

    @Option(names = "--listen", paramLabel = "PORT=SCENARIO", converter = ListenOption.Converter.class,
            description = "An extra SMTP listener on the same host with its own scenario (repeatable), e.g. 2526=greeting-421.")
    List<ListenOption> listen = new ArrayList<>();

    @Mixin
    TlsOptions tls = new TlsOptions();

    @Option(names = "--artifacts", paramLabel = "DIR", defaultValue = "${env:SMTP_DOUBLE_ARTIFACTS}",
            description = "Write each accepted message as DIR/PORT/ID.eml and the journal as DIR/PORT/journal.jsonl, "
                    + "for CI to keep (env SMTP_DOUBLE_ARTIFACTS).")
    Path artifacts;

    @Option(names = "--chunking", paramLabel = "KIND", defaultValue = "${env:SMTP_DOUBLE_CHUNKING:-off}",
            fallbackValue = "on", arity = "0..1", converter = ValueConverters.ChunkingConverter.class,
            description = "Offer BDAT (RFC 3030): on, off or binarymime (also BINARYMIME) (env SMTP_DOUBLE_CHUNKING; "
                    + "default: off).")
    Chunking chunking = Chunking.OFF;

    @Option(names = "--admin-port", paramLabel = "PORT",
            description = "Serve the admin HTTP API on this port (0 for a free one); off when not given.")
    Integer adminPort;

    @Option(names = "--admin-host", paramLabel = "ADDRESS", description = "Address of the admin API (default: ${DEFAULT-VALUE}).")
    String adminHost = "127.0.0.1";

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:SMTP_DOUBLE_ADMIN_TOKEN}",
            description = "Require 'Authorization: Bearer TOKEN' on the admin API (env SMTP_DOUBLE_ADMIN_TOKEN).")
    String adminToken;

    @Spec
    CommandSpec spec; // null in the plain start, which records the options typed instead

    /** The options typed on the command line, as the plain start read them. */
    final Set<String> typedOptions = new HashSet<>();

    private final PrintWriter out;
    private final PrintWriter err;
    /** The SMTP port bound before the options were parsed, or null. */
    private final EarlyListener early;

    Main(PrintWriter out, PrintWriter err, EarlyListener early) {
        this.out = out;
        this.err = err;
        this.early = early;
    }

    public static void main(String[] args) {
        FatalExit.install();
        ProviderNames.apply();
        EarlyListener early = EarlyListener.bind(args);
        // Netty's allocator would otherwise start Java Flight Recorder's machinery: 60 ms of start-up.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        // Netty's leak detector records a stack trace for one buffer in 128: a cost per message, for
        // reports meant for whoever changes this server, whose test suite runs the detector at PARANOID.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
        // SLF4J is set up here, on one thread: set up by the warm-up and the main thread at once, it would
        // print a warning that it replayed the log calls made meanwhile.
        ProviderNames.setUpLogging();
        Thread warmUp = new Thread(WarmUp::run, "smtp-double-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Main plain = PlainStart.parse(args, System.getenv(), out, err, early);
        System.exit(plain != null ? PlainStart.run(plain, err) : commandLine(out, err, early).execute(args));
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, EarlyListener early) {
        CommandLine cli = new CommandLine(new Main(out, err, early));
        cli.setOverwrittenOptionsAllowed(true); // the container's defaults come first, the user's options win
        cli.setOut(out);
        cli.setErr(err);
        CommandLine.IParameterExceptionHandler usual = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, args) -> EnvironmentValues.handle(e, args, usual));
        return cli;
    }

    @Override
    public Integer call() {
        if (schema && validate == null) {
            return ScenarioChecks.printSchema(out, err);
        }
        ScenarioResolver resolver;
        try {
            resolver = ScenarioResolver.checked(scenarioDir, given("--scenario-dir", "SMTP_DOUBLE_SCENARIO_DIR"));
        } catch (IllegalArgumentException e) {
            closeEarlyListener();
            err.println("smtp-double: " + e.getMessage());
            return 2;
        }
        if (validate != null) {
            return ScenarioChecks.validate(validate, resolver, checks(), tls.versions(), out, err);
        }
        // Before anything listens: a SIGTERM right after the "listening" line must still end gracefully.
        CountDownLatch stop = Termination.signalled();
        ServerSocketChannel bound = early != null && early.matches(host, port) ? early.channel() : null;
        ServerGroup servers;
        try {
            List<LoadedScenario> scenarios = new ArrayList<>();
            scenarios.add(scenario == null || scenario.isBlank() ? LoadedScenario.ACCEPT_ALL : resolver.load(scenario));
            Map<String, Scenario> extra = new HashMap<>();
            for (ListenOption option : listen) {
                LoadedScenario loaded = option.scenario() == null ? LoadedScenario.ACCEPT_ALL : resolver.load(option.scenario());
                scenarios.add(loaded);
                extra.put(option.scenario(), loaded.scenario());
            }
            StartChecks.allowLegacyTlsIfAsked(tls.versions(), scenarios);
            List<StartChecks.Problem> problems = checks().check(scenarios);
            if (!problems.isEmpty()) {
                closeEarlyListener();
                return report(problems);
            }
            servers = ServerGroup.start(this::builderFor, tls::listenersOn, port, bound, scenarios.get(0).scenario(),
                    listen, extra::get);
            if (adminPort != null) {
                servers.startAdmin(adminHost, adminPort, adminToken, scenarioDir);
            }
        } catch (ScenarioException e) {
            closeEarlyListener();
            err.println("smtp-double: invalid scenario:");
            err.println(e.getMessage());
            return 2;
        } catch (UncheckedIOException | IllegalArgumentException e) {
            closeEarlyListener();
            err.println("smtp-double: " + e.getMessage());
            return 1;
        }
        if (bound == null) {
            closeEarlyListener(); // the options ask for another address
        }
        for (SmtpDouble server : servers.listeners()) {
            out.println("smtp-double listening on " + ServerGroup.address(host, server.host(), server.port()));
            for (int tlsPort : server.tlsPorts()) {
                out.println("smtp-double implicit TLS on " + ServerGroup.address(host, server.host(), tlsPort));
            }
            Path scenarioCa = server.scenario().start().tlsCaOut(); // tls_ca_out of the scenario it started with
            if (scenarioCa != null && !scenarioCa.equals(tls.caOut())) {
                out.println("smtp-double wrote the CA certificate to " + scenarioCa);
            }
        }
        if (tls.caOut() != null) {
            out.println("smtp-double wrote the CA certificate to " + tls.caOut());
        }
        if (servers.admin() != null) {
            out.println("smtp-double admin on " + ServerGroup.address(adminHost, servers.admin().host(), servers.admin().port()));
        }
        out.flush();
        Termination.await(stop);
        servers.close(SHUTDOWN_LIMIT);
        out.println("smtp-double stopped");
        out.flush();
        return 0;
    }

    /** A server configured by the options, for a port. */
    private SmtpDouble.Builder builderFor(int listenerPort) {
        LimitOptions.atLeast("--max-message-size", maxMessageSize, 1);
        return limits.applyTo(tls.applyTo(withOptions(SmtpDouble.builder().host(host).port(listenerPort).clock(clock)
                .settings(s -> s.withHostname(hostname).withMaxMessageSize(maxMessageSize).withSyntax(syntax)
                        .withChunking(chunking)))));
    }

    private StartChecks checks() {
        return new StartChecks(() -> builderFor(0), tls::listenersOn, tls.onlyForTls(this::given), adminPort != null);
    }

    /** Problems a scenario's key caused are an invalid scenario (status 2), the others the options' (status 1). */
    private int report(List<StartChecks.Problem> problems) {
        boolean scenarios = problems.stream().anyMatch(problem -> problem.place() != null);
        if (scenarios) {
            err.println("smtp-double: invalid scenario:");
        }
        for (StartChecks.Problem problem : problems) {
            err.println(problem.place() != null ? problem.line(null) : "smtp-double: " + problem.text());
        }
        err.flush();
        return scenarios ? 2 : 1;
    }

    /** How the user gave an option that has an environment variable: the option if typed, else the variable. */
    String given(String option, String variable) {
        CommandLine.ParseResult parsed = spec == null ? null : spec.commandLine().getParseResult();
        boolean typed = parsed != null ? parsed.hasMatchedOption(option) : typedOptions.contains(option);
        return typed ? option : variable;
    }

    private SmtpDouble.Builder withOptions(SmtpDouble.Builder builder) {
        return auth.applyTo(artifacts == null ? builder : builder.artifacts(artifacts));
    }

    private void closeEarlyListener() {
        if (early != null) {
            early.close();
        }
    }
}
