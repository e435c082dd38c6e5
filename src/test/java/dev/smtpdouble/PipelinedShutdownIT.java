package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.SessionEnd;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.journal.TranscriptEntry.ServerReply;
import dev.smtpdouble.scenario.Scenarios;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 421 in the middle of a pipelined batch (RFC 2920): the replies for the commands before it go out
 * in order, then the 421, then nothing — never the "421 then 250" other fakes send — and the server
 * half-closes, drains, and closes.
 */
class PipelinedShutdownIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String BATCH = "EHLO client.example\r\n"
            + "MAIL FROM:<sender@example.org>\r\n"
            + "RCPT TO:<a@example.org>\r\n"
            + "RCPT TO:<b@example.org>\r\n"
            + "RCPT TO:<c@example.org>\r\n"
            + "DATA\r\n";

    private static SmtpDouble start(Duration drainTimeout) {
        return SmtpDouble.builder().drainTimeout(drainTimeout)
                .scenario(Scenarios.load("shutdown-at-second-rcpt")).start();
    }

    @Test
    void repliesBeforeThe421ComeInOrderThenThe421ThenEndOfStream() throws Exception {
        try (SmtpDouble smtp = start(Duration.ofSeconds(2));
             RawSmtpClient client = new RawSmtpClient(smtp)) {
            assertThat(client.reply()).startsWith("220 ");

            client.send(BATCH);

            assertThat(client.reply()).startsWith("250-localhost\r\n250-PIPELINING\r\n").endsWith("\r\n250 SMTPUTF8");
            assertThat(client.reply()).isEqualTo("250 2.1.0 Ok");
            assertThat(client.reply()).isEqualTo("250 2.1.5 Ok");
            assertThat(client.reply()).isEqualTo("421 4.3.2 System shutting down");
            assertThat(client.rest()).as("nothing after the 421, then end of stream").isEmpty();

            SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
            assertThat(session.commands()).as("what follows the 421 is not even read as commands")
                    .containsExactly("EHLO client.example", "MAIL FROM:<sender@example.org>",
                            "RCPT TO:<a@example.org>", "RCPT TO:<b@example.org>");
            assertThat(session.replyCodes()).containsExactly(220, 250, 250, 250, 421);
            ServerReply last = (ServerReply) session.transcript().get(session.transcript().size() - 1);
            assertThat(last.rule()).isEqualTo("shut down at the second recipient");
            assertThat(session.end()).isEqualTo(SessionEnd.SERVER_CLOSED);
        }
    }

    @Test
    void aBatchThatRunsOnIntoTheMessageAndQuitGetsNothingAfterThe421() throws Exception {
        try (SmtpDouble smtp = start(Duration.ofSeconds(2));
             RawSmtpClient client = new RawSmtpClient(smtp)) {
            assertThat(client.reply()).startsWith("220 ");

            client.send(BATCH + "Subject: hi\r\n\r\nHello.\r\n.\r\nRSET\r\nNOOP\r\nQUIT\r\n");

            assertThat(client.reply()).startsWith("250-");
            assertThat(client.reply()).isEqualTo("250 2.1.0 Ok");
            assertThat(client.reply()).isEqualTo("250 2.1.5 Ok");
            assertThat(client.reply()).isEqualTo("421 4.3.2 System shutting down");
            assertThat(client.rest()).isEmpty();
            assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).replyCodes())
                    .containsExactly(220, 250, 250, 250, 421);
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }

    @Test
    void theServerHalfClosesDrainsWhatTheClientStillSendsAndClosesWhenTheClientDoes() throws Exception {
        // A drain timeout far longer than the test: only the client's close can end the drain in time.
        SmtpDouble smtp = start(Duration.ofSeconds(30));
        try (RawSmtpClient client = new RawSmtpClient(smtp)) {
            assertThat(client.reply()).startsWith("220 ");
            client.send(BATCH);
            for (int i = 0; i < 3; i++) {
                assertThat(client.reply()).startsWith("250");
            }
            assertThat(client.reply()).startsWith("421 ");
            assertThat(client.reply()).as("FIN: the server's side is shut").isNull();

            // The connection is only half closed: what the client still writes is read and dropped, not reset.
            client.send("RSET\r\nQUIT\r\n" + "X".repeat(64 * 1024) + "\r\n");
            assertThat(client.rest()).isEmpty();
            client.send("NOOP\r\n");

            client.socket().shutdownOutput();
        } finally {
            long started = System.nanoTime();
            smtp.close();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                    .as("the drained connection was already closed, not waiting out the 30 s drain timeout")
                    .isLessThan(10_000);
        }
        assertThat(smtp.journal().sessions()).singleElement()
                .satisfies(session -> assertThat(session.end()).isEqualTo(SessionEnd.SERVER_CLOSED));
    }
}
