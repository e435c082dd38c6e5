package dev.smtpdouble.differential;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A private Postfix instance from Debian's package, for comparing replies: its own configuration and queue
 * directory, smtpd on a free loopback port, no chroot. It can never relay: it listens on 127.0.0.1 only, every
 * transport is {@code discard}, there is no relayhost, and only the loopback network may send. Only syntax
 * decides: relay policy permits loopback clients, unknown recipients are not rejected, error limits and error
 * sleeps are off. The master process runs with an exit time, so even a killed test leaves no daemon behind for
 * long; {@link #close()} stops it by its PID.
 */
final class PostfixServer implements AutoCloseable {
    static final Path POSTFIX = Path.of("/usr/sbin/postfix");
    static final Path MASTER = Path.of("/usr/lib/postfix/sbin/master");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    /** The master exits by itself after this many seconds, whatever happens to the test. */
    private static final int EXIT_TIME_SECONDS = 1800;

    private final Path dir;
    private final int port;
    private final ProcessHandle master;

    private PostfixServer(Path dir, int port, ProcessHandle master) {
        this.dir = dir;
        this.port = port;
        this.master = master;
    }

    /** Why Postfix cannot run here, or empty when it can. */
    static Optional<String> unavailable() {
        if (!Files.isExecutable(POSTFIX) || !Files.isExecutable(MASTER)) {
            return Optional.of("Postfix is not installed (apt-get install postfix; .ci/run installs it)");
        }
        if (!"root".equals(ProcessHandle.current().info().user().orElse(""))) {
            return Optional.of("Postfix's master daemon must be started by root");
        }
        return Optional.empty();
    }

    /** Configures and starts an instance in {@code dir} that answers as {@code hostname}. */
    static PostfixServer start(Path dir, String hostname) throws IOException, InterruptedException {
        int port = freePort();
        Path config = Files.createDirectories(dir.resolve("etc"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("spool"));
        Files.writeString(config.resolve("main.cf"), mainCf(dir, hostname));
        Files.writeString(config.resolve("master.cf"), masterCf(port));
        UserPrincipal postfix = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix");
        Files.setOwner(data, postfix);
        run(POSTFIX.toString(), "-c", config.toString(), "check");
        run(MASTER.toString(), "-c", config.toString(), "-w", "-e", String.valueOf(EXIT_TIME_SECONDS));
        long pid = Long.parseLong(Files.readString(dir.resolve("spool/pid/master.pid")).trim());
        ProcessHandle master = ProcessHandle.of(pid)
                .orElseThrow(() -> new IOException("Postfix master " + pid + " is not running; see " + dir));
        return new PostfixServer(dir, port, master);
    }

    int port() {
        return port;
    }

    /** What Postfix logged, for a failure message. */
    String log() throws IOException {
        Path log = dir.resolve("maillog");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
    }

    @Override
    public void close() throws Exception {
        // SIGTERM: the master terminates its own process group (the smtpd, cleanup, qmgr... children) and exits.
        master.destroy();
        if (!master.onExit().get(60, TimeUnit.SECONDS).isAlive()) {
            return;
        }
        master.destroyForcibly();
    }

    private static String mainCf(Path dir, String hostname) {
        return String.join("\n",
                "compatibility_level = 3.6",
                "myhostname = " + hostname,
                "mydomain = localdomain",
                "myorigin = $myhostname",
                "mydestination = $myhostname, localhost",
                "inet_interfaces = loopback-only",
                "inet_protocols = ipv4",
                "mynetworks = 127.0.0.0/8",
                "queue_directory = " + dir.resolve("spool"),
                "data_directory = " + dir.resolve("data"),
                "maillog_file = " + dir.resolve("maillog"),
                "maillog_file_prefixes = " + dir,
                "mail_owner = postfix",
                "setgid_group = postdrop",
                "relayhost =",
                "default_transport = discard",
                "local_transport = discard",
                "relay_transport = discard",
                "virtual_transport = discard",
                "smtpd_relay_restrictions = permit_mynetworks, reject",
                "smtpd_recipient_restrictions =",
                "smtpd_reject_unlisted_recipient = no",
                "local_recipient_maps =",
                "alias_maps =",
                "alias_database =",
                "smtpd_banner = $myhostname ESMTP",
                "smtpd_error_sleep_time = 0",
                "smtpd_soft_error_limit = 1000000",
                "smtpd_hard_error_limit = 1000000",
                "smtpd_junk_command_limit = 1000000",
                // no waiting for a delivery token before each new message: nothing is ever delivered here
                "in_flow_delay = 0s",
                "biff = no",
                "");
    }

    private static String masterCf(int port) {
        return String.join("\n",
                "127.0.0.1:" + port + " inet n - n - - smtpd",
                "cleanup unix n - n - 0 cleanup",
                "qmgr unix n - n 300 1 qmgr",
                "rewrite unix - - n - - trivial-rewrite",
                "bounce unix - - n - 0 bounce",
                "defer unix - - n - 0 bounce",
                "trace unix - - n - 0 bounce",
                "discard unix - - n - - discard",
                "anvil unix - - n - 1 anvil",
                "error unix - - n - - error",
                "retry unix - - n - - error",
                "proxymap unix - - n - - proxymap",
                "postlog unix-dgram n - n - 1 postlogd",
                "");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed ("
                    + process.exitValue() + "): " + new String(output, StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
