package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.AuthAttempt;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.scenario.Scenarios;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Python's smtplib, a client outside the JVM, logging in as production scripts do ({@code login()},
 * which tries CRAM-MD5, then PLAIN, then LOGIN) or with one mechanism, against the default behaviour
 * and each AUTH fault of the catalogue.
 */
class AuthSmtplibIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static String smtplib(int port, String mechanism, String user, String password, String... extra) {
        return PythonSmtplib.login(port, mechanism, user, password, extra);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"login, CRAM-MD5, false", "PLAIN, PLAIN, true", "LOGIN, LOGIN, true", "CRAM-MD5, CRAM-MD5, false"})
    void logsInAndSends(String mechanism, String used, boolean inClear) {
        try (SmtpDouble smtp = SmtpDouble.builder().auth("alice", "s3cret").start()) {
            assertThat(smtplib(smtp.port(), mechanism, "alice", "s3cret")).isEqualTo("sent");

            assertThat(smtp.journal().awaitMessages(1, WAIT).get(0).envelope().authenticatedAs()).isEqualTo("alice");
            SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
            assertThat(session.authAttempts()).extracting(AuthAttempt::mechanism).containsExactly(used);
            assertThat(session.sentSecretInClear()).isEqualTo(inClear);
        }
    }

    /** The production set-up: STARTTLS, checking the certificate against the double's CA, then login(). */
    @ParameterizedTest(name = "{0} after starttls()")
    @CsvSource({"login, CRAM-MD5", "PLAIN, PLAIN", "LOGIN, LOGIN"})
    void startsTlsThenLogsIn(String mechanism, String used, @org.junit.jupiter.api.io.TempDir Path dir) {
        try (SmtpDouble smtp = SmtpDouble.builder().tls(true).requireTls(true).auth("alice", "s3cret").start()) {
            Path ca = smtp.tls().writeCaPem(dir.resolve("ca.pem"));

            assertThat(smtplib(smtp.port(), mechanism, "alice", "s3cret", ca.toString())).isEqualTo("sent");

            SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
            assertThat(session.tls()).isNotNull();
            assertThat(session.authAttempts()).extracting(AuthAttempt::mechanism, AuthAttempt::encrypted)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(used, true));
            dev.smtpdouble.junit.SmtpAssertions.assertThat(smtp).neverSentPasswordInClear()
                    .onlyMessage().wasSentAuthenticatedAs("alice");
        }
    }

    /** Without STARTTLS, login() finds no AUTH in the EHLO reply: AUTH waits for TLS. */
    @org.junit.jupiter.api.Test
    void loginWithoutStarttlsFindsNoAuth() {
        try (SmtpDouble smtp = SmtpDouble.builder().tls(true).auth("alice", "s3cret").start()) {
            assertThat(smtplib(smtp.port(), "login", "alice", "s3cret"))
                    .isEqualTo("SMTPNotSupportedError SMTP AUTH extension not supported by server.");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
            "login => SMTPAuthenticationError 535 5.7.8 Error: authentication failed: authentication failure => 3",
            "PLAIN => SMTPAuthenticationError 535 5.7.8 Error: authentication failed: authentication failure => 1"})
    void aWrongPasswordIsReported(String mechanism, String reported, int attempts) {
        try (SmtpDouble smtp = SmtpDouble.builder().auth("alice", "s3cret").start()) {
            assertThat(smtplib(smtp.port(), mechanism, "alice", "guess")).isEqualTo(reported);

            SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
            assertThat(session.authAttempts()).as("login() tries every mechanism it knows").hasSize(attempts);
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
            "auth-535 => SMTPAuthenticationError 535 5.7.8 Username and Password not accepted. For more information, "
                    + "go to | 5.7.8 https://support.google.com/mail/?p=BadCredentials",
            "auth-454 => SMTPAuthenticationError 454 4.7.0 Temporary authentication failure",
            "auth-534-app-password => SMTPAuthenticationError 534 5.7.9 Application-specific password required. "
                    + "Learn more at | 5.7.9 https://support.google.com/mail/?p=InvalidSecondFactor",
            "auth-538-encryption-required => SMTPAuthenticationError 538 5.7.11 Encryption required for requested "
                    + "authentication mechanism",
            "auth-432-password-transition => SMTPAuthenticationError 432 4.7.12 A password transition is needed",
            "auth-535-tenant-disabled => SMTPAuthenticationError 535 5.7.139 Authentication unsuccessful, "
                    + "SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled "
                    + "for more information."})
    void eachCatalogueFault(String scenario, String reported) {
        try (SmtpDouble smtp = SmtpDouble.builder().scenario(Scenarios.load(scenario)).start()) {
            assertThat(smtplib(smtp.port(), "login", AuthCatalogueIT.USER, AuthCatalogueIT.PASSWORD))
                    .isEqualTo(reported);

            SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
            assertThat(session.authAttempts()).as("login() goes on to the next mechanism after each refusal")
                    .extracting(AuthAttempt::mechanism).containsExactly("CRAM-MD5", "PLAIN", "LOGIN");
        }
    }

    /** Two refusals on the server, then the password is checked: login() gets through on its third mechanism. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"login, sent, 3", "PLAIN, SMTPAuthenticationError 535 5.7.8 Error: authentication failed: "
            + "authentication failure, 1"})
    void auth535ThenAccept(String mechanism, String reported, int attempts) {
        try (SmtpDouble smtp = SmtpDouble.builder().scenario(Scenarios.load("auth-535-then-accept")).start()) {
            assertThat(smtplib(smtp.port(), mechanism, AuthCatalogueIT.USER, AuthCatalogueIT.PASSWORD))
                    .isEqualTo(reported);
            assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).authAttempts()).hasSize(attempts);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {"none => SMTPSenderRefused 530 5.7.0 Authentication required",
            "login => sent"})
    void authRequired(String mechanism, String reported) {
        try (SmtpDouble smtp = SmtpDouble.builder().scenario(Scenarios.load("auth-required")).start()) {
            assertThat(smtplib(smtp.port(), mechanism, AuthCatalogueIT.USER, AuthCatalogueIT.PASSWORD))
                    .isEqualTo(reported);
        }
    }
}
