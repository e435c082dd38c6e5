package dev.smtpdouble.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.journal.SessionEnd;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.scenario.Action;
import dev.smtpdouble.scenario.Director;
import dev.smtpdouble.scenario.IntRange;
import dev.smtpdouble.scenario.Match;
import dev.smtpdouble.scenario.Rule;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioRuntime;
import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.scenario.Trigger;
import dev.smtpdouble.session.QueueIds;
import dev.smtpdouble.session.Session;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real pipeline (decoder, encoder, session handler) on an {@link EmbeddedChannel}: bytes in, bytes out. */
class SmtpPipelineTest {

    private static final String GREETING = "220 localhost ESMTP";
    private static final String EHLO_REPLY = String.join("\r\n", "250-localhost", "250-PIPELINING",
            "250-SIZE 10240000", "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250-DSN", "250 SMTPUTF8");
    private static final String TRANSACTION = "EHLO client.test\r\n"
            + "MAIL FROM:<sender@example.org>\r\n"
            + "RCPT TO:<one@example.org>\r\n"
            + "RCPT TO:<two@example.org>\r\n"
            + "DATA\r\n"
            + "Subject: pipelined\r\n"
            + "\r\n"
            + "..starts with a dot\r\n"
            + ".\r\n"
            + "QUIT\r\n";
    private static final List<String> TRANSACTION_REPLIES = List.of(EHLO_REPLY, "250 2.1.0 Ok", "250 2.1.5 Ok",
            "250 2.1.5 Ok", "354 End data with <CR><LF>.<CR><LF>", "250 2.0.0 Ok: queued as 0000000001",
            "221 2.0.0 Bye");

    private Journal journal;
    private EmbeddedChannel channel;

    private EmbeddedChannel connect(Settings settings, Director director) {
        return connect(settings, director, new AtomicInteger());
    }

    /** Builds the pipeline as SmtpChannelInitializer does, and activates it: the greeting is then in the outbound queue. */
    private EmbeddedChannel connect(Settings settings, Director director, AtomicInteger activeConnections) {
        journal = new Journal();
        Session session = new Session(settings, director, journal.openSession(1, "test"), 1, new QueueIds());
        SmtpLineDecoder decoder = new SmtpLineDecoder(settings.maxCommandLine(), settings.maxTextLine());
        channel = new EmbeddedChannel(decoder, SmtpReplyEncoder.INSTANCE,
                new SmtpSessionHandler(session, decoder, activeConnections, new TlsContexts(), false));
        channel.freezeTime(); // time moves only by advanceTimeBy
        return channel;
    }

    /** Connects with the defaults and consumes the greeting. */
    private EmbeddedChannel connect() {
        connect(Settings.DEFAULTS, Director.NONE);
        assertThat(replies()).containsExactly(GREETING);
        return channel;
    }

    private static Director scenario(Rule... rules) {
        return new ScenarioRuntime(new Scenario("t", "", s -> s, List.of(rules), Scenario.DEFAULT_STATE, 0));
    }

    private static Match occurrence(int n) {
        return Match.builder().occurrence(IntRange.exactly(n)).build();
    }

    private void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    private void writeByteByByte(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            write(new byte[] {b});
        }
    }

    /** Everything the server wrote since the last call. */
    private String output() {
        return Outbound.drain(channel);
    }

    /** The replies written since the last call, each a (possibly multi-line) string without its final CRLF. */
    private List<String> replies() {
        String out = output();
        assertThat(out).as("server output ends with CRLF").matches("(?s)(.*\r\n)?");
        List<String> replies = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : out.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            current.append(current.length() == 0 ? "" : "\r\n").append(line);
            if (line.length() < 4 || line.charAt(3) == ' ') {
                replies.add(current.toString());
                current.setLength(0);
            }
        }
        assertThat(current).as("an unfinished multi-line reply").isEmpty();
        return replies;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    @AfterEach
    void closeChannel() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void greetsOnConnect() {
        connect(Settings.DEFAULTS.withHostname("mx.example.org"), Director.NONE);

        assertThat(output()).isEqualTo("220 mx.example.org ESMTP\r\n");
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void pipelinedTransactionInOneWrite() {
        connect();

        write(TRANSACTION);

        assertThat(replies()).containsExactlyElementsOf(TRANSACTION_REPLIES);
        assertThat(channel.isOpen()).as("closed after QUIT").isFalse();
        ReceivedMessage message = journal.messages().get(0);
        assertThat(message.rawText()).isEqualTo("Subject: pipelined\r\n\r\n.starts with a dot\r\n");
        assertThat(message.envelope().recipientAddresses()).containsExactly("one@example.org", "two@example.org");
    }

    @Test
    void sameRepliesWhenTheInputArrivesOneByteAtATime() {
        connect();
        write(TRANSACTION);
        List<String> whole = replies();
        byte[] wholeMessage = journal.messages().get(0).raw();

        connect();
        writeByteByByte(TRANSACTION);

        assertThat(replies()).isEqualTo(whole).containsExactlyElementsOf(TRANSACTION_REPLIES);
        assertThat(journal.messages().get(0).raw()).isEqualTo(wholeMessage);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void journalRecordsCommandsAndRepliesInOrderAndTheQuit() {
        connect();

        write("EHLO client.test\r\nNOOP\r\nQUIT\r\n");
        output();

        SessionRecord record = journal.sessions().get(0);
        assertThat(record.transcript()).extracting(Object::toString).containsExactly(
                "S: 220 localhost ESMTP",
                "C: EHLO client.test",
                "S: 250-localhost | 250-PIPELINING | 250-SIZE 10240000 | 250-ENHANCEDSTATUSCODES | 250-8BITMIME"
                        + " | 250-DSN | 250 SMTPUTF8",
                "C: NOOP",
                "S: 250 2.0.0 Ok",
                "C: QUIT",
                "S: 221 2.0.0 Bye");
        assertThat(record.end()).isEqualTo(SessionEnd.CLIENT_QUIT);
    }

    @Test
    void clientClosingIsRecorded() {
        connect();
        write("NOOP\r\n");

        channel.close();

        assertThat(journal.sessions().get(0).end()).isEqualTo(SessionEnd.CLIENT_CLOSED);
    }

    @Test
    void commandsEndingInLfAloneAreAccepted() {
        connect();

        write("EHLO client.test\nMAIL FROM:<a@example.org>\nRCPT TO:<r@example.org>\nDATA\n");

        assertThat(replies()).containsExactly(EHLO_REPLY, "250 2.1.0 Ok", "250 2.1.5 Ok",
                "354 End data with <CR><LF>.<CR><LF>");
        assertThat(journal.sessions().get(0).commands())
                .containsExactly("EHLO client.test", "MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>", "DATA");
    }

    @Test
    void bareCrInsideACommandStaysInTheLine() {
        connect();

        write("MAIL FROM:<a@exa\rmple.org>\r\n");

        assertThat(replies()).containsExactly("501 5.1.7 Bad sender address syntax");
    }

    @Test
    void overlongCommandGets500AndTheSessionGoesOn() {
        connect();

        write("NOOP " + "x".repeat(600) + "\r\nNOOP\r\n");

        assertThat(replies()).containsExactly("500 5.5.2 Error: line too long", "250 2.0.0 Ok");
        assertThat(journal.sessions().get(0).commands()).containsExactly("(line longer than 512 octets)", "NOOP");
    }

    @Test
    void commandLineLimitCountsTheCrlf() {
        connect();
        String fits = "NOOP " + "x".repeat(512 - 5 - 2); // 512 octets with CRLF

        write(fits + "\r\n" + fits + "y\r\n" + fits + "\n");

        assertThat(replies()).containsExactly("250 2.0.0 Ok", "500 5.5.2 Error: line too long", "250 2.0.0 Ok");
    }

    @Test
    void overlongCommandInSeveralChunks() {
        connect();

        write("MAIL FROM:<" + "a".repeat(300));
        write("a".repeat(300)); // over the limit now, still no line end: the bytes are dropped as they come
        assertThat(output()).isEmpty();
        write("a".repeat(1000));
        write("@example.org>\r");
        assertThat(output()).isEmpty();
        write("\nRCPT TO:<r@example.org>\r\nNO");
        write("OP\r\n");

        assertThat(replies()).containsExactly("500 5.5.2 Error: line too long", "503 5.5.1 Error: need MAIL command",
                "250 2.0.0 Ok");
    }

    @Test
    void overlongCommandWhoseLineEndArrivesWithTheExcess() {
        connect();

        write("NOOP " + "x".repeat(500)); // under the limit so far
        write("x".repeat(50) + "\r\nNOOP\r\n");

        assertThat(replies()).containsExactly("500 5.5.2 Error: line too long", "250 2.0.0 Ok");
    }

    @Test
    void anAuthLineMayCarryRfc4954sTwelveThousandOctetsInitialResponse() {
        connect();
        String longest = "AUTH PLAIN " + "A".repeat(12_288 - 11); // 12,288 octets before the CRLF

        write(longest.substring(0, 600));
        write(longest.substring(600) + "\r\n" + longest + "A\r\nauth " + "A".repeat(600) + "\r\nNOOP\r\n");

        assertThat(replies()).as("AUTH is answered as a command (not offered yet), one octet more is too long")
                .containsExactly("502 5.5.1 Error: command not implemented", "500 5.5.2 Error: line too long",
                        "502 5.5.1 Error: command not implemented", "250 2.0.0 Ok");
    }

    @Test
    void otherCommandsDoNotGetTheAuthAllowance() {
        connect();

        write("AUTHX " + "A".repeat(600) + "\r\nNOOP " + "A".repeat(600) + "\r\n");

        assertThat(replies()).containsExactly("500 5.5.2 Error: line too long", "500 5.5.2 Error: line too long");
    }

    @Test
    void invalidUtf8CommandGets500() {
        connect();

        write(concat("NOOP \u00fc ".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28}, "\r\n".getBytes(
                StandardCharsets.US_ASCII)));
        write(concat("VRFY \u00fc".getBytes(StandardCharsets.UTF_8), "\r\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(replies()).containsExactly("500 5.5.2 Error: bad UTF-8 syntax",
                "252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery");
        assertThat(journal.sessions().get(0).commands()).containsExactly("NOOP \u00fc \uFFFD(", "VRFY \u00fc");
    }

    @Test
    void dataIsDotUnstuffedAndEndsOnlyAtCrLfDotCrLf() {
        connect();
        write("MAIL FROM:<a@example.org>\r\nRCPT TO:<r@example.org>\r\nDATA\r\n");
        replies();

        write("..x\r\n");
        write("a\n.\nb\r\n"); // LF . LF is content, not the end
        write("c\r.\rd\r\n"); // so is CR . CR
        write(".\n");
        write("QUIT\r\n"); // still content
        write("...\r\n");
        assertThat(output()).isEmpty();
        write(".\r\n");

        assertThat(replies()).containsExactly("250 2.0.0 Ok: queued as 0000000001");
        ReceivedMessage message = journal.messages().get(0);
        assertThat(message.rawText()).isEqualTo(".x\r\na\n.\nb\r\nc\r.\rd\r\n\nQUIT\r\n..\r\n");
        assertThat(message.bareLineEndings()).isTrue();
        write("NOOP\r\n");
        assertThat(replies()).containsExactly("250 2.0.0 Ok");
    }

    @Test
    void messageWithCrlfOnlyIsNotFlagged() {
        connect();

        write("MAIL FROM:<a@example.org>\r\nRCPT TO:<r@example.org>\r\nDATA\r\nline\r\n\r\n.\r\n");

        assertThat(replies()).endsWith("250 2.0.0 Ok: queued as 0000000001");
        assertThat(journal.messages().get(0).rawText()).isEqualTo("line\r\n\r\n");
        assertThat(journal.messages().get(0).bareLineEndings()).isFalse();
    }

    @Test
    void emptyMessageEndsAtTheFirstDotLine() {
        connect();

        write("MAIL FROM:<a@example.org>\r\nRCPT TO:<r@example.org>\r\nDATA\r\n.\r\n");

        assertThat(replies()).endsWith("250 2.0.0 Ok: queued as 0000000001");
        assertThat(journal.messages().get(0).raw()).isEmpty();
    }

    @Test
    void theFinalDotSplitAcrossWrites() {
        connect();
        write("MAIL FROM:<a@example.org>\r\nRCPT TO:<r@example.org>\r\nDATA\r\nbody\r");
        replies();

        write("\n.");
        write("\r");
        assertThat(output()).isEmpty();
        write("\nNOOP\r\n");

        assertThat(replies()).containsExactly("250 2.0.0 Ok: queued as 0000000001", "250 2.0.0 Ok");
        assertThat(journal.messages().get(0).rawText()).isEqualTo("body\r\n");
    }

    @Test
    void sizeOverTheLimitIsRefusedAtMail() {
        connect(Settings.DEFAULTS.withMaxMessageSize(1000), Director.NONE);
        output();

        write("MAIL FROM:<a@example.org> SIZE=1001\r\nMAIL FROM:<a@example.org> SIZE=1000\r\n");

        assertThat(replies()).containsExactly("552 5.3.4 Message size exceeds fixed limit", "250 2.1.0 Ok");
    }

    @Test
    void bodyOverTheLimitGets552AtTheFinalDotAndNothingIsStored() {
        connect(Settings.DEFAULTS.withMaxMessageSize(1000), Director.NONE);
        output();
        write("MAIL FROM:<a@example.org>\r\nRCPT TO:<r@example.org>\r\nDATA\r\n");
        replies();

        for (int i = 0; i < 20; i++) {
            write("x".repeat(98) + "\r\n");
        }
        assertThat(output()).as("no reply before the final dot").isEmpty();
        write(".\r\nNOOP\r\n");

        assertThat(replies()).containsExactly("552 5.3.4 Message size exceeds fixed limit", "250 2.0.0 Ok");
        assertThat(journal.messages()).isEmpty();
    }

    @Test
    void overlongTextLineIsReportedAtTheFinalDot() {
        connect();
        write("MAIL FROM:<a@example.org>\r\nRCPT TO:<r@example.org>\r\nDATA\r\n");
        replies();

        write("y".repeat(2500) + "\r\n.\r\n");

        assertThat(replies()).containsExactly("500 5.5.2 Error: message contains a line longer than the limit");
        assertThat(journal.messages()).isEmpty();
    }

    @Test
    void aLineOfExactlyTheLimitIsContentWhetherItsCrLfArrivesWithItOrApart() {
        connect();
        write("MAIL FROM:<a@example.org>\r\nRCPT TO:<r@example.org>\r\nDATA\r\n");
        replies();
        String longest = "w".repeat(998); // 1000 octets with its CRLF, RFC 5321's limit

        write(longest + "\r\n" + longest + "\r");
        write("\n" + longest);
        write("\r\n.\r\n");

        assertThat(replies()).containsExactly("250 2.0.0 Ok: queued as 0000000001");
        ReceivedMessage message = journal.messages().get(0);
        assertThat(message.rawText()).isEqualTo((longest + "\r\n").repeat(3));
        assertThat(message.bareLineEndings()).isFalse();
    }

    @Test
    void aDotCrLfThatOnlyContinuesAnOverlongLineDoesNotEndTheMessage() {
        connect();
        write("MAIL FROM:<a@example.org>\r\nRCPT TO:<r@example.org>\r\nDATA\r\n");
        replies();

        // 1000 octets and then ".\r\n": the dot is the last character of one long line, not a line of its own.
        write("z".repeat(1000) + ".\r\nQUIT\r\n");
        assertThat(output()).as("still inside the message").isEmpty();
        assertThat(channel.isOpen()).isTrue();
        write(".\r\n");

        assertThat(replies()).containsExactly("500 5.5.2 Error: message contains a line longer than the limit");
        write("NOOP\r\n");
        assertThat(replies()).containsExactly("250 2.0.0 Ok");
    }

    @Test
    void recipientLimitGives452() {
        connect(Settings.DEFAULTS.withMaxRecipients(1), Director.NONE);
        output();

        write("MAIL FROM:<a@example.org>\r\nRCPT TO:<r1@example.org>\r\nRCPT TO:<r2@example.org>\r\n");

        assertThat(replies()).containsExactly("250 2.1.0 Ok", "250 2.1.5 Ok", "452 4.5.3 Error: too many recipients");
    }

    @Test
    void quitAnswers221ThenCloses() {
        connect();

        write("QUIT\r\nNOOP\r\n");

        assertThat(replies()).containsExactly("221 2.0.0 Bye");
        assertThat(channel.isOpen()).isFalse();
        assertThat(journal.sessions().get(0).end()).isEqualTo(SessionEnd.CLIENT_QUIT);
    }

    @Test
    void a421InTheMiddleOfAPipelinedBatchEndsTheRepliesAndClosesAfterTheDrain() {
        connect(Settings.DEFAULTS.withDrainTimeout(Duration.ofSeconds(2)),
                scenario(new Rule("second-rcpt", Trigger.RCPT, occurrence(2),
                        new Action(Reply.of(421, "4.3.2", "System shutting down"), null, 0, null), null)));
        assertThat(replies()).containsExactly(GREETING);

        write("MAIL FROM:<a@example.org>\r\nRCPT TO:<r1@example.org>\r\nRCPT TO:<r2@example.org>\r\n"
                + "RCPT TO:<r3@example.org>\r\nDATA\r\nbody\r\n.\r\nQUIT\r\n");

        assertThat(replies()).containsExactly("250 2.1.0 Ok", "250 2.1.5 Ok", "421 4.3.2 System shutting down");
        // Draining: still open, reading and discarding what the client sends.
        assertThat(channel.isOpen()).isTrue();
        write("RSET\r\nQUIT\r\n");
        assertThat(output()).isEmpty();
        assertThat(journal.sessions().get(0).commands()).as("nothing after the 421 is even read as a command")
                .containsExactly("MAIL FROM:<a@example.org>", "RCPT TO:<r1@example.org>", "RCPT TO:<r2@example.org>");
        assertThat(journal.sessions().get(0).end()).isEqualTo(SessionEnd.SERVER_CLOSED);

        channel.advanceTimeBy(1999, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).as("closed once the drain timeout passed").isFalse();
        assertThat(output()).isEmpty();
        assertThat(journal.messages()).isEmpty();
    }

    @Test
    void aDelayedReplyHoldsBackTheRepliesThatFollowIt() {
        connect(Settings.DEFAULTS, scenario(new Rule("slow-mail", Trigger.MAIL, Match.ANY,
                new Action(null, null, 3000, null), null)));
        output();

        write("MAIL FROM:<a@example.org>\r\nRCPT TO:<r@example.org>\r\nNOOP\r\n");
        assertThat(output()).isEmpty();
        channel.advanceTimeBy(2999, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(output()).isEmpty();
        write("VRFY x\r\n");
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(replies()).containsExactly("250 2.1.0 Ok", "250 2.1.5 Ok", "250 2.0.0 Ok", "252 2.0.0 Cannot VRFY user,"
                + " but will accept message and attempt delivery");
    }

    @Test
    void idleTimeoutSends421AndClosesAfterTheDrain() {
        connect(Settings.DEFAULTS.withIdleTimeout(Duration.ofMinutes(5)).withDrainTimeout(Duration.ofSeconds(2)),
                Director.NONE);
        assertThat(replies()).containsExactly(GREETING);

        channel.advanceTimeBy(4, TimeUnit.MINUTES);
        channel.runScheduledPendingTasks();
        write("NOOP\r\n"); // activity restarts the clock
        assertThat(replies()).containsExactly("250 2.0.0 Ok");
        channel.advanceTimeBy(4, TimeUnit.MINUTES);
        channel.runScheduledPendingTasks();
        assertThat(output()).isEmpty();

        channel.advanceTimeBy(1, TimeUnit.MINUTES);
        channel.runScheduledPendingTasks();

        assertThat(replies()).containsExactly("421 4.4.2 localhost Error: timeout exceeded");
        assertThat(journal.sessions().get(0).end()).isEqualTo(SessionEnd.SERVER_CLOSED);
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void overTheConnectionLimitTheGreetingIs421() {
        AtomicInteger active = new AtomicInteger(1);
        connect(Settings.DEFAULTS.withMaxConnections(1), Director.NONE, active);

        assertThat(replies()).containsExactly("421 4.7.0 localhost Error: too many connections");
        write("EHLO client.test\r\n");
        assertThat(output()).isEmpty();
        assertThat(active.get()).as("a draining connection holds no slot").isEqualTo(1);
        assertThat(channel.isOpen()).isTrue();

        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(active.get()).as("counted once only").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"STARTTLS", "AUTH PLAIN", "FOO"})
    void unsupportedCommandsKeepTheSessionOpen(String command) {
        connect();

        write(command + "\r\nNOOP\r\n");

        assertThat(replies()).hasSize(2).last().isEqualTo("250 2.0.0 Ok");
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void anIdleRuleCountsTheSilenceFromTheDelayedGreetingAndFiresOnTime() {
        connect(Settings.DEFAULTS.withIdleTimeout(Duration.ofSeconds(5)), new ScenarioRuntime(
                dev.smtpdouble.scenario.ScenarioLoader.parse("""
                        rules:
                          - on: connect
                            delay: 500ms
                          - on: idle
                            after: 300ms
                            reply: 421 4.4.2 Timeout exceeded
                        """, "t.yaml")));
        assertThat(replies()).isEmpty();
        channel.advanceTimeBy(500, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(replies()).containsExactly(GREETING);

        channel.advanceTimeBy(299, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(output()).isEmpty();
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(replies()).containsExactly("421 4.4.2 Timeout exceeded");
    }
}
