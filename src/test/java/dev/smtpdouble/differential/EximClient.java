package dev.smtpdouble.differential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Exim as a sending client: the binary {@code .ci/prepare-exim} unpacked, with a configuration of its own that routes
 * every address to one host and port on 127.0.0.1 and tries CHUNKING wherever it is offered (Exim's default), so a
 * message goes out as {@code BDAT n LAST} when the server lists CHUNKING. {@link #send} delivers in the foreground
 * ({@code -odf}) and returns Exim's main log: what Exim did and the server's reply it saw.
 * <p>
 * Exim re-executes itself for the delivery after it has given up root for a configuration given with {@code -C};
 * a set-user-id binary would then ignore {@code LD_LIBRARY_PATH}, so a copy without that bit, started by a small
 * wrapper that sets the library path, is what runs. Nothing listens: there is no daemon.
 */
final class EximClient {
    private final Path dir;
    private final Path wrapper;

    private EximClient(Path dir, Path wrapper) {
        this.dir = dir;
        this.wrapper = wrapper;
    }

    /** Prepares a client in {@code dir} that sends every message to 127.0.0.1:{@code port}. */
    static EximClient to(int port, Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path spool = Files.createDirectories(dir.resolve("spool"));
        Path log = Files.createDirectories(dir.resolve("log"));
        var exim = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(EximServer.USER);
        Files.setOwner(spool, exim);
        Files.setOwner(log, exim);
        Path binary = Files.copy(EximServer.EXIM, dir.resolve("exim4"));
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path wrapper = dir.resolve("exim");
        Files.writeString(wrapper, "#!/bin/sh\nLD_LIBRARY_PATH=" + EximServer.LIBRARIES + " exec " + binary + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("exim.conf"), configuration(dir, wrapper, port));
        return new EximClient(dir, wrapper);
    }

    /** Sends {@code message} (header and body, LF line ends) in the foreground; returns Exim's main log. */
    String send(String sender, String recipient, String message) throws IOException, InterruptedException {
        Process exim = new ProcessBuilder(List.of("timeout", "--kill-after=10", "120", wrapper.toString(),
                "-C", dir.resolve("exim.conf").toString(), "-odf", "-f", sender, recipient))
                .redirectErrorStream(true).redirectOutput(dir.resolve("output").toFile()).start();
        exim.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
        exim.getOutputStream().close();
        if (!exim.waitFor(150, TimeUnit.SECONDS)) {
            exim.destroyForcibly();
            throw new IOException("Exim did not finish within 150 s\n" + log());
        }
        return log();
    }

    /** The main log, and the output and panic log when they say anything. */
    String log() throws IOException {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("log/mainlog", "log/paniclog", "output")) {
            Path file = dir.resolve(name);
            if (Files.exists(file) && Files.size(file) > 0) {
                out.append(name.equals("log/mainlog") ? "" : "--- " + name + "\n")
                        .append(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return out.toString();
    }

    private static String configuration(Path dir, Path wrapper, int port) {
        return String.join("\n",
                "primary_hostname = client.test",
                "exim_path = " + wrapper,
                "spool_directory = " + dir.resolve("spool"),
                "log_file_path = " + dir.resolve("log") + "/%slog",
                "exim_user = " + EximServer.USER,
                "exim_group = " + EximServer.USER,
                "keep_environment =",
                "host_lookup =",
                "rfc1413_hosts =",
                "daemon_smtp_ports =",
                // a bounce for a refused message would be one more delivery attempt: none
                "bounce_return_message = false",
                "",
                "begin routers",
                "",
                "to_the_double:",
                "  driver = manualroute",
                "  domains = *",
                "  route_list = * 127.0.0.1",
                "  self = send",
                "  errors_to =",
                "  transport = to_the_double",
                "",
                "begin transports",
                "",
                "to_the_double:",
                "  driver = smtp",
                "  port = " + port,
                "  allow_localhost",
                "  hosts_avoid_tls = *",
                "  hosts_try_chunking = *",
                "");
    }
}
