package dev.smtpdouble.cli;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.netty.SmtpServer;
import dev.smtpdouble.protocol.SyntaxMode;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar smtp-double.jar}: runs a server until SIGTERM or Ctrl-C, then shuts down with 421. */
@Command(name = "smtp-double", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
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

    @Option(names = "--max-message-size", paramLabel = "OCTETS", description = "Message size limit (default: ${DEFAULT-VALUE}).")
    long maxMessageSize = 10_240_000;

    @Option(names = "--syntax", paramLabel = "MODE", description = "MAIL/RCPT syntax checking: lenient or strict (default: lenient).",
            converter = SyntaxModeConverter.class)
    SyntaxMode syntax = SyntaxMode.LENIENT;

    @Option(names = "--io-threads", paramLabel = "N",
            description = "Event loop threads (default: half the processors, 1 to 4).")
    Integer ioThreads;

    @Option(names = "--scenario", paramLabel = "SCENARIO", defaultValue = "${env:SMTP_DOUBLE_SCENARIO}",
            description = "Scenario file, or a catalogue name such as greeting-421 (env SMTP_DOUBLE_SCENARIO).")
    String scenario;

    @Option(names = "--scenario-dir", paramLabel = "DIR", defaultValue = "${env:SMTP_DOUBLE_SCENARIO_DIR}",
            description = "Folder searched first for bare scenario names: DIR/NAME.yaml (env SMTP_DOUBLE_SCENARIO_DIR).")
    Path scenarioDir;

    @Option(names = "--validate", paramLabel = "FILE", arity = "1..*",
            description = "Only check these scenario files (or names), print the problems, and exit (1 if any is invalid).")
    List<String> validate;

    @Option(names = "--listen", paramLabel = "PORT=SCENARIO", converter = ListenOption.Converter.class,
            description = "An extra SMTP listener on the same host with its own scenario (repeatable), e.g. 2526=greeting-421.")
    List<ListenOption> listen = new ArrayList<>();

    @Option(names = "--admin-port", paramLabel = "PORT",
            description = "Serve the admin HTTP API on this port (0 for a free one); off when not given.")
    Integer adminPort;

    @Option(names = "--admin-host", paramLabel = "ADDRESS", description = "Address of the admin API (default: ${DEFAULT-VALUE}).")
    String adminHost = "127.0.0.1";

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:SMTP_DOUBLE_ADMIN_TOKEN}",
            description = "Require 'Authorization: Bearer TOKEN' on the admin API (env SMTP_DOUBLE_ADMIN_TOKEN).")
    String adminToken;

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
        EarlyListener early = EarlyListener.bind(args);
        // Netty's allocator would otherwise start Java Flight Recorder's machinery: 60 ms of start-up.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        Thread warmUp = new Thread(SmtpServer::warmUp, "smtp-double-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(commandLine(out, err, early).execute(args));
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, EarlyListener early) {
        CommandLine cli = new CommandLine(new Main(out, err, early));
        cli.setOverwrittenOptionsAllowed(true); // the container's defaults come first, the user's options win
        cli.setOut(out);
        cli.setErr(err);
        return cli;
    }

    @Override
    public Integer call() {
        if (validate != null) {
            return validate();
        }
        // Before anything listens: a SIGTERM right after the "listening" line must still end gracefully.
        CountDownLatch stop = onTermination();
        ServerSocketChannel bound = early != null && early.matches(host, port) ? early.channel() : null;
        ServerGroup servers;
        try {
            ScenarioResolver resolver = new ScenarioResolver(scenarioDir);
            Scenario chosen = scenario == null || scenario.isBlank() ? Scenario.ACCEPT_ALL : resolver.resolve(scenario);
            servers = ServerGroup.start(p -> withThreads(SmtpDouble.builder().host(host).port(p)
                    .settings(s -> s.withHostname(hostname).withMaxMessageSize(maxMessageSize).withSyntax(syntax))),
                    port, bound, chosen, listen, resolver::resolve);
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
        }
        if (servers.admin() != null) {
            out.println("smtp-double admin on " + ServerGroup.address(adminHost, servers.admin().host(), servers.admin().port()));
        }
        out.flush();
        awaitUninterruptibly(stop);
        servers.close(SHUTDOWN_LIMIT);
        out.println("smtp-double stopped");
        out.flush();
        return 0;
    }

    private SmtpDouble.Builder withThreads(SmtpDouble.Builder builder) {
        return ioThreads == null ? builder : builder.ioThreads(ioThreads);
    }

    private void closeEarlyListener() {
        if (early != null) {
            early.close();
        }
    }

    private int validate() {
        ScenarioResolver resolver = new ScenarioResolver(scenarioDir);
        int invalid = 0;
        for (String reference : validate) {
            try {
                Scenario loaded = resolver.resolve(reference);
                out.println(reference + ": ok (scenario " + loaded.name() + ", " + loaded.rules().size() + " rules)");
            } catch (ScenarioException e) {
                invalid++;
                err.println(e.getMessage());
            }
        }
        out.flush();
        err.flush();
        return invalid == 0 ? 0 : 1;
    }

    /** Takes over SIGTERM and SIGINT, so that both end in a graceful shutdown and exit code 0. */
    @SuppressWarnings("restriction")
    private static CountDownLatch onTermination() {
        CountDownLatch stop = new CountDownLatch(1);
        sun.misc.SignalHandler handler = signal -> stop.countDown();
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), handler);
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
        return stop;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static final class SyntaxModeConverter implements CommandLine.ITypeConverter<SyntaxMode> {
        @Override
        public SyntaxMode convert(String value) {
            try {
                return SyntaxMode.valueOf(value.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not lenient or strict");
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/dev/smtpdouble/version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"smtp-double " + properties.getProperty("version", "unknown")};
        }
    }
}
