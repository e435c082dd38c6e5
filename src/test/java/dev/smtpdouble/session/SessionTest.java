package dev.smtpdouble.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.journal.ReceivedMessage;
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
import dev.smtpdouble.scenario.Then;
import dev.smtpdouble.scenario.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The session state machine on its own: commands in, outcomes out, no sockets. */
class SessionTest {

    private Journal journal;
    private Session session;

    private Session open(Settings settings, Director director) {
        journal = new Journal();
        session = new Session(settings, director, journal.openSession(1, "test"), 1, new QueueIds());
        Outcome greeting = session.open(false);
        assertThat(greeting.reply().code()).isEqualTo(220);
        return session;
    }

    private Session open() {
        return open(Settings.DEFAULTS, Director.NONE);
    }

    /** Sends each command and returns the rendered first line of each reply (without CRLF). */
    private List<String> send(String... commands) {
        return Arrays.stream(commands).map(this::reply).toList();
    }

    private String reply(String command) {
        Outcome outcome = session.command(command);
        return outcome.reply() == null ? null : firstLine(outcome.reply());
    }

    private static String firstLine(Reply reply) {
        String rendered = reply.render();
        return rendered.substring(0, rendered.indexOf("\r\n"));
    }

    private Outcome content(String line) {
        return session.content(line.getBytes(StandardCharsets.UTF_8), false, false);
    }

    @Test
    void aControlCharacterInAParameterNameIsEchoedSafely() {
        open();

        assertThat(reply("MAIL FROM:<a@example.org> X\rY")).isEqualTo("555 5.5.4 Unsupported option: X?Y");
        assertThat(session.isFinished()).isFalse();
    }

    @Test
    void greetsWith220AndTheHostname() {
        Session s = new Session(Settings.DEFAULTS.withHostname("mx.test"), Director.NONE,
                new Journal().openSession(1, "test"), 1, new QueueIds());

        Outcome outcome = s.open(false);

        assertThat(outcome.reply().render()).isEqualTo("220 mx.test ESMTP\r\n");
        assertThat(outcome.then()).isEqualTo(Then.CONTINUE);
        assertThat(s.isFinished()).isFalse();
    }

    @Test
    void overTheConnectionLimitGreetsWith421AndCloses() {
        Session s = new Session(Settings.DEFAULTS, Director.NONE, new Journal().openSession(1, "test"), 1,
                new QueueIds());

        Outcome outcome = s.open(true);

        assertThat(outcome.reply().render()).isEqualTo("421 4.7.0 localhost Error: too many connections\r\n");
        assertThat(outcome.then()).isEqualTo(Then.CLOSE);
        assertThat(s.isFinished()).isTrue();
        assertThat(s.command("EHLO client.test")).isEqualTo(Outcome.NONE);
    }

    @Test
    void ehloAdvertisesTheExtensions() {
        open(Settings.DEFAULTS.withMaxMessageSize(2048), Director.NONE);

        Reply reply = session.command("EHLO client.test").reply();

        assertThat(reply.code()).isEqualTo(250);
        assertThat(reply.lines()).containsExactly("localhost", "PIPELINING", "SIZE 2048", "ENHANCEDSTATUSCODES",
                "8BITMIME", "DSN", "SMTPUTF8");
        assertThat(reply.render()).startsWith("250-localhost\r\n250-PIPELINING\r\n").endsWith("250 SMTPUTF8\r\n");
    }

    @Test
    void hiddenAndExtraExtensionsChangeTheEhloLines() {
        open(Settings.DEFAULTS.withExtensions(List.of("pipelining", "DSN"), List.of("AUTH PLAIN")), Director.NONE);

        assertThat(session.command("EHLO client.test").reply().lines())
                .containsExactly("localhost", "SIZE 10240000", "ENHANCEDSTATUSCODES", "8BITMIME", "SMTPUTF8",
                        "AUTH PLAIN");
    }

    @Test
    void heloAnswersWithTheHostnameOnly() {
        open();
        assertThat(session.command("HELO client.test").reply().render()).isEqualTo("250 localhost\r\n");
    }

    /** The reply to one command in a session that has just said EHLO. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            EHLO                       | 501 5.5.4 Syntax: EHLO hostname
            'EHLO    '                 | 501 5.5.4 Syntax: EHLO hostname
            HELO                       | 501 5.5.4 Syntax: HELO hostname
            ehlo client.test           | 250-localhost
            RCPT TO:<rcpt@example.org> | 503 5.5.1 Error: need MAIL command
            DATA                       | 503 5.5.1 Error: need MAIL command
            DATA now                   | 501 5.5.4 Syntax: DATA
            RSET                       | 250 2.0.0 Ok
            RSET now                   | 501 5.5.4 Syntax: RSET
            NOOP                       | 250 2.0.0 Ok
            NOOP anything              | 250 2.0.0 Ok
            VRFY postmaster            | 252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery
            VRFY                       | 501 5.5.4 Syntax: VRFY address
            HELP                       | 214 2.0.0 Commands: EHLO HELO MAIL RCPT DATA RSET NOOP VRFY HELP QUIT
            QUIT                       | 221 2.0.0 Bye
            FOO bar                    | 500 5.5.2 Error: command not recognized
            ''                         | 500 5.5.2 Error: command not recognized
            ' NOOP'                    | 500 5.5.2 Error: command not recognized
            STARTTLS                   | 502 5.5.1 Error: command not implemented
            AUTH PLAIN AGFAYg==        | 502 5.5.1 Error: command not implemented
            EXPN staff                 | 502 5.5.1 Error: command not implemented
            BDAT 10 LAST               | 502 5.5.1 Error: command not implemented
            MAIL FROM:<a@example.org>  | 250 2.1.0 Ok
            mail from:<a@example.org>  | 250 2.1.0 Ok
            MAIL FROM:<>               | 250 2.1.0 Ok
            MAIL FROM:<a@x..y>         | 501 5.1.7 Bad sender address syntax
            MAIL TO:<a@example.org>    | 501 5.5.4 Syntax: MAIL FROM:<address>
            MAIL FROM:<a@b> SIZE=abc   | 501 5.5.4 Bad SIZE parameter syntax
            MAIL FROM:<a@b> FOO=1      | 555 5.5.4 Unsupported option: FOO
            """)
    void answersOneCommand(String command, String expected) {
        open();
        session.command("EHLO client.test");

        assertThat(reply(command)).isEqualTo(expected);
    }

    /** Commands in order, and the code and status of each reply. */
    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("RCPT before MAIL",
                        List.of("RCPT TO:<r@example.org>"), List.of("503 5.5.1")),
                Arguments.of("nested MAIL",
                        List.of("MAIL FROM:<a@example.org>", "MAIL FROM:<b@example.org>"),
                        List.of("250 2.1.0", "503 5.5.1")),
                Arguments.of("DATA before MAIL",
                        List.of("DATA"), List.of("503 5.5.1")),
                Arguments.of("DATA without any RCPT",
                        List.of("MAIL FROM:<a@example.org>", "DATA"), List.of("250 2.1.0", "503 5.5.1")),
                Arguments.of("DATA when every RCPT was rejected",
                        List.of("MAIL FROM:<a@example.org>", "RCPT TO:<x@y..z>", "RCPT TO:<>", "DATA"),
                        List.of("250 2.1.0", "501 5.1.3", "501 5.1.3", "554 5.5.1")),
                Arguments.of("DATA with one good RCPT among bad ones",
                        List.of("MAIL FROM:<a@example.org>", "RCPT TO:<x@y..z>", "RCPT TO:<r@example.org>", "DATA"),
                        List.of("250 2.1.0", "501 5.1.3", "250 2.1.5", "354")),
                Arguments.of("a rejected MAIL opens no transaction",
                        List.of("MAIL FROM:<a@x..y>", "RCPT TO:<r@example.org>", "MAIL FROM:<a@example.org>"),
                        List.of("501 5.1.7", "503 5.5.1", "250 2.1.0")),
                Arguments.of("RSET clears the transaction",
                        List.of("MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>", "RSET", "RCPT TO:<r@example.org>",
                                "DATA", "MAIL FROM:<a@example.org>"),
                        List.of("250 2.1.0", "250 2.1.5", "250 2.0.0", "503 5.5.1", "503 5.5.1", "250 2.1.0")),
                Arguments.of("EHLO again clears the transaction",
                        List.of("MAIL FROM:<a@example.org>", "EHLO again.test", "RCPT TO:<r@example.org>",
                                "MAIL FROM:<a@example.org>"),
                        List.of("250 2.1.0", "250", "503 5.5.1", "250 2.1.0")),
                Arguments.of("NOOP, VRFY and HELP keep the transaction",
                        List.of("MAIL FROM:<a@example.org>", "NOOP", "VRFY x", "HELP", "RCPT TO:<r@example.org>"),
                        List.of("250 2.1.0", "250 2.0.0", "252 2.0.0", "214 2.0.0", "250 2.1.5")),
                Arguments.of("a rejected EHLO keeps the transaction",
                        List.of("MAIL FROM:<a@example.org>", "EHLO", "RCPT TO:<r@example.org>"),
                        List.of("250 2.1.0", "501 5.5.4", "250 2.1.5")),
                Arguments.of("SIZE over the limit at MAIL",
                        List.of("MAIL FROM:<a@example.org> SIZE=10240001", "RCPT TO:<r@example.org>",
                                "MAIL FROM:<a@example.org> SIZE=10240000"),
                        List.of("552 5.3.4", "503 5.5.1", "250 2.1.0")),
                Arguments.of("a huge SIZE is over the limit, not an error",
                        List.of("MAIL FROM:<a@example.org> SIZE=99999999999999999999"),
                        List.of("552 5.3.4")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("sequences")
    void sequencing(String name, List<String> commands, List<String> expected) {
        open();
        session.command("EHLO client.test");

        List<String> replies = send(commands.toArray(String[]::new));

        assertThat(replies).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(replies.get(i)).as("reply to %s", commands.get(i)).startsWith(expected.get(i));
        }
    }

    @Test
    void recipientLimitGives452AndKeepsTheAcceptedOnes() {
        open(Settings.DEFAULTS.withMaxRecipients(2), Director.NONE);

        assertThat(send("MAIL FROM:<a@example.org>", "RCPT TO:<r1@example.org>", "RCPT TO:<r2@example.org>",
                "RCPT TO:<r3@example.org>", "DATA"))
                .containsExactly("250 2.1.0 Ok", "250 2.1.5 Ok", "250 2.1.5 Ok",
                        "452 4.5.3 Error: too many recipients",
                        "354 End data with <CR><LF>.<CR><LF>");
        content("x\r\n");
        session.endOfData();

        assertThat(journal.messages()).singleElement()
                .satisfies(m -> assertThat(m.envelope().recipientAddresses())
                        .containsExactly("r1@example.org", "r2@example.org"));
    }

    @Test
    void acceptsAMessageAndStoresItWithItsEnvelope() {
        open();
        assertThat(send("EHLO client.test", "MAIL FROM:<sender@example.org> BODY=8BITMIME",
                "RCPT TO:<one@example.org>", "RCPT TO:<two@example.org> NOTIFY=NEVER", "DATA"))
                .endsWith("354 End data with <CR><LF>.<CR><LF>");
        assertThat(session.inputMode()).isEqualTo(InputMode.CONTENT);

        assertThat(content("Subject: hello\r\n")).isEqualTo(Outcome.NONE);
        content("\r\n");
        content("..dot-stuffed\r\n");
        content("body\r\n");
        Outcome end = session.endOfData();

        assertThat(end.reply().render()).isEqualTo("250 2.0.0 Ok: queued as 0000000001\r\n");
        assertThat(session.inputMode()).isEqualTo(InputMode.COMMAND);
        ReceivedMessage message = journal.messages().get(0);
        assertThat(message.id()).isEqualTo("0000000001");
        assertThat(message.rawText()).isEqualTo("Subject: hello\r\n\r\n.dot-stuffed\r\nbody\r\n");
        assertThat(message.bareLineEndings()).isFalse();
        assertThat(message.envelope().sender()).isEqualTo("sender@example.org");
        assertThat(message.envelope().mailParameters()).containsEntry("BODY", "8BITMIME");
        assertThat(message.envelope().recipientAddresses()).containsExactly("one@example.org", "two@example.org");
        assertThat(message.envelope().recipients().get(1).parameters()).containsEntry("NOTIFY", "NEVER");

        // The transaction is over: a new one may start, and the next message gets the next id.
        send("MAIL FROM:<>", "RCPT TO:<one@example.org>", "DATA");
        content("again\r\n");
        assertThat(firstLine(session.endOfData().reply())).isEqualTo("250 2.0.0 Ok: queued as 0000000002");
        assertThat(journal.messages().get(1).envelope().sender()).isEmpty();
    }

    @Test
    void bareLineEndingsAreKeptAndFlagged() {
        open();
        send("MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>", "DATA");

        session.content("a\n.\nb\r\n".getBytes(StandardCharsets.US_ASCII), true, false);
        session.endOfData();

        ReceivedMessage message = journal.messages().get(0);
        assertThat(message.rawText()).isEqualTo("a\n.\nb\r\n");
        assertThat(message.bareLineEndings()).isTrue();
    }

    @Test
    void bodyOverTheLimitGets552AtTheFinalDotAndIsNotStored() {
        open(Settings.DEFAULTS.withMaxMessageSize(100), Director.NONE);
        send("MAIL FROM:<a@example.org> SIZE=90", "RCPT TO:<r@example.org>", "DATA");

        for (int i = 0; i < 5; i++) {
            assertThat(content("x".repeat(30) + "\r\n")).isEqualTo(Outcome.NONE);
        }
        Outcome end = session.endOfData();

        assertThat(end.reply().render()).isEqualTo("552 5.3.4 Message size exceeds fixed limit\r\n");
        assertThat(end.then()).isEqualTo(Then.CONTINUE);
        assertThat(journal.messages()).isEmpty();
        assertThat(send("RCPT TO:<r@example.org>", "MAIL FROM:<a@example.org>"))
                .as("the transaction is over")
                .containsExactly("503 5.5.1 Error: need MAIL command", "250 2.1.0 Ok");
    }

    @Test
    void bodyExactlyAtTheLimitIsAccepted() {
        open(Settings.DEFAULTS.withMaxMessageSize(100), Director.NONE);
        send("MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>", "DATA");

        content("." + "x".repeat(48) + "\r\n"); // the stuffing dot does not count
        content("y".repeat(48) + "\r\n");

        assertThat(session.endOfData().reply().code()).isEqualTo(250);
        assertThat(journal.messages().get(0).size()).isEqualTo(100);
    }

    @Test
    void overlongTextLineGets500AtTheFinalDot() {
        open();
        send("MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>", "DATA");

        session.content("x".repeat(1000).getBytes(StandardCharsets.US_ASCII), false, true);
        content("rest\r\n");

        assertThat(firstLine(session.endOfData().reply()))
                .isEqualTo("500 5.5.2 Error: message contains a line longer than the limit");
        assertThat(journal.messages()).isEmpty();
    }

    @Test
    void contentOutsideDataIsIgnored() {
        open();
        assertThat(content("stray\r\n")).isEqualTo(Outcome.NONE);
        assertThat(session.endOfData()).isEqualTo(Outcome.NONE);
        assertThat(journal.messages()).isEmpty();
    }

    @Test
    void overlongAndBadlyEncodedLinesGet500AndTheSessionGoesOn() {
        open();

        assertThat(firstLine(session.overlongCommand().reply())).isEqualTo("500 5.5.2 Error: line too long");
        assertThat(firstLine(session.badEncoding("NOOP \uFFFD").reply())).isEqualTo("500 5.5.2 Error: bad UTF-8 syntax");
        assertThat(reply("NOOP")).isEqualTo("250 2.0.0 Ok");
        assertThat(session.isFinished()).isFalse();
    }

    @Test
    void quitAnswers221AndEndsTheSession() {
        open();

        Outcome outcome = session.command("QUIT");

        assertThat(outcome.reply().render()).isEqualTo("221 2.0.0 Bye\r\n");
        assertThat(outcome.then()).isEqualTo(Then.QUIT);
        assertThat(session.isFinished()).isTrue();
        assertThat(session.command("NOOP")).isEqualTo(Outcome.NONE);
        assertThat(session.shutdown()).isEqualTo(Outcome.NONE);
    }

    @Test
    void shutdownSends421AndCloses() {
        open();
        send("MAIL FROM:<a@example.org>");

        Outcome outcome = session.shutdown();

        assertThat(outcome.reply().render())
                .isEqualTo("421 4.3.2 Service not available, closing transmission channel\r\n");
        assertThat(outcome.then()).isEqualTo(Then.CLOSE);
        assertThat(session.isFinished()).isTrue();
        assertThat(session.command("RCPT TO:<r@example.org>")).isEqualTo(Outcome.NONE);
    }

    @Test
    void shutdownDuringDataStopsTakingContent() {
        open();
        send("MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>", "DATA");

        session.shutdown();

        assertThat(session.inputMode()).isEqualTo(InputMode.COMMAND);
        assertThat(content("x\r\n")).isEqualTo(Outcome.NONE);
        assertThat(session.endOfData()).isEqualTo(Outcome.NONE);
        assertThat(journal.messages()).isEmpty();
    }

    @Test
    void internalErrorSends421AndCloses() {
        open();
        Outcome outcome = session.internalError();
        assertThat(firstLine(outcome.reply())).isEqualTo("421 4.3.0 Error: internal error, closing connection");
        assertThat(outcome.then()).isEqualTo(Then.CLOSE);
    }

    @Test
    void idleTimeoutSends421OnlyOnceTheTimeoutPassed() {
        open(Settings.DEFAULTS.withIdleTimeout(Duration.ofSeconds(30)), Director.NONE);

        assertThat(session.idle(29_999)).isEqualTo(Outcome.NONE);
        Outcome outcome = session.idle(30_000);

        assertThat(outcome.reply().render()).isEqualTo("421 4.4.2 localhost Error: timeout exceeded\r\n");
        assertThat(outcome.then()).isEqualTo(Then.CLOSE);
        assertThat(session.isFinished()).isTrue();
    }

    @Test
    void journalTranscriptHoldsTheCommandsAsSent() {
        open();
        send("EHLO client.test", "MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>", "DATA");
        content("not a command\r\n");
        session.endOfData();
        session.overlongCommand();
        session.badEncoding("NOOP \uFFFD");
        send("quit");

        SessionRecord record = journal.sessions().get(0);
        assertThat(record.commands()).containsExactly("EHLO client.test", "MAIL FROM:<a@example.org>",
                "RCPT TO:<r@example.org>", "DATA", "(line longer than 512 octets)", "NOOP \uFFFD", "quit");
        assertThat(record.connectionNumber()).isEqualTo(1);
        assertThat(record.remoteAddress()).isEqualTo("test");
        // The replies are recorded by the connection when they actually go out, not by the session.
        assertThat(record.replies()).isEmpty();
        assertThat(record.isOpen()).isTrue();
    }

    @Nested
    class UnderAScenario {

        private Session openWith(Rule... rules) {
            Scenario scenario = new Scenario("t", "", s -> s, List.of(rules), Scenario.DEFAULT_STATE, 0);
            return open(Settings.DEFAULTS, new ScenarioRuntime(scenario));
        }

        private Match occurrence(int n) {
            return Match.builder().occurrence(IntRange.exactly(n)).build();
        }

        @Test
        void a421RuleClosesTheSessionAndNamesTheRule() {
            openWith(new Rule("second-rcpt", Trigger.RCPT, occurrence(2),
                    new Action(Reply.of(421, "4.3.2", "System shutting down"), null, 0, null), null));
            send("MAIL FROM:<a@example.org>", "RCPT TO:<r1@example.org>");

            Outcome outcome = session.command("RCPT TO:<r2@example.org>");

            assertThat(outcome).isEqualTo(new Outcome(Reply.of(421, "4.3.2", "System shutting down"), Then.CLOSE, 0,
                    "second-rcpt"));
            assertThat(session.isFinished()).isTrue();
            assertThat(session.command("DATA")).isEqualTo(Outcome.NONE);
        }

        @Test
        void aRuleRejectingTheOnlyRecipientLeavesNoneAccepted() {
            openWith(new Rule("reject", Trigger.RCPT, Match.ANY,
                    new Action(Reply.of(501, "5.1.3", "Bad recipient address syntax"), null, 0, null), null));

            assertThat(send("MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>", "DATA"))
                    .containsExactly("250 2.1.0 Ok", "501 5.1.3 Bad recipient address syntax",
                            "554 5.5.1 Error: no valid recipients");
        }

        @Test
        void aRuleAcceptingAMalformedSenderOpensTheTransaction() {
            openWith(new Rule("accept", Trigger.MAIL, Match.ANY,
                    new Action(Reply.of(250, "2.1.0", "Ok"), null, 0, null), null));

            assertThat(send("MAIL FROM:<a@x..y>", "RCPT TO:<r@example.org>"))
                    .containsExactly("250 2.1.0 Ok", "250 2.1.5 Ok");
        }

        @Test
        void aDelayIsPartOfTheOutcome() {
            openWith(new Rule("slow", Trigger.MAIL, Match.ANY, new Action(null, null, 1500, null), null));

            Outcome outcome = session.command("MAIL FROM:<a@example.org>");

            assertThat(outcome.delayMillis()).isEqualTo(1500);
            assertThat(firstLine(outcome.reply())).isEqualTo("250 2.1.0 Ok");
            assertThat(outcome.rule()).isEqualTo("slow");
        }
    
        private Session openWithYaml(String yaml) {
            return open(Settings.DEFAULTS.withIdleTimeout(java.time.Duration.ofSeconds(1)),
                    new ScenarioRuntime(dev.smtpdouble.scenario.ScenarioLoader.parse(yaml, "t.yaml")));
        }

        @Test
        void anAcceptedMessageIsStoredEvenWhenTheRuleThenDropsTheConnection() {
            openWithYaml("""
                    rules:
                      - on: message
                        reply: 250 2.0.0 Ok queued
                        action: close
                    """);
            send("MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>", "DATA");
            content("Subject: x\r\n");

            Outcome outcome = session.endOfData();

            assertThat(outcome.then()).isEqualTo(Then.CLOSE);
            assertThat(journal.messages()).as("the client was told 250: the message is there").hasSize(1);
        }

        @Test
        void acceptStoresTheMessageAlthoughTheResetSendsNoReply() {
            openWithYaml("""
                    rules:
                      - on: message
                        accept: true
                        action: reset
                    """);
            send("MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>", "DATA");
            content("Subject: x\r\n");

            Outcome outcome = session.endOfData();

            assertThat(outcome.reply()).isNull();
            assertThat(outcome.then()).isEqualTo(Then.RESET);
            assertThat(journal.messages()).as("stored before the reset").hasSize(1);
        }

        @Test
        void acceptMakesANegativeReplyTakeEffect() {
            openWithYaml("""
                    rules:
                      - on: mail
                        reply: 451 4.3.0 Try later
                        accept: true
                    """);

            assertThat(send("MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>"))
                    .as("the transaction started although MAIL got 451")
                    .containsExactly("451 4.3.0 Try later", "250 2.1.5 Ok");
        }

        @Test
        void withoutAcceptASilentResetStoresNothing() {
            openWithYaml("""
                    rules:
                      - on: message
                        action: reset
                    """);
            send("MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>", "DATA");
            content("Subject: x\r\n");

            assertThat(session.endOfData().then()).isEqualTo(Then.RESET);
            assertThat(journal.messages()).isEmpty();
        }

        @Test
        void a421ThatWouldHangClosesAllTheSame() {
            openWithYaml("""
                    rules:
                      - on: data
                        reply: 421 4.3.2 System shutting down
                        action: hang
                    """);
            send("MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>");

            assertThat(session.command("DATA").then()).isEqualTo(Then.CLOSE);
        }

        @Test
        void anIdleRuleThatStaysOpenCannotKeepTheIdleTimeoutAway() {
            openWithYaml("""
                    rules:
                      - on: idle
                        after: 200ms
                        reply: 250 2.0.0 still here
                    """);

            assertThat(firstLine(session.idle(200, 0).reply())).isEqualTo("250 2.0.0 still here");
            assertThat(session.idle(400, 200)).as("once per silence").isEqualTo(Outcome.NONE);
            assertThat(firstLine(session.idle(1000, 400).reply())).startsWith("421 4.4.2");
        }

        @Test
        void messagesCountsTheMessagesAcceptedInTheSession() {
            openWithYaml("""
                    rules:
                      - on: idle
                        after: 100ms
                        messages: 1+
                        reply: 421 4.4.2 Timeout exceeded
                    """);
            assertThat(session.idle(100, 0)).as("no message yet").isEqualTo(Outcome.NONE);
            send("MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>", "DATA");
            content("Subject: x\r\n");
            session.endOfData();

            assertThat(firstLine(session.idle(100, 0).reply())).isEqualTo("421 4.4.2 Timeout exceeded");
        }
    }
}
