package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.smtpdouble.journal.SessionEnd;
import dev.smtpdouble.scenario.Chunking;
import dev.smtpdouble.scenario.Scenarios;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** BDAT over a real socket: chunks pipelined or split across writes, and faults inside chunks. */
class ChunkingDialogueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static SmtpDouble start(String rules) {
        SmtpDouble.Builder builder = SmtpDouble.builder().chunking(Chunking.ON);
        return (rules == null ? builder : builder.scenario(Scenarios.fromYaml("rules:\n" + rules, "bdat.yaml"))).start();
    }

    @Test
    void pipelinedChunksAndCommandsInOneWriteAreAnsweredInOrder() throws Exception {
        try (SmtpDouble smtp = start(null); RawSmtpClient client = new RawSmtpClient(smtp)) {
            assertThat(client.reply()).startsWith("220");
            assertThat(client.command("EHLO c.test")).endsWith("250 CHUNKING");

            client.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<r@example.org>\r\nBDAT 12\r\nSubject: x\r\n"
                    + "BDAT 8 LAST\r\n\r\nbody\r\nNOOP\r\n");

            assertThat(client.reply()).isEqualTo("250 2.1.0 Ok");
            assertThat(client.reply()).isEqualTo("250 2.1.5 Ok");
            assertThat(client.reply()).isEqualTo("250 2.0.0 Ok: 12 bytes");
            assertThat(client.reply()).startsWith("250 2.0.0 Ok: 20 bytes queued as ");
            assertThat(client.reply()).isEqualTo("250 2.0.0 Ok");
            assertThat(new String(smtp.journal().awaitMessages(1, WAIT).get(0).raw(), StandardCharsets.US_ASCII))
                    .isEqualTo("Subject: x\r\n\r\nbody\r\n");
        }
    }

    @Test
    void aChunkSplitAcrossWritesIsReadByItsCount() throws Exception {
        try (SmtpDouble smtp = start(null); RawSmtpClient client = new RawSmtpClient(smtp)) {
            client.reply();
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<r@example.org>");

            client.send("BDAT 10 LAST\r\nQUIT\r\n"); // the command words are chunk bytes here
            client.send("NOOP");
            assertThat(client.reply()).startsWith("250 2.0.0 Ok: 10 bytes queued as");
            assertThat(new String(smtp.journal().awaitMessages(1, WAIT).get(0).raw(), StandardCharsets.US_ASCII))
                    .isEqualTo("QUIT\r\nNOOP");
            assertThat(client.command("NOOP")).as("commands again after the count").isEqualTo("250 2.0.0 Ok");
        }
    }

    @Test
    void a421AfterTheSecondChunkClosesTheConnection() throws Exception {
        try (SmtpDouble smtp = start("  - {on: bdat, occurrence_in_transaction: 2, reply: 421 4.3.2 System shutting down}\n");
             RawSmtpClient client = new RawSmtpClient(smtp)) {
            client.reply();
            client.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<r@example.org>\r\nBDAT 3\r\nabcBDAT 3\r\ndefBDAT 3 LAST\r\nghi");

            assertThat(client.reply()).isEqualTo("250 2.1.0 Ok");
            assertThat(client.reply()).isEqualTo("250 2.1.5 Ok");
            assertThat(client.reply()).isEqualTo("250 2.0.0 Ok: 3 bytes");
            assertThat(client.reply()).isEqualTo("421 4.3.2 System shutting down");
            assertThat(client.reply()).as("nothing after the 421").isNull();
            assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).end()).isEqualTo(SessionEnd.SERVER_CLOSED);
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }

    @Test
    void aResetInsideAChunkDropsTheConnection() throws Exception {
        try (SmtpDouble smtp = start("  - {on: content, after_bytes: 1000, action: reset}\n");
             RawSmtpClient client = new RawSmtpClient(smtp)) {
            client.reply();
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<r@example.org>");
            client.send("BDAT 5000 LAST\r\n" + "x".repeat(1500));

            Throwable reset = catchThrowable(() -> {
                client.send("y".repeat(3500));
                client.reply();
            });
            assertThat(reset).isInstanceOfAny(SocketException.class, IOException.class);
            assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).end()).isEqualTo(SessionEnd.SERVER_RESET);
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }
}
