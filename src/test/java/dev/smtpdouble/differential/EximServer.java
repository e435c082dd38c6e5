package dev.smtpdouble.differential;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A private Exim daemon from Debian's packages, for comparing replies: the binary that {@code .ci/prepare-exim}
 * unpacked (never the system's mail transport), a configuration of its own in a temporary folder, listening on a
 * free port of 127.0.0.1 only. It can never deliver or relay: the MAIL and RCPT ACLs accept (only syntax decides),
 * but DATA is refused before any content (and a message would be refused after it), so no message is ever received,
 * and the only router is a {@code :blackhole:} one, with no transport at all. It runs in the foreground under {@code timeout}, so even a killed test leaves no daemon behind for long;
 * {@link #close()} stops it by its PID.
 */
final class EximServer implements AutoCloseable {
    static final Path HOME = Path.of(Optional.ofNullable(System.getenv("EXIM_HOME")).orElse("/opt/smtp-double-exim"));
    static final Path EXIM = HOME.resolve("usr/sbin/exim4");
    static final Path LIBRARIES = HOME.resolve("usr/lib/x86_64-linux-gnu");
    /** Exim's compiled-in user, which it looks up at every start. */
    static final String USER = "Debian-exim";
    /** The daemon is killed after this long, whatever happens to the test. */
    private static final int SAFETY_TIMEOUT_SECONDS = 1800;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private final Process wrapper;
    private final ProcessHandle daemon;

    private EximServer(Path dir, int port, Process wrapper, ProcessHandle daemon) {
        this.dir = dir;
        this.port = port;
        this.wrapper = wrapper;
        this.daemon = daemon;
    }

    /** Why Exim cannot run here, or empty when it can. */
    static Optional<String> unavailable() {
        if (!Files.isExecutable(EXIM)) {
            return Optional.of("Exim is not unpacked in " + HOME + " (bash .ci/prepare-exim; .ci/run does it)");
        }
        try {
            userNamed(USER);
        } catch (IOException e) {
            return Optional.of("there is no system user " + USER + ", which Exim needs (bash .ci/prepare-exim)");
        }
        if (!"root".equals(ProcessHandle.current().info().user().orElse(""))) {
            return Optional.of("Exim's daemon must be started by root");
        }
        return Optional.empty();
    }

    /**
     * Configures and starts a daemon in {@code dir} that answers as {@code hostname} and refuses a SIZE over
     * {@code maxMessageSize}; returns once it listens.
     */
    static EximServer start(Path dir, String hostname, long maxMessageSize) throws IOException, InterruptedException {
        int port = freePort();
        Path log = Files.createDirectories(dir.resolve("log"));
        Path spool = Files.createDirectories(dir.resolve("spool"));
        UserPrincipal exim = userNamed(USER);
        Files.setOwner(log, exim);
        Files.setOwner(spool, exim);
        Path config = dir.resolve("exim.conf");
        Files.writeString(config, configuration(dir, hostname, maxMessageSize));
        ProcessBuilder builder = new ProcessBuilder(List.of("timeout", "--kill-after=10", String.valueOf(SAFETY_TIMEOUT_SECONDS),
                EXIM.toString(), "-C", config.toString(), "-bdf", "-oX", String.valueOf(port)))
                .redirectErrorStream(true).redirectOutput(dir.resolve("output").toFile());
        builder.environment().put("LD_LIBRARY_PATH", LIBRARIES.toString());
        Process wrapper = builder.start();
        try {
            awaitStart(dir.resolve("log/mainlog"), wrapper);
        } catch (IOException | RuntimeException e) {
            stop(wrapper);
            throw new IOException(e.getMessage() + "\n" + report(dir), e);
        }
        ProcessHandle daemon = wrapper.toHandle().children().findFirst()
                .orElseThrow(() -> new IOException("Exim's daemon is not running; see " + dir));
        return new EximServer(dir, port, wrapper, daemon);
    }

    int port() {
        return port;
    }

    /** What Exim wrote to its logs and its output, for a failure message. */
    String log() throws IOException {
        return report(dir);
    }

    @Override
    public void close() throws Exception {
        List<ProcessHandle> children = daemon.descendants().toList();
        daemon.destroy(); // SIGTERM: the daemon stops listening and exits
        daemon.onExit().get(60, TimeUnit.SECONDS);
        children.forEach(ProcessHandle::destroy); // sessions still open, if any
        stop(wrapper);
    }

    private static void stop(Process wrapper) throws IOException {
        try {
            wrapper.destroy(); // timeout passes SIGTERM on to Exim
            if (!wrapper.waitFor(30, TimeUnit.SECONDS)) {
                wrapper.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping Exim", e);
        }
    }

    /** Waits, on the log, for "daemon started"; fails when Exim exits first or takes too long. */
    private static void awaitStart(Path mainlog, Process wrapper) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            mainlog.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (!started(mainlog)) {
                if (!wrapper.isAlive()) {
                    throw new IOException("Exim exited with status " + wrapper.exitValue() + " before it listened");
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("Exim did not start listening within " + START_TIMEOUT);
                }
                var key = watch.poll(1, TimeUnit.SECONDS); // a log write, or a second to look at the process again
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }

    private static boolean started(Path mainlog) throws IOException {
        return Files.exists(mainlog) && Files.readString(mainlog, StandardCharsets.ISO_8859_1).contains("daemon started");
    }

    private static String configuration(Path dir, String hostname, long maxMessageSize) {
        return String.join("\n",
                "primary_hostname = " + hostname,
                "local_interfaces = 127.0.0.1",
                "spool_directory = " + dir.resolve("spool"),
                "log_file_path = " + dir.resolve("log") + "/%slog",
                "exim_user = " + USER,
                "exim_group = " + USER,
                "keep_environment =",
                // no DNS, ident or TLS: only syntax is compared
                "host_lookup =",
                "rfc1413_hosts =",
                "tls_advertise_hosts =",
                // the extensions smtp-double advertises; the limit it is given
                "dsn_advertise_hosts = *",
                "message_size_limit = " + maxMessageSize,
                "smtp_max_synprot_errors = 1000000",
                "smtp_max_unknown_commands = 1000000",
                "smtp_accept_max = 20",
                "smtp_receive_timeout = 2m",
                "acl_smtp_mail = accept",
                "acl_smtp_rcpt = accept",
                "acl_smtp_predata = deny",
                "acl_smtp_data = deny",
                "",
                "begin routers",
                "",
                "discard_everything:",
                "  driver = redirect",
                "  data = :blackhole:",
                "");
    }

    private static String report(Path dir) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("output", "log/mainlog", "log/paniclog", "log/rejectlog")) {
            Path file = dir.resolve(name);
            if (Files.exists(file)) {
                out.append("--- ").append(name).append('\n').append(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return out.length() == 0 ? "(Exim wrote nothing)" : out.toString();
    }

    private static UserPrincipal userNamed(String user) throws IOException {
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
