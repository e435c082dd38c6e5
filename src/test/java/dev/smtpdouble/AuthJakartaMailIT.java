package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.smtpdouble.journal.AuthAttempt;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.journal.TranscriptEntry;
import dev.smtpdouble.junit.SmtpAssertions;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Jakarta Mail (Angus) logging in with {@code mail.smtp.auth} and each mechanism it speaks, the way
 * production code is configured: the right password delivers, a wrong one is refused in Postfix's words.
 * The server offers STARTTLS and AUTH inside TLS only (Postfix's {@code smtpd_tls_auth_only}), except
 * where a test allows plaintext AUTH.
 */
class AuthJakartaMailIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private SmtpDouble smtp;

    @BeforeEach
    void start() {
        smtp = server(false);
    }

    private static SmtpDouble server(boolean plaintextAuth) {
        return SmtpDouble.builder().tls(true).allowPlaintextAuth(plaintextAuth).auth("alice@example.test", "s3cret-pw")
                .auth("bob", "hunter2").authToken("bob", "ya29.bob-token").start();
    }

    @AfterEach
    void stop() {
        smtp.close();
    }

    /** The Jakarta Mail properties that select one mechanism (as the README lists them), over STARTTLS. */
    private Session mail(String mechanism) {
        return mail(mechanism, true);
    }

    private Session mail(String mechanism, boolean starttls) {
        Properties properties = AuthCatalogueIT.mail(smtp, true).getProperties();
        if (starttls) {
            properties.putAll(smtp.tls().jakartaMailProperties(false));
            properties.put("mail.smtp.host", "localhost"); // the name the generated certificate carries
        }
        if (mechanism.equals("CRAM-MD5")) { // through the JDK's SASL client: Angus has no CRAM-MD5 of its own
            properties.put("mail.smtp.sasl.enable", "true");
            properties.put("mail.smtp.sasl.mechanisms", "CRAM-MD5");
        } else {
            properties.put("mail.smtp.auth.mechanisms", mechanism);
            properties.put("mail.smtp.auth.xoauth2.disable", "false");
        }
        return Session.getInstance(properties);
    }

    private static void send(Session session, String user, String password) throws MessagingException {
        AuthCatalogueIT.send(session, user, password);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"PLAIN, alice@example.test, s3cret-pw", "LOGIN, alice@example.test, s3cret-pw",
            "XOAUTH2, bob, ya29.bob-token", "XOAUTH2, alice@example.test, s3cret-pw", "CRAM-MD5, bob, hunter2"})
    void theRightSecretDelivers(String mechanism, String user, String secret) throws Exception {
        send(mail(mechanism), user, secret);

        assertThat(smtp.journal().awaitMessages(1, WAIT).get(0).envelope().authenticatedAs()).isEqualTo(user);
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.authAttempts()).extracting(AuthAttempt::mechanism, AuthAttempt::user,
                AuthAttempt::authenticated).containsExactly(org.assertj.core.groups.Tuple.tuple(mechanism, user, true));
        assertThat(session.authenticatedAs()).isEqualTo(user);
        assertThat(session.authAttempts().get(0).encrypted()).isTrue();
        SmtpAssertions.assertThat(smtp).neverSentPasswordInClear();
        assertThat(session.transcript()).extracting(TranscriptEntry::toString).noneMatch(line -> line.contains(secret))
                .contains("S: 235 2.7.0 Authentication successful");
    }

    /** With plaintext AUTH allowed the same properties, without STARTTLS, log in in clear; the journal says so. */
    @ParameterizedTest(name = "{0} in plaintext")
    @CsvSource({"PLAIN, alice@example.test, s3cret-pw", "LOGIN, alice@example.test, s3cret-pw",
            "XOAUTH2, bob, ya29.bob-token", "CRAM-MD5, bob, hunter2"})
    void plaintextAuthWhenAllowed(String mechanism, String user, String secret) throws Exception {
        smtp.close();
        smtp = server(true);

        send(mail(mechanism, false), user, secret);

        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.tls()).isNull();
        assertThat(session.authenticatedAs()).isEqualTo(user);
        assertThat(session.sentSecretInClear()).as("CRAM-MD5 sends a digest, never the password")
                .isEqualTo(!mechanism.equals("CRAM-MD5"));
    }

    /**
     * The trap the issue names: {@code mail.smtp.auth=true} without STARTTLS against a server that
     * offers AUTH only inside TLS. Angus sees no AUTH and sends without logging in; requiring AUTH
     * turns that into a 530.
     */
    @org.junit.jupiter.api.Test
    void authWithoutStarttlsSendsUnauthenticatedUnlessAuthIsRequired() throws Exception {
        send(mail("PLAIN", false), "alice@example.test", "s3cret-pw");
        assertThat(smtp.journal().awaitMessages(1, WAIT).get(0).envelope().authenticatedAs()).isNull();
        smtp.close();
        smtp = SmtpDouble.builder().tls(true).requireAuth(true).auth("alice@example.test", "s3cret-pw").start();

        Throwable thrown = catchThrowable(() -> send(mail("PLAIN", false), "alice@example.test", "s3cret-pw"));

        assertThat(thrown).isExactlyInstanceOf(org.eclipse.angus.mail.smtp.SMTPSendFailedException.class)
                .hasMessage("530 5.7.0 Authentication required\n");
        assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).authAttempts()).isEmpty();
    }

    /** Through the JDK's SASL client Angus reports no server text, only "failed to connect". */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "PLAIN | alice@example.test | 535 5.7.8 Error: authentication failed: authentication failure",
            "LOGIN | alice@example.test | 535 5.7.8 Error: authentication failed: authentication failure",
            "CRAM-MD5 | bob | failed to connect"})
    void aWrongPasswordIsRefusedInPostfixsWords(String mechanism, String user, String message) {
        Throwable thrown = catchThrowable(() -> send(mail(mechanism), user, "wrong-password"));

        assertThat(thrown).isExactlyInstanceOf(AuthenticationFailedException.class)
                .hasMessage(message.startsWith("535") ? message + "\n" : message); // Angus ends the server text with a line feed
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.authAttempts()).extracting(AuthAttempt::user, AuthAttempt::authenticated)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(user, false));
        assertThat(smtp.journal().messages()).isEmpty();
    }

    /**
     * A refused token gets Google's JSON error in a 334; Angus does not answer it but hangs up, and
     * reports that 334. The journal still has the attempt, and that the token went out (inside TLS).
     */
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"bob, hunter2", "bob, wrong"})
    void aRefusedTokenGetsGooglesJsonError(String user, String token) {
        Throwable thrown = catchThrowable(() -> send(mail("XOAUTH2"), user, token));

        assertThat(thrown).isExactlyInstanceOf(AuthenticationFailedException.class)
                .hasMessageStartingWith("334 " + XOAUTH2_ERROR);
        assertThat(((MessagingException) thrown).getNextException()).hasMessage("OAUTH2 asked for more");
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        List<String> lines = session.transcript().stream().map(TranscriptEntry::toString).toList();
        assertThat(lines).containsSubsequence("C: AUTH XOAUTH2 <hidden>", "S: 334 " + XOAUTH2_ERROR);
        assertThat(session.authAttempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.user()).isEqualTo(user);
            assertThat(attempt.reply()).as("the client left before the end").isNull();
            assertThat(attempt.sentSecret()).isTrue();
            assertThat(attempt.encrypted()).isTrue();
        });
    }

    /** Base64 of {"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}. */
    private static final String XOAUTH2_ERROR =
            "eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==";
}
