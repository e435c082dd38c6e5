package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.journal.TranscriptEntry;
import dev.smtpdouble.protocol.SyntaxMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AUTH over a real socket: line limits, pipelining, and what the journal keeps. */
class AuthDialogueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private SmtpDouble smtp;
    private RawSmtpClient client;

    @BeforeEach
    void start() throws Exception {
        smtp = SmtpDouble.builder().auth("alice", "s3cret").start();
        client = new RawSmtpClient(smtp);
        assertThat(client.reply()).startsWith("220 ");
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        smtp.close();
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aResponseOverRfc4954sLimitIsRefusedAndTheSessionGoesOn() throws Exception {
        assertThat(client.command("AUTH PLAIN")).isEqualTo("334 ");
        assertThat(client.command("A".repeat(12_289))).isEqualTo("500 5.5.6 SASL response limit exceeded");
        assertThat(client.command("AUTH PLAIN")).isEqualTo("334 ");
        String longest = "A".repeat(12_288);
        assertThat(client.command(longest)).as("12,288 octets is allowed")
                .isEqualTo("535 5.7.8 Error: authentication failed: bad protocol / cancel");
        assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
    }

    @Test
    void anAuthLineWithALongInitialResponseIsAccepted() throws Exception {
        String user = "u".repeat(6_000);
        SmtpDouble other = SmtpDouble.builder().auth(user, "p".repeat(3_000)).start();
        try (RawSmtpClient longClient = new RawSmtpClient(other)) {
            longClient.reply();
            String line = "AUTH PLAIN " + b64("\0" + user + "\0" + "p".repeat(3_000));
            assertThat(line.length()).isGreaterThan(512).isLessThan(12_288);

            assertThat(longClient.command(line)).isEqualTo("235 2.7.0 Authentication successful");
        } finally {
            other.close();
        }
    }

    @Test
    void pipelinedResponsesAreReadInOrderAndNeverAsCommands() throws Exception {
        client.send("AUTH LOGIN\r\n" + b64("alice") + "\r\n" + b64("s3cret") + "\r\nMAIL FROM:<a@b.example>\r\n");

        assertThat(client.reply()).isEqualTo("334 VXNlcm5hbWU6");
        assertThat(client.reply()).isEqualTo("334 UGFzc3dvcmQ6");
        assertThat(client.reply()).isEqualTo("235 2.7.0 Authentication successful");
        assertThat(client.reply()).isEqualTo("250 2.1.0 Ok");
    }

    @Test
    void invalidUtf8AtAPromptIsABadResponseAndIsNotEchoed() throws Exception {
        assertThat(client.command("AUTH LOGIN")).isEqualTo("334 VXNlcm5hbWU6");
        byte[] bad = {'Y', 'W', (byte) 0xC3, (byte) 0x28, '\r', '\n'};
        client.socket().getOutputStream().write(bad);
        assertThat(client.reply()).isEqualTo("535 5.7.8 Error: authentication failed: bad protocol / cancel");
        client.command("QUIT");

        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.transcript()).extracting(TranscriptEntry::toString)
                .containsSubsequence("C: AUTH LOGIN", "C: <hidden>", "S: 535 5.7.8 Error: authentication failed: "
                        + "bad protocol / cancel", "C: QUIT");
    }

    @Test
    void aBareCrStaysInTheAuthLineAndIsRefusedAsInMail() throws Exception {
        client.command("EHLO client.test");

        assertThat(client.command("AUTH PLAIN " + b64("\0alice\0s3cret") + "\r"))
                .isEqualTo("535 5.7.8 Error: authentication failed: another step is needed in authentication");
        assertThat(client.command("AUTH PLAIN\r"))
                .isEqualTo("535 5.7.8 Error: authentication failed: no mechanism available");
        assertThat(client.command("MAIL FROM:<a@b.example>\r")).isEqualTo("501 5.1.7 Bad sender address syntax");
    }

    @Test
    void postfixSyntaxTakesABareCrForWhiteSpaceInAuthAsInMailAsPostfixDoes() throws Exception {
        SmtpDouble postfix = SmtpDouble.builder().auth("alice", "s3cret").syntax(SyntaxMode.POSTFIX).start();
        try (RawSmtpClient postfixClient = new RawSmtpClient(postfix)) {
            postfixClient.reply();
            postfixClient.command("EHLO client.test");

            assertThat(postfixClient.command("AUTH PLAIN\r" + b64("\0alice\0s3cret") + "\r"))
                    .isEqualTo("235 2.7.0 Authentication successful");
            assertThat(postfixClient.command("MAIL FROM:<a@b.example>\r")).isEqualTo("250 2.1.0 Ok");
        } finally {
            postfix.close();
        }
    }
}
