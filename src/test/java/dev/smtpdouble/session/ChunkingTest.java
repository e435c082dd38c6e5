package dev.smtpdouble.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.scenario.Chunking;
import dev.smtpdouble.scenario.Director;
import dev.smtpdouble.scenario.ScenarioLoader;
import dev.smtpdouble.scenario.ScenarioRuntime;
import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.scenario.Then;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** BDAT (RFC 3030) in the session: answers as Postfix 3.7 gives them (measured), and rules inside chunks. */
class ChunkingTest {

    private Journal journal;
    private Session session;

    private void open(Chunking chunking, String rules) {
        journal = new Journal();
        Director director = rules == null ? Director.NONE
                : new ScenarioRuntime(ScenarioLoader.parse("rules:\n" + rules, "t.yaml"));
        session = new Session(Settings.DEFAULTS.withChunking(chunking).withMaxMessageSize(1000), director,
                journal.openSession(1, "127.0.0.1:1"), 1, new QueueIds());
        session.open(false);
    }

    private String command(String line) {
        return text(session.command(line));
    }

    private static String text(Outcome outcome) {
        return outcome.reply() == null ? null : outcome.reply().toString();
    }

    /** BDAT with its bytes; the answer once they are in. */
    private String bdat(String arguments, String bytes) {
        assertThat(session.command("BDAT " + arguments)).isEqualTo(Outcome.NONE);
        assertThat(session.inputMode()).isEqualTo(InputMode.CHUNK);
        assertThat(session.chunk(bytes.getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(Outcome.NONE);
        return text(session.endOfChunk());
    }

    private void transaction() {
        command("MAIL FROM:<a@example.org>");
        command("RCPT TO:<r@example.org>");
    }

    @Test
    void offLikePostfixWithoutChunking() {
        open(Chunking.OFF, null);

        assertThat(command("EHLO c.test")).doesNotContain("CHUNKING");
        assertThat(command("BDAT 5 LAST")).isEqualTo("502 5.5.1 Error: command not implemented");
        assertThat(command("MAIL FROM:<a@example.org> BODY=BINARYMIME")).isEqualTo("501 5.5.4 Bad BODY parameter syntax");
    }

    @Test
    void chunksAreTakenAsTheyAreAndTheLastQueuesTheMessage() {
        open(Chunking.ON, null);
        assertThat(session.command("EHLO c.test").reply().lines()).endsWith("CHUNKING");
        transaction();

        assertThat(bdat("6", "hello\n")).isEqualTo("250 2.0.0 Ok: 6 bytes");
        assertThat(bdat("5 LAST", ".x\r\n\r")).startsWith("250 2.0.0 Ok: 11 bytes queued as ");
        assertThat(session.inputMode()).isEqualTo(InputMode.COMMAND);

        ReceivedMessage message = journal.messages().get(0);
        assertThat(new String(message.raw(), StandardCharsets.ISO_8859_1)).isEqualTo("hello\n.x\r\n\r");
        assertThat(message.bareLineEndings()).isTrue();
        assertThat(command("RCPT TO:<s@example.org>")).as("the transaction is over").startsWith("503");
    }

    @Test
    void refusalsComeAfterTheChunksBytesAsPostfixGivesThem() {
        open(Chunking.ON, null);

        assertThat(bdat("5 LAST", "hello")).isEqualTo("503 5.5.1 Error: need RCPT command");
        command("MAIL FROM:<a@example.org>");
        assertThat(bdat("5 LAST", "hello")).isEqualTo("554 5.5.1 Error: no valid recipients");
        assertThat(command("NOOP")).isEqualTo("250 2.0.0 Ok");
        transaction();
        assertThat(command("BDAT 0")).isEqualTo("551 5.7.1 Null BDAT request");
        assertThat(bdat("1500", "x".repeat(1500))).isEqualTo("552 5.3.4 Chunk exceeds message size limit");
        assertThat(bdat("5 LAST", "hello")).isEqualTo("551 5.0.0 Discarded 5 bytes after earlier error");
        assertThat(journal.messages()).isEmpty();
    }

    @Test
    void aMessageOverTheLimitIsRefusedAtTheLastChunk() {
        open(Chunking.ON, null);
        command("MAIL FROM:<a@example.org>");
        command("RCPT TO:<r@example.org>");

        assertThat(bdat("800", "x".repeat(800))).isEqualTo("250 2.0.0 Ok: 800 bytes");
        assertThat(bdat("800 LAST", "y".repeat(800))).isEqualTo("552 5.3.4 Message size exceeds fixed limit");
        assertThat(journal.messages()).isEmpty();
    }

    @Test
    void anEmptyLastChunkIsAnsweredAtOnceAndSyntaxErrorsClose() {
        open(Chunking.ON, null);
        transaction();

        assertThat(command("BDAT 0 LAST")).startsWith("250 2.0.0 Ok: 0 bytes queued as ");
        transaction();
        Outcome malformed = session.command("BDAT 5 LAST X");
        assertThat(text(malformed)).isEqualTo("521 5.5.4 Syntax: BDAT count [LAST]");
        assertThat(malformed.then()).isEqualTo(Then.CLOSE);
    }

    @Test
    void dataAndRcptAfterBdatAreOutOfSequence() {
        open(Chunking.ON, null);
        transaction();
        bdat("5", "hello");

        assertThat(command("DATA")).isEqualTo("503 5.5.1 Error: DATA after BDAT");
        assertThat(command("RCPT TO:<s@example.org>")).isEqualTo("503 5.5.1 Error: RCPT after BDAT");
        assertThat(command("MAIL FROM:<b@example.org>")).isEqualTo("503 5.5.1 Error: nested MAIL command");
    }

    @Test
    void binaryMimeGoesByBdatOnly() {
        open(Chunking.BINARYMIME, null);
        assertThat(session.command("EHLO c.test").reply().lines()).endsWith("BINARYMIME", "CHUNKING");

        assertThat(command("MAIL FROM:<a@example.org> BODY=BINARYMIME")).isEqualTo("250 2.1.0 Ok");
        command("RCPT TO:<r@example.org>");
        assertThat(command("DATA")).isEqualTo("503 5.5.1 Error: BODY=BINARYMIME needs BDAT");
        assertThat(bdat("3 LAST", "\u0000\u00ff\n")).startsWith("250 2.0.0 Ok: 3 bytes queued as");
        assertThat(journal.messages().get(0).envelope().mailParameters()).containsEntry("BODY", "BINARYMIME");
    }

    @Test
    void aRuleAnswersTheNthChunkAndMessageRulesAnswerTheLast() {
        open(Chunking.ON, """
                  - {on: bdat, occurrence_in_transaction: 2, reply: 421 4.3.2 System shutting down}
                  - {on: message, reply: 452 4.3.1 Insufficient system storage}
                """);
        transaction();
        assertThat(bdat("3 LAST", "abc")).isEqualTo("452 4.3.1 Insufficient system storage");
        transaction();
        assertThat(bdat("3", "abc")).isEqualTo("250 2.0.0 Ok: 3 bytes");

        session.command("BDAT 3");
        session.chunk("def".getBytes(StandardCharsets.US_ASCII));
        Outcome second = session.endOfChunk();
        assertThat(second.reply()).isEqualTo(Reply.of(421, "4.3.2", "System shutting down"));
        assertThat(second.then()).isEqualTo(Then.CLOSE);
    }

    @Test
    void aContentRuleResetsTheConnectionInsideAChunk() {
        open(Chunking.ON, "  - {on: content, after_bytes: 100, action: reset}\n");
        transaction();
        session.command("BDAT 300 LAST");

        assertThat(session.chunk(new byte[60])).isEqualTo(Outcome.NONE);
        Outcome reset = session.chunk(new byte[60]);

        assertThat(reset.then()).isEqualTo(Then.RESET);
        assertThat(session.isFinished()).isTrue();
        assertThat(session.endOfChunk()).isEqualTo(Outcome.NONE);
    }

    @Test
    void aRulesPositiveAnswerToARefusedChunkTakesIt() {
        open(Chunking.ON, "  - {on: bdat, reply: 250 2.0.0 Taken}\n");

        assertThat(bdat("5 LAST", "hello")).isEqualTo("250 2.0.0 Taken");
        assertThat(journal.messages()).hasSize(1);
        assertThat(journal.messages().get(0).envelope().sender()).isEmpty();
    }
}
