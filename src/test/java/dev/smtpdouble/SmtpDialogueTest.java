package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.journal.SessionEnd;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.scenario.Action;
import dev.smtpdouble.scenario.IntRange;
import dev.smtpdouble.scenario.Match;
import dev.smtpdouble.scenario.Rule;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.Scenarios;
import dev.smtpdouble.scenario.Trigger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dialogues with a running server over a real loopback socket, the way an SMTP client sees it. */
class SmtpDialogueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private SmtpDouble start(SmtpDouble.Builder builder) {
        SmtpDouble server = builder.start();
        toClose.add(server);
        return server;
    }

    private Client connect(SmtpDouble server) throws IOException {
        Client client = new Client(server.host(), server.port());
        toClose.add(client);
        return client;
    }

    private static Scenario scenario(Rule... rules) {
        return new Scenario("t", "", s -> s, List.of(rules), Scenario.DEFAULT_STATE, 0);
    }

    private static Rule shutdownOnSecondRcpt() {
        Match second = Match.builder().occurrence(IntRange.exactly(2)).build();
        return new Rule("r", Trigger.RCPT, second,
                new Action(Reply.of(421, "4.3.2", "System shutting down"), null, 0, null), null);
    }

    @Test
    void fullSessionTranscript() throws IOException {
        SmtpDouble server = start(SmtpDouble.builder().hostname("mx.test"));
        Client client = connect(server);

        assertThat(client.reply()).isEqualTo("220 mx.test ESMTP");
        client.send("EHLO client.test\r\n");
        assertThat(client.reply()).isEqualTo("250-mx.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
                + "250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250 SMTPUTF8");
        client.send("MAIL FROM:<sender@example.org>\r\n");
        assertThat(client.reply()).isEqualTo("250 2.1.0 Ok");
        client.send("RCPT TO:<rcpt@example.org>\r\n");
        assertThat(client.reply()).isEqualTo("250 2.1.5 Ok");
        client.send("DATA\r\n");
        assertThat(client.reply()).isEqualTo("354 End data with <CR><LF>.<CR><LF>");
        client.send("Subject: over a socket\r\n\r\nHello.\r\n.\r\n");
        assertThat(client.reply()).isEqualTo("250 2.0.0 Ok: queued as 0000000001");
        client.send("QUIT\r\n");
        assertThat(client.reply()).isEqualTo("221 2.0.0 Bye");
        assertThat(client.atEof()).isTrue();

        SessionRecord session = server.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.end()).isEqualTo(SessionEnd.CLIENT_QUIT);
        assertThat(session.remoteAddress()).startsWith("127.0.0.1:");
        assertThat(session.commands()).containsExactly("EHLO client.test", "MAIL FROM:<sender@example.org>",
                "RCPT TO:<rcpt@example.org>", "DATA", "QUIT");
        assertThat(session.replyCodes()).containsExactly(220, 250, 250, 250, 354, 250, 221);
        ReceivedMessage message = server.journal().awaitMessages(1, WAIT).get(0);
        assertThat(message.sessionId()).isEqualTo(session.id());
        assertThat(message.rawText()).isEqualTo("Subject: over a socket\r\n\r\nHello.\r\n");
        assertThat(message.envelope().sender()).isEqualTo("sender@example.org");
        assertThat(message.envelope().recipientAddresses()).containsExactly("rcpt@example.org");
    }

    @Test
    void pipelinedBatchInOneWriteIsAnsweredInOrder() throws IOException {
        SmtpDouble server = start(SmtpDouble.builder());
        Client client = connect(server);
        client.reply();

        client.send("EHLO client.test\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<r1@example.org>\r\n"
                + "RCPT TO:<x@y..z>\r\nRCPT TO:<r2@example.org>\r\nDATA\r\nSubject: batch\r\n\r\nbody\r\n.\r\n"
                + "MAIL FROM:<b@example.org>\r\nRCPT TO:<r3@example.org>\r\nDATA\r\nsecond\r\n.\r\nQUIT\r\n");

        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            codes.add(client.reply().substring(0, 3));
        }
        assertThat(codes).containsExactly("250", "250", "250", "501", "250", "354", "250", "250", "250", "354", "250");
        assertThat(client.reply()).isEqualTo("221 2.0.0 Bye");
        assertThat(client.atEof()).isTrue();
        assertThat(server.journal().awaitMessages(2, WAIT)).extracting(m -> m.envelope().recipientAddresses())
                .containsExactly(List.of("r1@example.org", "r2@example.org"), List.of("r3@example.org"));
    }

    @Test
    void afterA421TheClientGetsNoFurtherReplyAndSeesEof() throws IOException {
        // A long drain, so that the client's late writes surely reach a server that still reads and discards.
        SmtpDouble server = start(SmtpDouble.builder().drainTimeout(Duration.ofSeconds(30))
                .scenario(scenario(shutdownOnSecondRcpt())));
        Client client = connect(server);
        client.reply();

        client.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<r1@example.org>\r\nRCPT TO:<r2@example.org>\r\n"
                + "DATA\r\nbody\r\n.\r\n");

        assertThat(client.reply()).isEqualTo("250 2.1.0 Ok");
        assertThat(client.reply()).isEqualTo("250 2.1.5 Ok");
        assertThat(client.reply()).isEqualTo("421 4.3.2 System shutting down");
        // The server half-closed: the client may still write (a wrong client does), and is not reset.
        client.send("RSET\r\nQUIT\r\n");
        assertThat(client.atEof()).as("no reply after the 421, then end of stream").isTrue();

        SessionRecord session = server.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.end()).isEqualTo(SessionEnd.SERVER_CLOSED);
        assertThat(session.commands()).containsExactly("MAIL FROM:<a@example.org>", "RCPT TO:<r1@example.org>",
                "RCPT TO:<r2@example.org>");
        assertThat(session.replies().get(3).toString()).isEqualTo("421 4.3.2 System shutting down");
        assertThat(session.transcript().get(session.transcript().size() - 1).toString()).endsWith("[rule 'r']");
        assertThat(server.journal().messages()).isEmpty();
        assertThat(server.ruleFirings()).containsEntry("r", 1);
    }

    @Test
    void gracefulCloseSends421ToAnIdleClient() throws Exception {
        SmtpDouble server = start(SmtpDouble.builder());
        Client client = connect(server);
        assertThat(client.reply()).startsWith("220 ");
        client.send("EHLO client.test\r\n");
        client.reply();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

        assertThat(client.reply()).isEqualTo("421 4.3.2 Service not available, closing transmission channel");
        assertThat(client.atEof()).isTrue();
        client.close();
        closing.get(10, TimeUnit.SECONDS);
        SessionRecord session = server.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.end()).isEqualTo(SessionEnd.SERVER_CLOSED);
        assertThat(session.replyCodes()).containsExactly(220, 250, 421);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hang-at-data", "delayed-421"})
    void gracefulCloseReachesAHangingSessionAndOneWaitingOutADelay(String which) throws Exception {
        Scenario scenario = which.equals("hang-at-data") ? Scenarios.load("hang-at-data") : Scenarios.fromYaml("""
                rules:
                  - on: data
                    delay: 30s
                    reply: 421 4.3.2 Going down later
                """, "delayed-421.yaml");
        SmtpDouble server = start(SmtpDouble.builder().scenario(scenario));
        Client client = connect(server);
        client.reply();
        client.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<r@example.org>\r\nDATA\r\n");
        assertThat(client.reply()).isEqualTo("250 2.1.0 Ok");
        assertThat(client.reply()).isEqualTo("250 2.1.5 Ok");
        server.journal().awaitSession(s -> s.commands().contains("DATA"), WAIT);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

        assertThat(client.reply()).isEqualTo("421 4.3.2 Service not available, closing transmission channel");
        assertThat(client.atEof()).isTrue();
        client.close();
        closing.get(10, TimeUnit.SECONDS);
        assertThat(server.journal().awaitEndedSessions(1, WAIT).get(0).end()).isEqualTo(SessionEnd.SERVER_CLOSED);
    }

    @Test
    void aHangingSessionIsClosedByTheServerAtTheIdleTimeout() throws Exception {
        SmtpDouble server = start(SmtpDouble.builder().idleTimeout(Duration.ofMillis(300))
                .scenario(Scenarios.load("hang-at-data")));
        Client client = connect(server);
        client.reply();
        client.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<r@example.org>\r\nDATA\r\n");
        client.reply();
        client.reply();

        assertThat(client.atEof()).as("no reply to DATA, then the server closes").isTrue();
        assertThat(server.journal().awaitEndedSessions(1, WAIT).get(0).end()).isEqualTo(SessionEnd.SERVER_CLOSED);
    }

    @Test
    void gracefulCloseRefusesNewConnections() throws Exception {
        SmtpDouble server = start(SmtpDouble.builder());
        String host = server.host();
        int port = server.port();

        server.close();

        assertThat(canConnect(host, port)).isFalse();
    }

    @Test
    void connectionOverTheLimitGets421ThenEof() throws IOException {
        SmtpDouble server = start(SmtpDouble.builder().maxConnections(1));
        Client first = connect(server);
        assertThat(first.reply()).isEqualTo("220 localhost ESMTP");

        Client second = connect(server);

        assertThat(second.reply()).isEqualTo("421 4.7.0 localhost Error: too many connections");
        assertThat(second.atEof()).isTrue();
        second.close();
        first.send("NOOP\r\n");
        assertThat(first.reply()).isEqualTo("250 2.0.0 Ok");

        SessionRecord refused = server.journal().awaitSession(r -> r.connectionNumber() == 2 && r.end() != null, WAIT);
        assertThat(refused.end()).isEqualTo(SessionEnd.SERVER_CLOSED);
        assertThat(refused.replyCodes()).containsExactly(421);
    }

    @Test
    void journalRecordsHowEachSessionEnded() throws IOException {
        SmtpDouble server = start(SmtpDouble.builder().scenario(scenario(shutdownOnSecondRcpt())));

        Client quitting = connect(server);
        quitting.reply();
        quitting.send("QUIT\r\n");
        quitting.reply();

        Client vanishing = connect(server);
        vanishing.reply();
        vanishing.send("NOOP\r\n");
        vanishing.reply();
        vanishing.close();

        Client shutOut = connect(server);
        shutOut.reply();
        shutOut.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<r1@example.org>\r\nRCPT TO:<r2@example.org>\r\n");
        shutOut.reply();
        shutOut.reply();
        assertThat(shutOut.reply()).startsWith("421");
        shutOut.close();

        List<SessionRecord> sessions = server.journal().awaitEndedSessions(3, WAIT);
        assertThat(sessions).extracting(SessionRecord::connectionNumber, SessionRecord::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, SessionEnd.CLIENT_QUIT),
                org.assertj.core.groups.Tuple.tuple(2, SessionEnd.CLIENT_CLOSED),
                org.assertj.core.groups.Tuple.tuple(3, SessionEnd.SERVER_CLOSED));
        assertThat(sessions).allSatisfy(s -> assertThat(s.endedAt()).isAfterOrEqualTo(s.startedAt()));
        assertThat(server.journal().openSessions()).isZero();
    }

    @Test
    void storedThenResetKeepsTheMessageAndResetsTheConnectionBeforeThe250() throws IOException {
        SmtpDouble server = start(SmtpDouble.builder().scenario(Scenarios.load("stored-then-reset")));

        Client first = connect(server);
        first.reply();
        first.send("EHLO client.test\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<r@example.org>\r\nDATA\r\n");
        first.reply();
        first.reply();
        first.reply();
        assertThat(first.reply()).startsWith("354 ");
        first.send("Subject: once\r\n\r\nHello\r\n.\r\n");

        assertThatThrownBy(first::reply).as("no 250: the connection is reset")
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(java.net.SocketException.class)
                .hasMessageContaining("reset");
        List<ReceivedMessage> stored = server.journal().awaitMessages(1, WAIT);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).rawText()).isEqualTo("Subject: once\r\n\r\nHello\r\n");
        SessionRecord session = server.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.end()).isEqualTo(SessionEnd.SERVER_RESET);
        assertThat(session.replyCodes()).as("the final dot is never answered").containsExactly(220, 250, 250, 250, 354);

        Client retry = connect(server);
        retry.reply();
        retry.send("HELO client.test\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<r@example.org>\r\nDATA\r\n"
                + "Subject: once\r\n\r\nHello\r\n.\r\n");
        retry.reply();
        retry.reply();
        retry.reply();
        retry.reply();
        assertThat(retry.reply()).as("the rule fires once: the retry is accepted").startsWith("250 2.0.0 Ok: queued as");
        assertThat(server.journal().awaitMessages(2, WAIT)).as("the same message, twice").hasSize(2)
                .extracting(ReceivedMessage::rawText).containsOnly("Subject: once\r\n\r\nHello\r\n");
    }

    private static boolean canConnect(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** A bare SMTP client: writes what it is told, reads one reply at a time. */
    static final class Client implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Client(String host, int port) throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void send(String text) {
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** One reply, all its lines joined by CRLF, without the final CRLF; null at end of stream. */
        String reply() {
            StringBuilder reply = new StringBuilder();
            while (true) {
                String line = line();
                if (line == null) {
                    assertThat(reply).as("end of stream inside a multi-line reply").isEmpty();
                    return null;
                }
                reply.append(reply.length() == 0 ? "" : "\r\n").append(line);
                if (line.length() < 4 || line.charAt(3) != '-') {
                    return reply.toString();
                }
            }
        }

        private String line() {
            try {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) != -1) {
                    if (b == '\n') {
                        String text = line.toString(StandardCharsets.UTF_8);
                        assertThat(text).as("reply line ends with CRLF").endsWith("\r");
                        return text.substring(0, text.length() - 1);
                    }
                    line.write(b);
                }
                assertThat(line.size()).as("bytes after the last line").isZero();
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Whether the server sends nothing more and closes its side. */
        boolean atEof() {
            try {
                return in.read() == -1;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
