package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.admin.AdminServer;
import dev.smtpdouble.journal.AuthAttempt;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.journal.TranscriptEntry;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed and misplaced AUTH lines through a real server: the transcript keeps the verb and mechanism at most,
 * and the journal the admin API serves holds neither the password nor any base64 of it.
 */
class AuthJournalSecretsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String USER = "alice@example.test";
    private static final String PASSWORD = "S3cretPassw0rd!";
    private static final String PLAIN = b64("\0" + USER + "\0" + PASSWORD);
    private static final String LOGIN_USER = b64(USER);
    private static final String LOGIN_PASSWORD = b64(PASSWORD);

    private SmtpDouble smtp;
    private AdminServer admin;

    @BeforeEach
    void start() {
        smtp = SmtpDouble.builder().auth(USER, PASSWORD).start();
        admin = AdminServer.builder().listener(smtp).port(0).start();
    }

    @AfterEach
    void stop() {
        admin.close();
        smtp.close();
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] raw ? raw : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** One connection: EHLO, the bytes in one write, their replies, QUIT; the client lines the transcript kept between. */
    private List<String> session(byte[] input, String... replies) throws Exception {
        List<String> got = new ArrayList<>();
        try (RawSmtpClient client = new RawSmtpClient(smtp)) {
            client.reply();
            client.command("EHLO client.test");
            client.send(input);
            for (int i = 0; i < replies.length; i++) {
                got.add(client.reply());
            }
            client.command("QUIT");
        }
        assertThat(got).containsExactly(replies);
        int count = smtp.journal().sessions().size();
        SessionRecord record = smtp.journal().awaitEndedSessions(count, WAIT).get(count - 1);
        List<String> lines = record.transcript().stream().filter(e -> !(e instanceof TranscriptEntry.ServerReply))
                .map(TranscriptEntry::toString).toList();
        return lines.subList(1, lines.size() - 1);
    }

    @Test
    void anAuthLineThatIsNotUtf8IsMasked() throws Exception {
        assertThat(session(bytes("AUTH PLAIN ", PLAIN, new byte[] {(byte) 0xFF}, "\r\n"),
                "500 5.5.2 Error: bad UTF-8 syntax")).containsExactly("C: AUTH PLAIN <hidden>");
        assertNoSecretInTheJournal();
    }

    @Test
    void anyWhiteSpaceAfterTheMechanismHidesWhatFollows() throws Exception {
        for (String gap : List.of("\u000b", "\f", "\u00a0")) {
            assertThat(session(bytes("AUTH PLAIN", gap, PLAIN, "\r\n"),
                    "535 5.7.8 Error: authentication failed: no mechanism available"))
                    .as("AUTH PLAIN U+%04X", (int) gap.charAt(0)).containsExactly("C: AUTH PLAIN <hidden>");
        }
        assertThat(smtp.journal().sessions()).flatExtracting(SessionRecord::authAttempts)
                .extracting(AuthAttempt::mechanism).as("not a mechanism name: not recorded as one")
                .containsExactly(null, null, null);
        assertNoSecretInTheJournal();
    }

    @Test
    void credentialsSentInThePlaceOfTheMechanismAreHidden() throws Exception {
        String shortCredential = b64("\0al\0Secret12"); // 16 letters and digits, no padding: the form of a name
        assertThat(session(bytes("AUTH ", shortCredential, "\r\n"),
                "535 5.7.8 Error: authentication failed: no mechanism available"))
                .containsExactly("C: AUTH <hidden>");
        assertThat(smtp.journal().sessions()).flatExtracting(SessionRecord::authAttempts)
                .extracting(AuthAttempt::mechanism).containsExactly((String) null);
        assertThat(journalJson().toLowerCase(Locale.ROOT)).doesNotContain(shortCredential.toLowerCase(Locale.ROOT));
    }

    @Test
    void authLinesTheParserDoesNotRecogniseAreMaskedToo() throws Exception {
        assertThat(session(bytes(" AUTH PLAIN ", PLAIN, "\r\n"), "500 5.5.2 Error: command not recognized"))
                .containsExactly("C:  AUTH PLAIN <hidden>");
        assertThat(session(bytes("AUTH=PLAIN ", PLAIN, "\r\n"), "500 5.5.2 Error: command not recognized"))
                .containsExactly("C: AUTH=PLAIN <hidden>");
        assertThat(session(bytes("\tauth:", PLAIN, "\r\n"), "500 5.5.2 Error: command not recognized"))
                .containsExactly("C: \tauth <hidden>");
        assertThat(session(bytes("AUTHORS PLAIN\r\n"), "500 5.5.2 Error: command not recognized"))
                .as("another word that starts with AUTH").containsExactly("C: AUTHORS PLAIN");
        assertNoSecretInTheJournal();
    }

    @Test
    void responsesPipelinedBehindARefusedAuthAreHiddenUpToTheNextCommand() throws Exception {
        String mail = "MAIL FROM:<a@b.test>\r\n";
        assertThat(session(bytes(mail, "AUTH LOGIN ", LOGIN_USER, "\r\n", LOGIN_PASSWORD, "\r\nNOOP\r\nFOO bar\r\n"),
                "250 2.1.0 Ok", "503 5.5.1 Error: MAIL transaction in progress",
                "500 5.5.2 Error: command not recognized", "250 2.0.0 Ok", "500 5.5.2 Error: command not recognized"))
                .containsExactly("C: MAIL FROM:<a@b.test>", "C: AUTH LOGIN <hidden>", "C: <hidden>", "C: NOOP",
                        "C: FOO bar");
        assertThat(session(bytes(mail, "AUTH LOGIN\r\n", LOGIN_USER, "\r\n", LOGIN_PASSWORD, "\r\n*\r\n"),
                "250 2.1.0 Ok", "503 5.5.1 Error: MAIL transaction in progress",
                "500 5.5.2 Error: command not recognized", "500 5.5.2 Error: command not recognized",
                "500 5.5.2 Error: command not recognized"))
                .containsExactly("C: MAIL FROM:<a@b.test>", "C: AUTH LOGIN", "C: <hidden>", "C: <hidden>", "C: *");
        assertThat(session(bytes(mail, "AUTH LOGIN ", LOGIN_USER, "\r\n", PASSWORD, new byte[] {(byte) 0xE9}, "\r\n"),
                "250 2.1.0 Ok", "503 5.5.1 Error: MAIL transaction in progress", "500 5.5.2 Error: bad UTF-8 syntax"))
                .as("a password sent as it is, not in UTF-8")
                .containsExactly("C: MAIL FROM:<a@b.test>", "C: AUTH LOGIN <hidden>", "C: <hidden>");
        assertNoSecretInTheJournal();
    }

    @Test
    void aLineAfterAFailedExchangeIsHiddenWhenItNamesNoCommand() throws Exception {
        assertThat(session(bytes("AUTH LOGIN ", LOGIN_USER, "!\r\n", LOGIN_PASSWORD, "\r\n"),
                "535 5.7.8 Error: authentication failed: another step is needed in authentication",
                "500 5.5.2 Error: command not recognized"))
                .containsExactly("C: AUTH LOGIN <hidden>", "C: <hidden>");
        assertNoSecretInTheJournal();
    }

    private String journalJson() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + admin.port() + "/journal?limit=1000")).build(), BodyHandlers.ofString()).body();
    }

    /** The journal as GET /journal serves it, searched for the password and its base64 in any case and alignment. */
    private void assertNoSecretInTheJournal() throws Exception {
        String json = journalJson();
        assertThat(json).contains("C: AUTH");
        String lower = json.toLowerCase(Locale.ROOT);
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, PLAIN, LOGIN_PASSWORD));
        for (int shift = 0; shift < 3; shift++) {
            String encoded = b64("x".repeat(shift) + PASSWORD);
            secrets.add(encoded.substring(4, encoded.length() - 4));
        }
        for (String secret : secrets) {
            assertThat(lower).doesNotContain(secret.toLowerCase(Locale.ROOT));
        }
    }
}
