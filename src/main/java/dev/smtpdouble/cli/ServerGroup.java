package dev.smtpdouble.cli;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.admin.AdminServer;
import dev.smtpdouble.admin.ScenarioDirectory;
import dev.smtpdouble.scenario.Scenario;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The servers of one process: the SMTP listeners (the first from {@code --port}, more from
 * {@code --listen}) and the optional admin API over them. Every scenario is loaded before anything
 * binds; a failure to bind closes what was started.
 */
final class ServerGroup implements AutoCloseable {

    private final List<SmtpDouble> listeners;
    private AdminServer admin;

    private ServerGroup(List<SmtpDouble> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /**
     * @param builders a configured builder for a port
     * @param bound    the first listener's socket, bound already at start-up; null to bind {@code port}
     * @param extra    the {@code --listen} options
     * @param resolver loads each {@code --listen} scenario
     */
    static ServerGroup start(Function<Integer, SmtpDouble.Builder> builders, int port, ServerSocketChannel bound,
                             Scenario scenario, List<ListenOption> extra, Function<String, Scenario> resolver) {
        return start(builders, UnaryOperator.identity(), port, bound, scenario, extra, resolver);
    }

    /** @param primary what only the first listener gets (its implicit-TLS ports) */
    static ServerGroup start(Function<Integer, SmtpDouble.Builder> builders, UnaryOperator<SmtpDouble.Builder> primary,
                             int port, ServerSocketChannel bound, Scenario scenario, List<ListenOption> extra,
                             Function<String, Scenario> resolver) {
        List<Scenario> scenarios = new ArrayList<>();
        for (ListenOption option : extra) {
            scenarios.add(option.scenario() == null ? Scenario.ACCEPT_ALL : resolver.apply(option.scenario()));
        }
        List<SmtpDouble> started = new ArrayList<>();
        try {
            SmtpDouble.Builder first = primary.apply(builders.apply(port)).scenario(scenario);
            started.add((bound == null ? first : first.serveOn(bound)).start());
            for (int i = 0; i < extra.size(); i++) {
                started.add(builders.apply(extra.get(i).port()).scenario(scenarios.get(i)).start());
            }
        } catch (RuntimeException e) {
            new ServerGroup(started).close(Duration.ofSeconds(1));
            throw e;
        }
        return new ServerGroup(started);
    }

    /** Starts the admin API over every listener; {@code PUT /scenario?name=} looks in {@code scenarioDir} first. */
    void startAdmin(String host, int port, String token, Path scenarioDir) {
        try {
            admin = AdminServer.builder().host(host).port(port).token(token).listeners(listeners)
                    .scenariosByName(new ScenarioDirectory(scenarioDir)::byName).start();
        } catch (RuntimeException e) {
            close(Duration.ofSeconds(1));
            throw e;
        }
    }

    List<SmtpDouble> listeners() {
        return listeners;
    }

    /** The admin API, or null when it is off. */
    AdminServer admin() {
        return admin;
    }

    /**
     * Sends 421 to every open session of every listener at once and waits for them to close, at most
     * {@code limit}; what is still open then is left to the process exit.
     *
     * @return whether everything closed in time
     */
    boolean close(Duration limit) {
        if (admin != null) {
            admin.stopping();
        }
        List<Thread> closing = listeners.stream().map(ServerGroup::closer).toList();
        closing.forEach(Thread::start);
        long deadline = System.nanoTime() + limit.toNanos();
        boolean closed = true;
        for (Thread thread : closing) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closed &= !thread.isAlive();
        }
        if (admin != null) {
            admin.close();
        }
        return closed;
    }

    /**
     * {@code HOST:PORT} for the startup lines: the address asked for when the socket reports the
     * wildcard in another spelling ({@code 0.0.0.0} binds as {@code ::}), IPv6 in brackets.
     */
    static String address(String requested, String bound, int port) {
        String host = bound;
        try {
            if (InetAddress.getByName(bound).isAnyLocalAddress()) {
                host = requested;
            }
        } catch (UnknownHostException e) {
            // a literal address always parses; keep what the socket said
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static Thread closer(SmtpDouble smtp) {
        Thread thread = new Thread(smtp::close, "smtp-double-stop-" + smtp.port());
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
