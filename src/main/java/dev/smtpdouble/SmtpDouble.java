package dev.smtpdouble;

import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.netty.SmtpServer;
import dev.smtpdouble.protocol.SyntaxMode;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioRuntime;
import dev.smtpdouble.scenario.ScenarioStatus;
import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.session.QueueIds;
import dev.smtpdouble.session.Session;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
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
public final class SmtpDouble implements AutoCloseable {

    /** The scenario in force and the settings it yields, switched as one. */
    private record Setup(ScenarioRuntime runtime, Settings settings) {
    }

    private final Settings baseSettings;
    private final Journal journal;
    private final QueueIds queueIds = new QueueIds();
    private final SmtpServer server;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Setup setup;

    private SmtpDouble(Builder builder) {
        this.baseSettings = builder.settings;
        this.journal = new Journal(builder.journalCapacity);
        this.setup = setupFor(builder.scenario);
        this.server = builder.bound != null
                ? SmtpServer.adopt(builder.bound, this::openSession, builder.ioThreads)
                : SmtpServer.bind(builder.host, builder.port, this::openSession, builder.ioThreads);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a default server on a free loopback port. */
    public static SmtpDouble start() {
        return builder().start();
    }

    private Setup setupFor(Scenario scenario) {
        return new Setup(new ScenarioRuntime(scenario), scenario.settings().apply(baseSettings));
    }

    private Session openSession(String remoteAddress) {
        Setup current = setup;
        int connection = current.runtime().nextConnection();
        return new Session(current.settings(), current.runtime(),
                journal.openSession(connection, remoteAddress), connection, queueIds);
    }

    public String host() {
        return server.address().getAddress().getHostAddress();
    }

    public int port() {
        return server.address().getPort();
    }

    public Journal journal() {
        return journal;
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
        setup = setupFor(Objects.requireNonNull(scenario, "scenario"));
    }

    /**
     * Starts the scenario in force over: connection numbers, rule counters and state. Sessions still
     * open finish under the counters they started with, so a client left over from a previous test
     * cannot use up a rule of the next one.
     */
    public synchronized void resetScenario() {
        Setup current = setup;
        setup = new Setup(current.runtime().restarted(), current.settings());
    }

    /** Clears the journal and resets the scenario: as good as a new server. */
    public void reset() {
        journal.clear();
        resetScenario();
    }

    /** The scenario in force with its state and rule counters, all read at one instant. */
    public ScenarioStatus scenarioStatus() {
        return setup.runtime().status();
    }

    /** The current scenario state. */
    public String scenarioState() {
        return setup.runtime().state();
    }

    /** The names of the scenario's rules that never fired since the last reset. */
    public List<String> unfiredRules() {
        return setup.runtime().unfiredRules();
    }

    /** How often each rule fired since the last reset. */
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
        server.shutdownSessions(setup.settings().drainTimeout());
        server.close();
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
        private int journalCapacity = Journal.DEFAULT_CAPACITY;
        /** Half the processors: the client under test runs on the same machine and needs the rest. */
        private int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
        private ServerSocketChannel bound;

        private Builder() {
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

        /** Any change to the settings; the scenario's own settings apply on top. */
        public Builder settings(UnaryOperator<Settings> change) {
            settings = change.apply(settings);
            return this;
        }

        public Builder scenario(Scenario value) {
            scenario = Objects.requireNonNull(value, "scenario");
            return this;
        }

        /** How many sessions and how many messages the journal keeps (each); older ones are dropped. */
        public Builder journalCapacity(int value) {
            journalCapacity = value;
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

        /** Event loop threads; default half the processors (at least 1, at most 4). */
        public Builder ioThreads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("ioThreads must be at least 1: " + value);
            }
            ioThreads = value;
            return this;
        }

        /**
         * Binds and starts accepting.
         *
         * @throws java.io.UncheckedIOException when the address cannot be bound
         */
        public SmtpDouble start() {
            return new SmtpDouble(this);
        }
    }
}
