package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.SessionRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Hostile clients over real sockets, side by side: random bytes and SMTP fragments written in random
 * pieces, connections reset, half-closed or dropped mid-line, replies read or ignored. The server
 * must answer each only with well-formed replies, never an internal error, record every session's
 * end, and still serve a well-behaved client afterwards. Seeded: a failure names its seed.
 */
class NetworkFuzzTest {

    private static final String[] WORDS = {"EHLO x\r\n", "HELO y\r\n", "MAIL FROM:<a@b.test>\r\n", "RCPT TO:<c@d.test>\r\n",
        "DATA\r\n", "RSET\r\n", "NOOP\r\n", "QUIT\r\n", "STARTTLS\r\n", "AUTH PLAIN AGFAYg==\r\n", ".\r\n", "\r\n",
        "\n", "\r", "MAIL FROM:<" + "x".repeat(600) + ">\r\n", "BDAT 5 LAST\r\n", "\u0000\u00ff\u00fe", "é😀"};
    private static final int CLIENTS = 8;
    private static final int CONNECTIONS_EACH = 40;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private enum Ending { QUIT_AND_READ, CLOSE, RESET, HALF_CLOSE, CLOSE_WITHOUT_READING }

    @Test
    void hostileClientsGetWellFormedRepliesAndTheServerGoesOn() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        try (SmtpDouble smtp = SmtpDouble.builder().maxMessageSize(20_000).start()) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Random random = new Random(seed + c);
                runs.add(clients.submit(() -> {
                    for (int i = 0; i < CONNECTIONS_EACH; i++) {
                        oneHostileConnection(smtp, random);
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            clients.shutdown();

            List<SessionRecord> sessions = smtp.journal().awaitEndedSessions(CLIENTS * CONNECTIONS_EACH, WAIT);
            assertThat(sessions).as("seed %d", seed).hasSize(CLIENTS * CONNECTIONS_EACH);
            assertThat(sessions).as("seed %d", seed).allSatisfy(session -> {
                assertThat(session.isOpen()).isFalse();
                assertThat(session.replies()).allSatisfy(reply ->
                        assertThat(reply.toString()).doesNotContain("4.3.0"));
            });
            try (RawSmtpClient client = new RawSmtpClient(smtp)) {
                assertThat(client.reply()).startsWith("220");
                assertThat(client.command("EHLO well.behaved")).startsWith("250");
                assertThat(client.command("MAIL FROM:<a@b.test>")).startsWith("250");
                assertThat(client.command("RCPT TO:<c@d.test>")).startsWith("250");
                assertThat(client.command("DATA")).startsWith("354");
                assertThat(client.command("Subject: after the storm\r\n\r\nstill here\r\n.")).startsWith("250 2.0.0 Ok");
                assertThat(client.command("QUIT")).startsWith("221");
            }
        }
    }

    /**
     * A client that writes a long pipelined batch before it reads anything: the server stops reading
     * while its replies wait (netty.BackPressureTest shows the bound), and every reply still arrives,
     * in order, once the client reads.
     */
    @Test
    void aClientThatReadsOnlyAfterWritingEverythingGetsEveryReply() throws Exception {
        int commands = 200_000;
        try (SmtpDouble smtp = SmtpDouble.start(); Socket socket = new Socket(smtp.host(), smtp.port())) {
            socket.setSoTimeout(30_000);
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<?> written = writer.submit(() -> {
                OutputStream out = socket.getOutputStream();
                out.write(("NOOP\r\n".repeat(commands) + "QUIT\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return null;
            });

            String replies = readAll(socket.getInputStream());

            written.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            writer.shutdown();
            assertThat(replies).startsWith("220 ").endsWith("250 2.0.0 Ok\r\n221 2.0.0 Bye\r\n");
            assertThat(replies.split("250 2.0.0 Ok\r\n", -1)).hasSize(commands + 1);
        }
    }

    private static void oneHostileConnection(SmtpDouble smtp, Random random) throws IOException {
        Ending ending = Ending.values()[random.nextInt(Ending.values().length)];
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(smtp.host(), smtp.port()), 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] input = input(random);
            try {
                for (int at = 0; at < input.length; ) {
                    int piece = 1 + random.nextInt(Math.min(input.length - at, 1 + random.nextInt(300)));
                    out.write(input, at, piece);
                    out.flush();
                    at += piece;
                }
                switch (ending) {
                    case QUIT_AND_READ -> {
                        out.write("\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                        socket.shutdownOutput();
                        assertWellFormed(readAll(socket.getInputStream()));
                    }
                    case HALF_CLOSE -> {
                        socket.shutdownOutput();
                        assertWellFormed(readAll(socket.getInputStream()));
                    }
                    case RESET -> socket.setSoLinger(true, 0);
                    case CLOSE, CLOSE_WITHOUT_READING -> { }
                }
            } catch (SocketException e) {
                // the server closed first (after a 421 or a QUIT in the input): that is allowed
            }
        }
    }

    /** Up to 40 pieces: SMTP lines and fragments, random bytes, long runs without a line end. */
    private static byte[] input(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int pieces = 1 + random.nextInt(40); pieces > 0; pieces--) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                out.writeBytes(WORDS[random.nextInt(WORDS.length)].getBytes(StandardCharsets.UTF_8));
            } else if (kind < 9) {
                byte[] noise = new byte[1 + random.nextInt(64)];
                random.nextBytes(noise);
                out.writeBytes(noise);
            } else {
                out.writeBytes("y".repeat(random.nextInt(3000)).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    /** Everything the server sends until it closes (or a reset ends the stream). */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither answered nor closed within 10 s: " + out, e);
        } catch (SocketException e) {
            // a reset after the server closed with unread input: what came before still counts
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void assertWellFormed(String output) {
        for (String line : output.split("\r\n", -1)) {
            if (!line.isEmpty()) {
                assertThat(line).as(output).matches("[2-5]\\d\\d[ -].*");
            }
        }
        assertThat(output).as("output ends with CRLF").matches("(?s)(.*\r\n)?");
    }
}
