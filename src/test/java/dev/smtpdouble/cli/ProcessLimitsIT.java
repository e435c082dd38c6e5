package dev.smtpdouble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smtpdouble.RawSmtpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone server's limits as options and environment variables (journal entries and bytes,
 * connections per client), and what happens when the JVM runs out of memory anyway: a clear message
 * and exit status 70, so a supervisor restarts it, instead of a process that answers nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessLimitsIT {

    private static final Pattern ADMIN = Pattern.compile("smtp-double admin on 127\\.0\\.0\\.1:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    final JarProcesses processes = new JarProcesses();

    @TempDir
    Path temp;

    private Child start(List<String> jvmOptions, List<String> environment, String... args) throws IOException {
        return processes.start(temp, jvmOptions, environment, args);
    }

    @Test
    void runningOutOfMemoryEndsTheProcessWithStatus70AndSaysWhy() throws Exception {
        // A journal allowed far more than the heap: the messages fill the heap until it gives out.
        Child child = start(List.of("-Xmx32m"), List.of(), "--port", "0", "--journal-bytes", "1g",
                "--journal-entries", "100000");
        int port = child.awaitListeningPort();
        String body = ("x".repeat(998) + "\r\n").repeat(512) + ".\r\n"; // 500 KiB
        try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", port)) {
            client.reply();
            client.command("EHLO client.test");
            for (int i = 0; i < 1000; i++) {
                client.send("MAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\nDATA\r\n" + body);
                if (client.reply() == null || client.reply() == null || client.reply() == null
                        || client.reply() == null) {
                    break; // the server went away
                }
            }
        } catch (IOException gone) {
            // the connection broke when the process ended
        }

        assertThat(child.awaitExit()).as(child.stderr()).isEqualTo(70);
        assertThat(child.stderr()).contains("smtp-double: fatal error on thread ", "java.lang.OutOfMemoryError",
                "exiting with status 70 so that a supervisor can restart the server");
    }

    @Test
    void theJournalsCapacityComesFromTheEnvironmentOrTheOptions() throws Exception {
        Child child = start(List.of(), List.of("SMTP_DOUBLE_JOURNAL_ENTRIES=2", "SMTP_DOUBLE_JOURNAL_BYTES=1m"),
                "--port", "0", "--admin-port", "0", "--journal-bytes", "4k");
        int port = child.awaitListeningPort();
        int admin = Integer.parseInt(child.awaitLine(ADMIN).group(1));
        for (int i = 0; i < 3; i++) {
            try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", port)) {
                client.reply();
                client.command("EHLO " + "client".repeat(50) + ".test");
                client.command("QUIT");
            }
        }
        JsonNode journal = journal(admin);

        assertThat(journal.get("sessions").size()).as("the environment's entries").isEqualTo(2);
        assertThat(journal.get("droppedSessions").asInt()).isEqualTo(1);
        assertThat(journal.get("retainedBytes").asLong()).as("the option's bytes win over the environment's")
                .isBetween(1L, 4096L);
    }

    @Test
    void aClientOverItsConnectionLimitGetsPostfixs421() throws Exception {
        Child child = start(List.of(), List.of(), "--port", "0", "--hostname", "mx.test",
                "--max-connections-per-client", "1");
        int port = child.awaitListeningPort();

        try (RawSmtpClient first = new RawSmtpClient("127.0.0.1", port);
             RawSmtpClient second = new RawSmtpClient("127.0.0.1", port)) {
            assertThat(first.reply()).startsWith("220 mx.test");
            assertThat(second.reply()).isEqualTo("421 4.7.0 mx.test Error: too many connections from 127.0.0.1");
        }
    }

    @Test
    void badLimitsAreRefusedWithAClearMessage() throws Exception {
        Child size = start(List.of(), List.of(), "--port", "0", "--journal-bytes", "64q");
        assertThat(size.awaitExit()).isEqualTo(2);
        assertThat(size.stderr()).contains("'64q' is not a size such as 65536, 512k, 64m or 1g");

        Child entries = start(List.of(), List.of(), "--port", "0", "--journal-entries", "0");
        assertThat(entries.awaitExit()).isEqualTo(1);
        assertThat(entries.stderr()).contains("smtp-double: --journal-entries must be at least 1: 0");
    }

    private static JsonNode journal(int adminPort) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/journal"))
                .timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString()).body());
    }
}
