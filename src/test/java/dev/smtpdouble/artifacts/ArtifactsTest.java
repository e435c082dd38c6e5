package dev.smtpdouble.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smtpdouble.RawSmtpClient;
import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.journal.Envelope;
import dev.smtpdouble.journal.ReceivedMessage;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Artifacts written by a real server: the .eml files and journal.jsonl, and what a slow disk costs. */
@Timeout(60)
class ArtifactsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    @Test
    void everyAcceptedMessageIsAnEmlFileAndTheJournalIsJsonLines() throws Exception {
        SmtpDouble smtp = SmtpDouble.builder().artifacts(folder).start();
        Path own = folder.resolve(String.valueOf(smtp.port()));
        try (smtp) {
            deliver(smtp, "First", "a@example.test");
            deliver(smtp, "Second", "b@example.test");
            smtp.journal().awaitEndedSessions(2, WAIT);
        }

        List<ReceivedMessage> received = smtp.journal().messages();
        assertThat(received).hasSize(2);
        for (ReceivedMessage message : received) {
            assertThat(Files.readAllBytes(own.resolve(message.id() + ".eml"))).isEqualTo(message.raw());
        }
        List<JsonNode> lines = lines(own.resolve("journal.jsonl"));
        assertThat(lines).extracting(line -> line.get("type").asText())
                .containsExactly("message", "session", "message", "session", "summary");
        JsonNode first = lines.get(0);
        assertThat(first.get("id").asText()).isEqualTo(received.get(0).id());
        assertThat(first.get("file").asText()).isEqualTo(received.get(0).id() + ".eml");
        assertThat(first.get("sender").asText()).isEqualTo("app@example.test");
        assertThat(first.get("recipients").get(0).asText()).isEqualTo("a@example.test");
        JsonNode session = lines.get(1);
        assertThat(session.get("end").asText()).isEqualTo("client_quit");
        assertThat(session.get("entries").get(0).get("line").asText()).startsWith("S: 220 ");
        assertThat(lines.get(4).get("dropped").asLong()).isZero();
        assertThat(lines.get(4).get("messages").asLong()).isEqualTo(2);
        assertThat(smtp.droppedArtifacts()).isZero();
    }

    @Test
    void aStalledDiskNeverHoldsUpTheServer() throws Exception {
        Path own;
        SmtpDouble smtp = SmtpDouble.builder().artifacts(folder).start();
        try (smtp) {
            own = folder.resolve(String.valueOf(smtp.port()));
            stall(own.resolve("0000000001.eml"));

            deliver(smtp, "Stuck", "a@example.test");
            // the writer thread now waits on the FIFO; the server goes on accepting
            for (int i = 0; i < 50; i++) {
                deliver(smtp, "More " + i, "b@example.test");
            }
            assertThat(smtp.journal().awaitEndedSessions(51, WAIT)).hasSize(51);
            try (InputStream reader = Files.newInputStream(own.resolve("0000000001.eml"))) {
                assertThat(new String(reader.readAllBytes(), StandardCharsets.UTF_8)).contains("Subject: Stuck");
            }
        }
        List<JsonNode> lines = lines(own.resolve("journal.jsonl"));
        JsonNode summary = lines.get(lines.size() - 1);
        assertThat(summary.get("messages").asLong()).isEqualTo(51);
        assertThat(summary.get("sessions").asLong()).isEqualTo(51);
        assertThat(summary.get("dropped").asLong()).isZero();
        String last = smtp.journal().messages().get(50).id();
        assertThat(Files.readString(own.resolve(last + ".eml"))).contains("Subject: More 49");
    }

    @Test
    void whatDoesNotFitTheQueueIsDroppedAndCounted() throws Exception {
        stall(folder.resolve("Q1.eml"));
        ArtifactWriter writer = ArtifactWriter.start(folder, 2);
        int offered = 20;
        for (int i = 1; i <= offered; i++) {
            writer.messageAccepted(new ReceivedMessage("Q" + i, 1, Instant.now(),
                    new Envelope("app@example.test", Map.of(), List.of()), ("Subject: " + i + "\r\n\r\n").getBytes(
                    StandardCharsets.US_ASCII), false));
        }
        try (InputStream reader = Files.newInputStream(folder.resolve("Q1.eml"))) {
            reader.readAllBytes();
        }
        writer.close();

        List<JsonNode> lines = lines(folder.resolve("journal.jsonl"));
        JsonNode summary = lines.get(lines.size() - 1);
        long written = summary.get("messages").asLong();
        // one in the writer's hands, two in the queue: the rest did not fit
        assertThat(written).isBetween(1L, 3L);
        assertThat(summary.get("dropped").asLong()).isEqualTo(offered - written).isEqualTo(writer.dropped());
        assertThat(lines).hasSize((int) written + 1);
    }

    /** Makes {@code file} a FIFO without a reader: writing it blocks until the test reads it, as a stalled disk would. */
    private static void stall(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).redirectErrorStream(true).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).as(new String(mkfifo.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void aFolderThatCannotBeCreatedFailsTheStartWithItsName() throws Exception {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> SmtpDouble.builder().artifacts(file).start())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot write artifacts into " + file);
    }

    private static void deliver(SmtpDouble smtp, String subject, String to) throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(smtp.host(), smtp.port())) {
            assertThat(client.reply()).startsWith("220 ");
            assertThat(client.command("EHLO client.example.test")).startsWith("250");
            assertThat(client.command("MAIL FROM:<app@example.test>")).startsWith("250");
            assertThat(client.command("RCPT TO:<" + to + ">")).startsWith("250");
            assertThat(client.command("DATA")).startsWith("354");
            assertThat(client.command("Subject: " + subject + "\r\n\r\nHello.\r\n.")).startsWith("250");
            assertThat(client.command("QUIT")).startsWith("221");
        }
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }
}
