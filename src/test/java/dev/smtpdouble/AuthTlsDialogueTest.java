package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.journal.AuthAttempt;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.junit.SmtpAssertions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AUTH and TLS together over a real socket: AUTH waits for TLS unless plaintext AUTH is allowed. */
class AuthTlsDialogueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PLAIN = "AUTH PLAIN " + Base64.getEncoder().encodeToString(
            "\0alice\0s3cret".getBytes(StandardCharsets.UTF_8));

    /** The server and the client of a test, closed after it, the client first. */
    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    @AfterEach
    void closeAll() throws Exception {
        while (!open.isEmpty()) {
            open.pop().close();
        }
    }

    private <T extends AutoCloseable> T opened(T resource) {
        open.push(resource);
        return resource;
    }

    private SmtpDouble start(SmtpDouble.Builder builder) {
        return opened(builder.auth("alice", "s3cret").start());
    }

    private RawSmtpClient connect(SmtpDouble server, int port) throws IOException {
        RawSmtpClient client = opened(new RawSmtpClient(server.host(), port));
        assertThat(client.reply()).startsWith("220 ");
        return client;
    }

    private static void startTls(SmtpDouble smtp, RawSmtpClient client) throws IOException {
        assertThat(client.command("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
        client.startTls(smtp.tls().socketFactory(), null);
    }

    @Test
    void authIsOfferedOnlyInsideTlsWhereStarttlsStood() throws IOException {
        SmtpDouble smtp = start(SmtpDouble.builder().tls(true));
        RawSmtpClient client = connect(smtp, smtp.port());

        assertThat(client.command("EHLO client.test")).contains("250-STARTTLS").doesNotContain("AUTH");
        assertThat(client.command(PLAIN)).isEqualTo("503 5.5.1 Error: authentication not enabled");
        startTls(smtp, client);
        assertThat(client.command("EHLO client.test")).isEqualTo(String.join("\r\n", "250-localhost",
                "250-PIPELINING", "250-SIZE 10240000", "250-AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER",
                "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250-DSN", "250 SMTPUTF8"));
        assertThat(client.command(PLAIN)).isEqualTo("235 2.7.0 Authentication successful");
        client.command("QUIT");

        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.authAttempts()).extracting(AuthAttempt::encrypted, AuthAttempt::sentSecretInClear)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(false, false),
                        org.assertj.core.groups.Tuple.tuple(true, false));
        SmtpAssertions.assertThat(smtp).neverSentPasswordInClear().onlySession().isAuthenticatedAs("alice");
    }

    @Test
    void plaintextAuthIsForgottenByTheHandshake() throws IOException {
        SmtpDouble smtp = start(SmtpDouble.builder().tls(true).allowPlaintextAuth(true).requireAuth(true));
        RawSmtpClient client = connect(smtp, smtp.port());

        assertThat(client.command("EHLO client.test")).contains("250-STARTTLS\r\n250-AUTH PLAIN");
        assertThat(client.command(PLAIN)).isEqualTo("235 2.7.0 Authentication successful");
        startTls(smtp, client);
        assertThat(client.command("EHLO client.test")).doesNotContain("STARTTLS").contains("250-AUTH PLAIN");
        assertThat(client.command("MAIL FROM:<a@example.org>")).isEqualTo("530 5.7.0 Authentication required");
        assertThat(client.command(PLAIN)).as("not 503: already authenticated")
                .isEqualTo("235 2.7.0 Authentication successful");
        assertThat(client.command("MAIL FROM:<a@example.org>")).isEqualTo("250 2.1.0 Ok");
        client.command("QUIT");

        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.authenticated().encrypted()).isTrue();
        assertThat(session.sentSecretInClear()).isTrue();
        assertThatThrownBy(() -> SmtpAssertions.assertThat(smtp).neverSentPasswordInClear())
                .hasMessageContaining("the client sent a password or token without TLS: [AUTH PLAIN as alice: 235");
    }

    @Test
    void requiredTlsComesFirst() throws IOException {
        SmtpDouble smtp = start(SmtpDouble.builder().tls(true).requireTls(true).allowPlaintextAuth(true));
        RawSmtpClient client = connect(smtp, smtp.port());

        assertThat(client.command(PLAIN)).isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
        assertThat(client.command("AUTH")).isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
        client.command("QUIT");

        assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).authAttempts())
                .extracting(attempt -> attempt.reply().code(), AuthAttempt::mechanism)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(530, "PLAIN"),
                        org.assertj.core.groups.Tuple.tuple(530, null));
    }

    @Test
    void anImplicitTlsListenerOffersAuthAtOnce() throws IOException {
        SmtpDouble smtp = start(SmtpDouble.builder().tls(true).tlsPort(0));
        RawSmtpClient client = opened(new RawSmtpClient(smtp.host(), smtp.tlsPort()));
        client.startTls(smtp.tls().socketFactory(), null);
        assertThat(client.reply()).startsWith("220 ");

        assertThat(client.command("EHLO client.test")).contains("250-AUTH PLAIN").doesNotContain("STARTTLS");
        assertThat(client.command(PLAIN)).isEqualTo("235 2.7.0 Authentication successful");
    }
}
