package dev.smtpdouble;

import dev.smtpdouble.artifacts.ArtifactWriter;
import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.journal.JournalLimits;
import dev.smtpdouble.netty.SmtpServer;
import dev.smtpdouble.netty.TlsContexts;
import dev.smtpdouble.protocol.SyntaxMode;
import dev.smtpdouble.sasl.AuthSettings;
import dev.smtpdouble.sasl.Credentials;
import dev.smtpdouble.sasl.Mechanism;
import dev.smtpdouble.scenario.ScenarioException;
import dev.smtpdouble.scenario.Chunking;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioRuntime;
import dev.smtpdouble.scenario.ScenarioStatus;
import dev.smtpdouble.scenario.ServerStart;
import dev.smtpdouble.scenario.Scenarios;
import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.session.QueueIds;
import dev.smtpdouble.session.Session;
import dev.smtpdouble.tls.CertificateKind;
import dev.smtpdouble.tls.ServerCertificate;
import dev.smtpdouble.tls.ServerKeys;
import dev.smtpdouble.tls.TlsSettings;
import dev.smtpdouble.tls.Trust;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import dev.smtpdouble.time.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * An smtp-double server: a strict-enough MTA that stores mail and never relays it, misbehaving
 * exactly as its scenario says.
 *
 * <pre>{@code
 * try (SmtpDouble smtp = SmtpDouble.builder().scenario(Scenarios.load("greeting-421")).start()) {
 *     // point the code under test at smtp.host() and smtp.port(), then inspect smtp.journal()
 * }
 * }</pre>
 */
public final class SmtpDouble implements SmtpDoubleControl, AutoCloseable {

    /** The scenario in force and the settings it yields, switched as one. */
    private record Setup(ScenarioRuntime runtime, Settings settings) {
    }

    private final Settings baseSettings;
    private final Journal journal;
    private final QueueIds queueIds = new QueueIds();
    private final SmtpServer server;
    private final Clock clock;
    /** Stops listening to a manual clock at close. */
    private final Runnable stopWatchingClock;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final TlsContexts tlsContexts = new TlsContexts();
    private final boolean implicitTls;
    /** Null unless the builder asked for artifacts. */
    private final ArtifactWriter artifacts;
    private volatile Setup setup;

    private SmtpDouble(Builder builder) {
        this.baseSettings = builder.settings;
        this.clock = builder.clock;
        this.journal = new Journal(builder.journalLimits, clock);
        ServerStart asked = builder.scenario.start(); // the scenario's listeners add to the builder's
        List<Integer> tlsPorts = new ArrayList<>(builder.tlsPorts);
        tlsPorts.addAll(asked.tlsPorts());
        this.implicitTls = !tlsPorts.isEmpty();
        this.setup = setupFor(builder.scenario);
        builder.caFiles().forEach(ServerChecks::writable); // before binding: written once the server listens
        SmtpServer.Edge edge = new SmtpServer.Edge(builder.host, tlsPorts, tlsContexts);
        this.server = builder.bound != null
                ? SmtpServer.adopt(builder.bound, this::openSession, builder.ioThreads, edge)
                : SmtpServer.bind(builder.host, builder.port, this::openSession, builder.ioThreads, edge);
        // When a test moves the clock, silent connections are asked at once whether a threshold passed.
        this.stopWatchingClock = clock instanceof ManualClock manual ? manual.onAdvance(server::checkSilences) : () -> { };
        if (builder.tlsCaOut != null) {
            tls().writeCaPem(builder.tlsCaOut);
        }
        if (asked.tlsCaOut() != null && !asked.tlsCaOut().equals(builder.tlsCaOut)) {
            tls().writeCaPem(asked.tlsCaOut());
        }
        this.artifacts = builder.artifacts == null ? null : startArtifacts(builder.artifacts);
    }

    /** A folder of its own per server, named by its port: the listeners of one process share the parent. */
    private ArtifactWriter startArtifacts(Path parent) {
        try {
            ArtifactWriter writer = ArtifactWriter.start(parent.resolve(String.valueOf(port())), ArtifactWriter.DEFAULT_QUEUE);
            journal.listener(writer);
            return writer;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a default server on a free loopback port. */
    public static SmtpDouble start() {
        return builder().start();
    }

    /**
     * The scenario's settings; with TLS in use, its certificate is made (or read) now, so problems show at once.
     *
     * @throws SettingException when the settings cannot work (require-auth without an account, an unreadable key)
     */
    private Setup setupFor(Scenario scenario) {
        Settings settings = scenario.settings().apply(baseSettings);
        ServerChecks.usable(settings, implicitTls, tlsContexts);
        return new Setup(new ScenarioRuntime(scenario, clock, settings.hostname()), settings);
    }

    private boolean usesTls(Settings settings) {
        return implicitTls || settings.tls().startTls();
    }

    private Session openSession(String remoteAddress) {
        Setup current = setup;
        int connection = current.runtime().nextConnection();
        return new Session(current.settings(), current.runtime(),
                journal.openSession(connection, remoteAddress), connection, queueIds, clock);
    }

    @Override
    public String host() {
        return server.address().getAddress().getHostAddress();
    }

    @Override
    public int port() {
        return server.address().getPort();
    }

    /** The port of the first implicit-TLS listener ({@link Builder#tlsPort(int)}). */
    public int tlsPort() {
        List<InetSocketAddress> addresses = server.tlsAddresses();
        if (addresses.isEmpty()) {
            throw new IllegalStateException("this server has no implicit-TLS listener: start it with tlsPort(0)");
        }
        return addresses.get(0).getPort();
    }

    /** The ports of the implicit-TLS listeners, in the order they were asked for; empty when there are none. */
    public List<Integer> tlsPorts() {
        return server.tlsAddresses().stream().map(InetSocketAddress::getPort).toList();
    }

    /** Whether this server speaks TLS: STARTTLS offered by the scenario in force, or an implicit-TLS listener. */
    public boolean tlsEnabled() {
        return usesTls(setup.settings());
    }

    /**
     * What a client needs to trust this server: the CA certificate (PEM, object, truststore) and an
     * {@code SSLContext} / {@code SSLSocketFactory} that trusts it and nothing else. For a generated
     * certificate, broken or not, that is the throwaway CA; for the user's own, the last certificate of
     * its chain.
     */
    public Trust tls() {
        ServerCertificate certificate = setup.settings().tls().certificate();
        if (certificate instanceof ServerCertificate.Generated) {
            return new Trust(ServerKeys.generatedAuthority());
        }
        return new Trust(tlsContexts.keyMaterial(setup.settings()).trustAnchor());
    }

    @Override
    public Journal journal() {
        return journal;
    }

    /** The clock every time-based behaviour reads: the wall clock, or the one given to the builder. */
    public Clock clock() {
        return clock;
    }

    /** Client connections open now; unlike the journal's sessions, not affected by clearing the journal. */
    public int openConnections() {
        return server.openConnections();
    }

    /** The settings new connections get: the server's, changed by the scenario in force. */
    public Settings settings() {
        return setup.settings();
    }

    public Scenario scenario() {
        return setup.runtime().scenario();
    }

    /**
     * Puts another scenario in force, with fresh counters and state. Connections opened from now on
     * follow it; open sessions finish under the scenario they started with.
     */
    public synchronized void useScenario(Scenario scenario) {
        Objects.requireNonNull(scenario, "scenario");
        try {
            setup = setupFor(scenario);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("scenario '" + scenario.name() + "' cannot be used on this server: "
                    + e.getMessage());
        }
    }

    /** {@link #useScenario(Scenario)} with {@link Scenarios#load(String) Scenarios.load(reference)}. */
    @Override
    public void useScenario(String reference) {
        useScenario(Scenarios.load(reference));
    }

    /**
     * Starts the scenario in force over: connection numbers, rule counters and state. Sessions still
     * open finish under the counters they started with, so a client left over from a previous test
     * cannot use up a rule of the next one.
     */
    @Override
    public synchronized void resetScenario() {
        Setup current = setup;
        setup = new Setup(current.runtime().restarted(), current.settings());
    }

    /** Clears the journal and resets the scenario: as good as a new server. */
    @Override
    public void reset() {
        journal.clear();
        resetScenario();
    }

    /**
     * Records of the journal (messages and ended sessions) that were not written as artifacts because
     * the writer fell behind; 0 without artifacts.
     */
    public long droppedArtifacts() {
        return artifacts == null ? 0 : artifacts.dropped();
    }

    /** The scenario in force with its state and rule counters, all read at one instant. */
    public ScenarioStatus scenarioStatus() {
        return setup.runtime().status();
    }

    /** The current scenario state. */
    public String scenarioState() {
        return setup.runtime().state();
    }

    @Override
    public String scenarioName() {
        return scenario().name();
    }

    /** The names of the scenario's rules that never fired since the last reset. */
    @Override
    public List<String> unfiredRules() {
        return setup.runtime().unfiredRules();
    }

    /** How often each rule fired since the last reset. */
    @Override
    public Map<String, Integer> ruleFirings() {
        return setup.runtime().firings();
    }

    /**
     * Stops the server gracefully: no new connections; every open session, idle or not, gets
     * {@code 421 4.3.2 Service not available, closing transmission channel}; then waits up to the
     * drain timeout for the clients to close, and closes what is left. Closing again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopWatchingClock.run();
        server.shutdownSessions(setup.settings().drainTimeout());
        server.close();
        tlsContexts.close();
        if (artifacts != null) {
            artifacts.close();
        }
    }

    @Override
    public String toString() {
        return "SmtpDouble[" + host() + ":" + port() + ", scenario " + scenario().name() + "]";
    }

    /** Configures and starts a server. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Settings settings = Settings.DEFAULTS;
        private Scenario scenario = Scenario.ACCEPT_ALL;
        private JournalLimits journalLimits = JournalLimits.DEFAULTS;
        /** Half the processors: the client under test runs on the same machine and needs the rest. */
        private int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
        private ServerSocketChannel bound;
        private final List<Integer> tlsPorts = new ArrayList<>();
        private Path tlsCaOut;
        private Clock clock = Clock.systemUTC();
        private Path artifacts;

        private Builder() {
        }

        /**
         * The clock that rate windows, greylisting, silences and journal timestamps read; default the
         * wall clock. A {@link ManualClock} lets a test move time forward instead of sleeping; reply
         * delays and the drain after a 421 stay in real time, since the client's own timeouts are real.
         */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Offers BDAT (RFC 3030 CHUNKING), and with {@link Chunking#BINARYMIME} the BINARYMIME body type;
         * off by default, as on Postfix-like servers.
         */
        public Builder chunking(Chunking value) {
            Objects.requireNonNull(value, "chunking");
            return settings(s -> s.withChunking(value));
        }

        /** Offers STARTTLS (RFC 3207) on the SMTP port, with a certificate generated at start unless one is given. */
        public Builder tls(boolean on) {
            return tlsSettings(t -> t.withStartTls(on));
        }

        /**
         * Adds an implicit-TLS listener (RFC 8314, the port known as 465) on the same host, with the same
         * scenario and journal; 0 picks a free port. Repeatable.
         */
        public Builder tlsPort(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("tlsPort must be 0-65535: " + value);
            }
            tlsPorts.add(value);
            return this;
        }

        /** The server's own certificate chain and private key, PEM files (the key unencrypted). */
        public Builder tlsCert(Path certificate, Path key) {
            return tlsSettings(t -> t.withCertificate(new ServerCertificate.PemFiles(certificate, key)));
        }

        /** The server's own key and certificate from a PKCS#12 (or {@code .jks}) key store. */
        public Builder tlsKeystore(Path file, String password) {
            return tlsSettings(t -> t.withCertificate(new ServerCertificate.KeyStoreFile(file, password)));
        }

        /** A generated certificate of this kind: valid (the default), or broken on purpose. */
        public Builder tlsCertificate(CertificateKind kind) {
            return tlsSettings(t -> t.withCertificate(new ServerCertificate.Generated(kind)));
        }

        /** The TLS versions offered, e.g. {@code "TLSv1.3"} alone; default: the JDK's. */
        public Builder tlsVersions(String... versions) {
            return tlsSettings(t -> t.withVersions(Arrays.asList(versions)));
        }

        /** The cipher suites offered, IANA names; default: the JDK's. */
        public Builder tlsCipherSuites(String... suites) {
            return tlsSettings(t -> t.withCipherSuites(Arrays.asList(suites)));
        }

        /**
         * MAIL, RCPT, DATA, BDAT, RSET, VRFY, AUTH and ETRN before STARTTLS get {@code 530 5.7.0 Must issue a
         * STARTTLS command first}. Needs TLS offered ({@link #tls(boolean)} or an implicit-TLS port):
         * without it {@link #start()} refuses, as no client could ever send mail.
         */
        public Builder requireTls(boolean on) {
            return tlsSettings(t -> t.withRequired(on));
        }

        /** Writes the CA certificate to this file as PEM once the server listens. */
        public Builder tlsCaOut(Path file) {
            tlsCaOut = Objects.requireNonNull(file, "file");
            return this;
        }

        private Builder tlsSettings(UnaryOperator<TlsSettings> change) {
            return settings(s -> s.withTls(change.apply(s.tls())));
        }

        /** The address to listen on; default 127.0.0.1. */
        public Builder host(String value) {
            host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be 0-65535: " + value);
            }
            port = value;
            return this;
        }

        public Builder hostname(String value) {
            return settings(s -> s.withHostname(value));
        }

        public Builder maxMessageSize(long octets) {
            return settings(s -> s.withMaxMessageSize(octets));
        }

        public Builder maxRecipients(int value) {
            return settings(s -> s.withMaxRecipients(value));
        }

        public Builder maxConnections(int value) {
            return settings(s -> s.withMaxConnections(value));
        }

        /**
         * Concurrent connections from one client address; more are greeted with
         * {@code 421 4.7.0 <hostname> Error: too many connections from <ip>} and closed. 0 (the default): no limit.
         */
        public Builder maxConnectionsPerClient(int value) {
            return settings(s -> s.withMaxConnectionsPerClient(value));
        }

        public Builder maxCommandLine(int octets) {
            return settings(s -> s.withMaxCommandLine(octets));
        }

        public Builder maxTextLine(int octets) {
            return settings(s -> s.withMaxTextLine(octets));
        }

        public Builder idleTimeout(Duration value) {
            return settings(s -> s.withIdleTimeout(value));
        }

        public Builder drainTimeout(Duration value) {
            return settings(s -> s.withDrainTimeout(value));
        }

        public Builder syntax(SyntaxMode value) {
            return settings(s -> s.withSyntax(value));
        }

        /**
         * An account that AUTH accepts (repeatable; the same user again replaces the password). With an
         * account, AUTH is offered: {@code AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER}; the password is
         * also the bearer token unless {@link #authToken} gives one.
         */
        public Builder auth(String user, String password) {
            return authSettings(a -> a.withCredentials(a.credentials().with(user, password)));
        }

        /** The bearer token XOAUTH2 and OAUTHBEARER accept for a user given with {@link #auth} already. */
        public Builder authToken(String user, String token) {
            return authSettings(a -> a.withCredentials(a.credentials().withToken(user, token)));
        }

        /** Accounts to add, for instance read from a file. */
        public Builder auth(Credentials credentials) {
            return authSettings(a -> {
                Credentials all = a.credentials();
                for (Credentials.Account account : credentials.accounts()) {
                    all = all.with(account);
                }
                return a.withCredentials(all);
            });
        }

        /** MAIL before a successful AUTH gets {@code 530 5.7.0 Authentication required}; needs an account. */
        public Builder requireAuth(boolean on) {
            return authSettings(a -> a.withRequired(on));
        }

        /** Offers AUTH before STARTTLS too (the opposite of Postfix's {@code smtpd_tls_auth_only}). */
        public Builder allowPlaintextAuth(boolean on) {
            return authSettings(a -> a.withPlaintextAllowed(on));
        }

        /** The mechanisms offered, in this order; default: all of them. */
        public Builder authMechanisms(Mechanism... mechanisms) {
            return authSettings(a -> a.withMechanisms(Arrays.asList(mechanisms)));
        }

        private Builder authSettings(UnaryOperator<AuthSettings> change) {
            return settings(s -> s.withAuth(change.apply(s.auth())));
        }

        /** Any change to the settings; the scenario's own settings apply on top. */
        public Builder settings(UnaryOperator<Settings> change) {
            settings = change.apply(settings);
            return this;
        }

        public Builder scenario(Scenario value) {
            scenario = Objects.requireNonNull(value, "scenario");
            return this;
        }

        /** How many sessions and how many messages the journal keeps (each); older ones are dropped. Default 10 000. */
        public Builder journalCapacity(int value) {
            journalLimits = journalLimits.withEntries(value);
            return this;
        }

        /**
         * How many bytes the journal keeps at most, sessions and messages together (an estimate of the
         * memory they take); older ones are dropped. Default 64 MiB.
         */
        public Builder journalBytes(long value) {
            journalLimits = journalLimits.withBytes(value);
            return this;
        }

        /** Every bound of the journal at once, including those of one session's transcript. */
        public Builder journalLimits(JournalLimits value) {
            journalLimits = Objects.requireNonNull(value, "journalLimits");
            return this;
        }

        /**
         * Serves on this server socket, bound already, instead of binding {@code host:port}: a process
         * can bind first thing at start-up, so that clients connecting meanwhile wait for the greeting
         * in the backlog instead of being refused. The server owns the channel from then on.
         */
        public Builder serveOn(ServerSocketChannel boundChannel) {
            bound = Objects.requireNonNull(boundChannel, "boundChannel");
            return this;
        }

        /**
         * Writes every accepted message as {@code FOLDER/PORT/ID.eml} (its bytes exactly as received)
         * and the journal as JSON lines to {@code FOLDER/PORT/journal.jsonl} (a line per message and
         * per ended session, and a summary when the server closes), so that a CI pipeline can keep
         * what the application sent. A thread of its own writes the files; the event loops never wait
         * for the disk (what it cannot keep up with is dropped and counted: {@link SmtpDouble#droppedArtifacts()}).
         */
        public Builder artifacts(Path folder) {
            artifacts = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /** Event loop threads; default half the processors (at least 1, at most 4). */
        public Builder ioThreads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("ioThreads must be at least 1: " + value);
            }
            ioThreads = value;
            return this;
        }

        /**
         * Checks what {@link #start()} checks before it binds, without binding or writing anything:
         * the scenario's settings work together, the certificate files can be read, the CA file's
         * folder exists and can be written.
         *
         * @throws SettingException for the first problem
         */
        public StartPlan check() {
            List<Integer> ports = new ArrayList<>(tlsPorts);
            ports.addAll(scenario.start().tlsPorts());
            Settings checked = scenario.settings().apply(settings);
            try (TlsContexts contexts = new TlsContexts()) {
                ServerChecks.usable(checked, !ports.isEmpty(), contexts);
            }
            caFiles().forEach(ServerChecks::writable);
            return new StartPlan(checked, ports, caFiles());
        }

        /** The CA files the server writes: the builder's and its scenario's. */
        private List<Path> caFiles() {
            List<Path> files = new ArrayList<>();
            if (tlsCaOut != null) {
                files.add(tlsCaOut);
            }
            Path asked = scenario.start().tlsCaOut();
            if (asked != null && !asked.equals(tlsCaOut)) {
                files.add(asked);
            }
            return files;
        }

        /**
         * Binds and starts accepting.
         *
         * @throws java.io.UncheckedIOException when the address cannot be bound
         * @throws SettingException             when the settings cannot work, before anything is bound:
         *                                      require-auth without an account, require-TLS without TLS,
         *                                      a key that cannot be read, a CA file that cannot be written
         */
        public SmtpDouble start() {
            return new SmtpDouble(this);
        }
    }
}
