package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.smtpdouble.journal.AuthAttempt;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.scenario.Scenarios;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/**
 * The AUTH faults of the catalogue, each twice: on a raw socket (the exact reply) and with Jakarta
 * Mail (Angus) logging in with {@code mail.smtp.auth} (what the client reports).
 */
class AuthCatalogueIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The account every AUTH scenario of the catalogue adds. */
    static final String USER = "user@example.test";
    static final String PASSWORD = "secret";

    private static SmtpDouble start(String scenario) {
        return SmtpDouble.builder().scenario(Scenarios.load(scenario)).start();
    }

    /** A Jakarta Mail session that logs in (LOGIN, its first choice among what the server offers). */
    static Session mail(SmtpDouble smtp, boolean auth) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.auth", String.valueOf(auth));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        return Session.getInstance(properties);
    }

    static void send(Session session, String user, String password) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("sender@example.org"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("rcpt@example.org"));
        message.setSubject("AUTH catalogue test");
        message.setText("Hello.\n");
        Transport.send(message, user, password);
    }

    /** What Jakarta Mail reports for a login the server refused, with the server's reply as its message. */
    private static AuthenticationFailedException loginRefused(SmtpDouble smtp) {
        Throwable thrown = catchThrowable(() -> send(mail(smtp, true), USER, PASSWORD));
        assertThat(thrown).isExactlyInstanceOf(AuthenticationFailedException.class);
        return (AuthenticationFailedException) thrown;
    }

    /** EHLO, then AUTH PLAIN with the catalogue's account; the reply to the AUTH. */
    private static String rawLogin(SmtpDouble smtp) throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(smtp)) {
            client.reply();
            assertThat(client.command("EHLO raw.test")).contains("250-AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER");
            String reply = client.command("AUTH PLAIN " + Base64.getEncoder().encodeToString(
                    ("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
            client.command("QUIT");
            return reply;
        }
    }

    private static SessionRecord session(SmtpDouble smtp, int index) {
        return smtp.journal().awaitEndedSessions(index + 1, WAIT).get(index);
    }

    /** Every login refused with the same reply, on the raw socket and with Jakarta Mail; nothing sent. */
    private static void refusesEveryLogin(String scenario, String rule, String reply, String jakartaMessage)
            throws Exception {
        try (SmtpDouble smtp = start(scenario)) {
            assertThat(rawLogin(smtp)).isEqualTo(reply);
            assertThat(loginRefused(smtp)).hasMessage(jakartaMessage);

            SessionRecord jakarta = session(smtp, 1);
            assertThat(jakarta.authAttempts()).extracting(AuthAttempt::mechanism, AuthAttempt::user,
                    AuthAttempt::authenticated).containsExactly(org.assertj.core.groups.Tuple.tuple("LOGIN", USER, false));
            assertThat(jakarta.authAttempts().get(0).reply().toString()).isEqualTo(reply.replace("\r\n", " | "));
            assertThat(jakarta.transcript().toString()).doesNotContain(PASSWORD);
            assertThat(smtp.ruleFirings()).containsEntry(rule, 2);
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }

    @Test
    void auth535() throws Exception {
        refusesEveryLogin("auth-535", "refuse every login",
                "535-5.7.8 Username and Password not accepted. For more information, go to\r\n"
                        + "535 5.7.8 https://support.google.com/mail/?p=BadCredentials",
                "535-5.7.8 Username and Password not accepted. For more information, go to\n"
                        + "535 5.7.8 https://support.google.com/mail/?p=BadCredentials\n");
    }

    @Test
    void auth454() throws Exception {
        refusesEveryLogin("auth-454", "back end down", "454 4.7.0 Temporary authentication failure",
                "454 4.7.0 Temporary authentication failure\n");
    }

    @Test
    void auth534AppPassword() throws Exception {
        refusesEveryLogin("auth-534-app-password", "app password required",
                "534-5.7.9 Application-specific password required. Learn more at\r\n"
                        + "534 5.7.9 https://support.google.com/mail/?p=InvalidSecondFactor",
                "534-5.7.9 Application-specific password required. Learn more at\n"
                        + "534 5.7.9 https://support.google.com/mail/?p=InvalidSecondFactor\n");
    }

    @Test
    void auth538EncryptionRequired() throws Exception {
        refusesEveryLogin("auth-538-encryption-required", "encryption required",
                "538 5.7.11 Encryption required for requested authentication mechanism",
                "538 5.7.11 Encryption required for requested authentication mechanism\n");
    }

    @Test
    void auth432PasswordTransition() throws Exception {
        refusesEveryLogin("auth-432-password-transition", "password transition",
                "432 4.7.12 A password transition is needed", "432 4.7.12 A password transition is needed\n");
    }

    @Test
    void auth535TenantDisabled() throws Exception {
        String reply = "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. "
                + "Visit https://aka.ms/smtp_auth_disabled for more information.";
        refusesEveryLogin("auth-535-tenant-disabled", "SMTP AUTH disabled for the tenant", reply, reply + "\n");
    }

    @Test
    void auth535ThenAccept() throws Exception {
        try (SmtpDouble smtp = start("auth-535-then-accept")) {
            assertThat(rawLogin(smtp)).isEqualTo("535 5.7.8 Error: authentication failed: authentication failure");
            assertThat(loginRefused(smtp))
                    .hasMessage("535 5.7.8 Error: authentication failed: authentication failure\n");
            send(mail(smtp, true), USER, PASSWORD);

            assertThat(smtp.journal().awaitMessages(1, WAIT)).hasSize(1);
            List<SessionRecord> sessions = smtp.journal().awaitEndedSessions(3, WAIT);
            assertThat(sessions).extracting(SessionRecord::authenticatedAs).containsExactly(null, null, USER);
            assertThat(smtp.journal().messages().get(0).envelope().authenticatedAs()).isEqualTo(USER);
            assertThat(smtp.ruleFirings()).containsEntry("refuse the first two logins", 2);
        }
    }

    @Test
    void authRequired() throws Exception {
        try (SmtpDouble smtp = start("auth-required")) {
            Throwable forgot = catchThrowable(() -> send(mail(smtp, false), null, null));
            assertThat(forgot).isExactlyInstanceOf(SMTPSendFailedException.class)
                    .hasMessage("530 5.7.0 Authentication required\n");
            assertThat(((SMTPSendFailedException) forgot).getReturnCode()).isEqualTo(530);
            assertThat(((MessagingException) forgot).getNextException()).as("unlike a 501, nothing chained").isNull();

            send(mail(smtp, true), USER, PASSWORD);

            assertThat(smtp.journal().awaitMessages(1, WAIT)).hasSize(1);
            assertThat(session(smtp, 0).authAttempts()).isEmpty();
            assertThat(session(smtp, 1).authenticatedAs()).isEqualTo(USER);
        }
    }
}
