package dev.smtpdouble.cli;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.netty.SmtpServer;
import dev.smtpdouble.protocol.SyntaxMode;
import dev.smtpdouble.sasl.Credentials;
import dev.smtpdouble.sasl.Mechanism;
import dev.smtpdouble.scenario.Chunking;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioException;
import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.scenario.Scenarios;
import dev.smtpdouble.tls.CertificateKind;
import dev.smtpdouble.time.ManualClock;
import dev.smtpdouble.tls.LegacyVersions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
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

    @Option(names = "--max-message-size", paramLabel = "OCTETS", description = "Message size limit (default: ${DEFAULT-VALUE}).")
    long maxMessageSize = 10_240_000;

    @Option(names = "--syntax", paramLabel = "MODE", description = "MAIL/RCPT syntax checking: lenient, strict, postfix or exim (default: lenient).",
            converter = SyntaxModeConverter.class)
    SyntaxMode syntax = SyntaxMode.LENIENT;

    @Option(names = "--max-connections-per-client", paramLabel = "N",
            description = "Concurrent connections from one client address; more get 421 4.7.0 (default: 0, no limit).")
    Integer maxConnectionsPerClient;

    @Option(names = "--journal-entries", paramLabel = "N", defaultValue = "${env:SMTP_DOUBLE_JOURNAL_ENTRIES}",
            description = "Sessions, and messages, the journal keeps; older ones are dropped "
                    + "(env SMTP_DOUBLE_JOURNAL_ENTRIES; default 10000).")
    Integer journalEntries;

    @Option(names = "--journal-bytes", paramLabel = "SIZE", defaultValue = "${env:SMTP_DOUBLE_JOURNAL_BYTES}",
            converter = ByteSize.class, description = "Memory the journal keeps, sessions and messages together, "
                    + "e.g. 64m or 1g (env SMTP_DOUBLE_JOURNAL_BYTES; default 64m).")
    Long journalBytes;

    @Option(names = "--io-threads", paramLabel = "N",
            description = "Event loop threads (default: half the processors, 1 to 4).")
    Integer ioThreads;

    @Option(names = "--clock", paramLabel = "KIND", defaultValue = "${env:SMTP_DOUBLE_CLOCK:-system}",
            converter = ClockConverter.class,
            description = "system (the wall clock) or manual: stands still until POST /clock?advance=5m on the "
                    + "admin API moves it (env SMTP_DOUBLE_CLOCK; default: system).")
    Clock clock;

    @Option(names = "--auth", paramLabel = "USER:PASSWORD", split = "\\s+", hideParamSyntax = true,
            converter = AccountConverter.class,
            defaultValue = "${env:SMTP_DOUBLE_AUTH}",
            description = "An account AUTH accepts (repeatable); with one, AUTH is offered (env SMTP_DOUBLE_AUTH, "
                    + "accounts separated by spaces).")
    List<Credentials.Account> auth = new ArrayList<>();

    @Option(names = "--require-auth", defaultValue = "${env:SMTP_DOUBLE_REQUIRE_AUTH:-false}",
            description = "MAIL before AUTH gets 530 5.7.0 Authentication required (env SMTP_DOUBLE_REQUIRE_AUTH).")
    boolean requireAuth;

    @Option(names = "--allow-plaintext-auth", defaultValue = "${env:SMTP_DOUBLE_ALLOW_PLAINTEXT_AUTH:-false}",
            description = "Offer AUTH before STARTTLS too (env SMTP_DOUBLE_ALLOW_PLAINTEXT_AUTH).")
    boolean allowPlaintextAuth;

    @Option(names = "--auth-mechanisms", paramLabel = "LIST", split = ",", converter = MechanismConverter.class,
            description = "SASL mechanisms offered, in order (default: PLAIN,LOGIN,CRAM-MD5,XOAUTH2,OAUTHBEARER).")
    List<Mechanism> authMechanisms;

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

    @Option(names = "--tls", defaultValue = "${env:SMTP_DOUBLE_TLS:-false}", fallbackValue = "true", arity = "0..1",
            description = "Offer STARTTLS on the SMTP port(s), with a certificate generated at start unless --tls-cert or --tls-keystore is given (env SMTP_DOUBLE_TLS).")
    boolean tls;

    @Option(names = "--tls-port", paramLabel = "PORT", split = ",", defaultValue = "${env:SMTP_DOUBLE_TLS_PORT}",
            description = "An implicit-TLS listener (the port known as 465) with the same scenario and journal as --port; repeatable, 0 for a free one (env SMTP_DOUBLE_TLS_PORT).")
    List<Integer> tlsPorts = new ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "FILE", defaultValue = "${env:SMTP_DOUBLE_TLS_CERT}",
            description = "The server's certificate chain, PEM, with --tls-key (env SMTP_DOUBLE_TLS_CERT).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", defaultValue = "${env:SMTP_DOUBLE_TLS_KEY}",
            description = "The private key of --tls-cert, unencrypted PEM (env SMTP_DOUBLE_TLS_KEY).")
    Path tlsKey;

    @Option(names = "--tls-keystore", paramLabel = "FILE", defaultValue = "${env:SMTP_DOUBLE_TLS_KEYSTORE}",
            description = "The server's key and certificate in a PKCS#12 file (env SMTP_DOUBLE_TLS_KEYSTORE).")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password", paramLabel = "PASSWORD", defaultValue = "${env:SMTP_DOUBLE_TLS_KEYSTORE_PASSWORD}",
            description = "The password of --tls-keystore (env SMTP_DOUBLE_TLS_KEYSTORE_PASSWORD).")
    String tlsKeystorePassword;

    @Option(names = "--tls-certificate", paramLabel = "KIND", defaultValue = "${env:SMTP_DOUBLE_TLS_CERTIFICATE}",
            converter = CertificateKindConverter.class,
            description = "A generated certificate: valid (default), self-signed, expired, not-yet-valid, wrong-host, untrusted-ca (env SMTP_DOUBLE_TLS_CERTIFICATE).")
    CertificateKind tlsCertificate;

    @Option(names = "--tls-versions", paramLabel = "VERSION", split = ",", defaultValue = "${env:SMTP_DOUBLE_TLS_VERSIONS}",
            description = "The TLS versions offered, e.g. TLSv1.3 or TLSv1.2,TLSv1.3; TLSv1 and TLSv1.1 are enabled in the JVM when asked for (env SMTP_DOUBLE_TLS_VERSIONS).")
    List<String> tlsVersions = new ArrayList<>();

    @Option(names = "--tls-ca-out", paramLabel = "FILE", defaultValue = "${env:SMTP_DOUBLE_TLS_CA_OUT}",
            description = "Write the CA certificate clients must trust to this file, PEM, once the server listens (env SMTP_DOUBLE_TLS_CA_OUT).")
    Path tlsCaOut;

    @Option(names = "--require-tls", defaultValue = "${env:SMTP_DOUBLE_REQUIRE_TLS:-false}", fallbackValue = "true", arity = "0..1",
            description = "Answer MAIL, RCPT, DATA, BDAT, RSET, VRFY, AUTH and ETRN before STARTTLS with 530 5.7.0 (env SMTP_DOUBLE_REQUIRE_TLS).")
    boolean requireTls;

    @Option(names = "--artifacts", paramLabel = "DIR", defaultValue = "${env:SMTP_DOUBLE_ARTIFACTS}",
            description = "Write each accepted message as DIR/PORT/ID.eml and the journal as DIR/PORT/journal.jsonl, "
                    + "for CI to keep (env SMTP_DOUBLE_ARTIFACTS).")
    Path artifacts;

    @Option(names = "--chunking", paramLabel = "KIND", defaultValue = "${env:SMTP_DOUBLE_CHUNKING:-off}",
            fallbackValue = "on", arity = "0..1", converter = ChunkingConverter.class,
            description = "Offer BDAT (RFC 3030): on, off or binarymime (also BINARYMIME) (env SMTP_DOUBLE_CHUNKING; "
                    + "default: off).")
    Chunking chunking;

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
        FatalExit.install();
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
        if (schema) {
            return printSchema();
        }
        // Before anything listens: a SIGTERM right after the "listening" line must still end gracefully.
        CountDownLatch stop = onTermination();
        ServerSocketChannel bound = early != null && early.matches(host, port) ? early.channel() : null;
        ServerGroup servers;
        try {
            ScenarioResolver resolver = new ScenarioResolver(scenarioDir);
            Scenario chosen = scenario == null || scenario.isBlank() ? Scenario.ACCEPT_ALL : resolver.resolve(scenario);
            allowLegacyTlsIfAsked(chosen, resolver);
            servers = ServerGroup.start(p -> withLimits(withTls(withOptions(SmtpDouble.builder().host(host).port(p)
                    .clock(clock).settings(s -> s.withHostname(hostname).withMaxMessageSize(maxMessageSize)
                            .withSyntax(syntax).withChunking(chunking))))),
                    this::withTlsListeners, port, bound, chosen, listen, resolver::resolve);
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
        }
        if (tlsCaOut != null) {
            out.println("smtp-double wrote the CA certificate to " + tlsCaOut);
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

    /**
     * TLS 1.0 and 1.1 are disabled by the JDK; a scenario or option that offers them (to test what
     * a client does then) gets them enabled in this process, before any TLS class is loaded.
     */
    private void allowLegacyTlsIfAsked(Scenario chosen, ScenarioResolver resolver) {
        List<String> asked = new ArrayList<>(tlsVersions);
        asked.addAll(chosen.settings().apply(Settings.DEFAULTS).tls().versions());
        for (ListenOption option : listen) {
            if (option.scenario() != null) {
                asked.addAll(resolver.resolve(option.scenario()).settings().apply(Settings.DEFAULTS).tls().versions());
            }
        }
        if (LegacyVersions.asked(asked)) {
            LegacyVersions.allowInThisJvm();
        }
    }

    /** The TLS options every listener shares: STARTTLS, the certificate, TLS required. */
    private SmtpDouble.Builder withTls(SmtpDouble.Builder builder) {
        if (tlsCert != null || tlsKey != null) {
            if (tlsCert == null || tlsKey == null) {
                throw new IllegalArgumentException("--tls-cert and --tls-key go together");
            }
            builder.tlsCert(tlsCert, tlsKey);
        }
        if (tlsKeystore != null) {
            if (tlsCert != null) {
                throw new IllegalArgumentException("give --tls-cert/--tls-key or --tls-keystore, not both");
            }
            builder.tlsKeystore(tlsKeystore, tlsKeystorePassword);
        }
        if (tlsCertificate != null) {
            builder.tlsCertificate(tlsCertificate);
        }
        if (!tlsVersions.isEmpty()) {
            builder.tlsVersions(tlsVersions.toArray(String[]::new));
        }
        return builder.tls(tls).requireTls(requireTls);
    }

    /** The implicit-TLS listeners and the CA file belong to the first server. */
    private SmtpDouble.Builder withTlsListeners(SmtpDouble.Builder builder) {
        tlsPorts.forEach(builder::tlsPort);
        return tlsCaOut == null ? builder : builder.tlsCaOut(tlsCaOut);
    }

    private SmtpDouble.Builder withOptions(SmtpDouble.Builder builder) {
        if (artifacts != null) {
            builder.artifacts(artifacts);
        }
        return withAuth(ioThreads == null ? builder : builder.ioThreads(ioThreads));
    }

    private SmtpDouble.Builder withAuth(SmtpDouble.Builder builder) {
        builder.auth(new Credentials(auth.stream().filter(java.util.Objects::nonNull).toList()))
                .requireAuth(requireAuth).allowPlaintextAuth(allowPlaintextAuth);
        return authMechanisms == null ? builder : builder.authMechanisms(authMechanisms.toArray(Mechanism[]::new));
    }

    private SmtpDouble.Builder withLimits(SmtpDouble.Builder builder) {
        if (maxConnectionsPerClient != null) {
            builder.maxConnectionsPerClient(maxConnectionsPerClient);
        }
        if (journalEntries != null) {
            builder.journalCapacity(journalEntries);
        }
        if (journalBytes != null) {
            builder.journalBytes(journalBytes);
        }
        return builder;
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

    private int printSchema() {
        try (InputStream in = Main.class.getClassLoader().getResourceAsStream(Scenarios.SCHEMA_RESOURCE)) {
            out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("the schema cannot be read from the jar: " + e.getMessage());
            return 1;
        }
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

    static final class CertificateKindConverter implements CommandLine.ITypeConverter<CertificateKind> {
        @Override
        public CertificateKind convert(String value) {
            return CertificateKind.named(value).orElseThrow(() -> new CommandLine.TypeConversionException("'" + value
                    + "' is not one of valid, self-signed, expired, not-yet-valid, wrong-host, untrusted-ca"));
        }
    }

    static final class SyntaxModeConverter implements CommandLine.ITypeConverter<SyntaxMode> {
        @Override
        public SyntaxMode convert(String value) {
            try {
                return SyntaxMode.valueOf(value.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not lenient, strict, postfix or exim");
            }
        }
    }

    static final class ChunkingConverter implements CommandLine.ITypeConverter<Chunking> {
        @Override
        public Chunking convert(String value) {
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "on", "true" -> Chunking.ON;
                case "off", "false" -> Chunking.OFF;
                case "binarymime" -> Chunking.BINARYMIME;
                default -> throw new CommandLine.TypeConversionException("'" + value + "' is not on, off or binarymime");
            };
        }
    }

    /** One clock for every listener of the process, so the admin API moves them together. */
    static final class ClockConverter implements CommandLine.ITypeConverter<Clock> {
        @Override
        public Clock convert(String value) {
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "system" -> Clock.systemUTC();
                case "manual" -> new ManualClock();
                default -> throw new CommandLine.TypeConversionException("'" + value + "' is not system or manual");
            };
        }
    }

    /** {@code USER:PASSWORD}; a refusal never repeats the value, which holds a password. */
    static final class AccountConverter implements CommandLine.ITypeConverter<Credentials.Account> {
        @Override
        public Credentials.Account convert(String value) {
            if (value.isBlank()) {
                return null; // SMTP_DOUBLE_AUTH set but empty: no account
            }
            try {
                return Credentials.Account.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class MechanismConverter implements CommandLine.ITypeConverter<Mechanism> {
        @Override
        public Mechanism convert(String value) {
            return Mechanism.named(value.strip()).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not one of PLAIN, LOGIN, CRAM-MD5, XOAUTH2, OAUTHBEARER"));
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
