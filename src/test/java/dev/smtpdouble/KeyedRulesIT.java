package dev.smtpdouble;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.smtpdouble.scenario.Scenarios;
import dev.smtpdouble.time.ManualClock;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits, concurrency limits and greylisting as Jakarta Mail (Angus) sees them, on a clock the
 * test moves: no test waits for a window or a greylisting delay to pass.
 */
class KeyedRulesIT {

    private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T08:00:00Z"));
    private SmtpDouble smtp;

    @AfterEach
    void stop() {
        if (smtp != null) {
            smtp.close();
        }
    }

    private Session start(String yaml) {
        smtp = SmtpDouble.builder().clock(clock).hostname("mx.test").scenario(Scenarios.fromYaml(yaml, "keyed.yaml"))
                .start();
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        return Session.getInstance(properties);
    }

    private static MimeMessage message(Session session, String from, String... to) throws MessagingException {
        return ProviderProfilesIT.message(session, from, to);
    }

    @Test
    void greylistingDefersTheFirstAttemptAndTakesTheRetryAfterTheDelay() throws Exception {
        Session mail = start("""
                rules:
                  - {name: postgrey, on: rcpt, greylist: {}}
                """);

        Throwable first = catchThrowable(() -> Transport.send(message(mail, "news@shop.test", "bob@example.org")));
        assertThat(first).isInstanceOf(SendFailedException.class);
        SMTPAddressFailedException refused = (SMTPAddressFailedException) ((SendFailedException) first)
                .getNextException();
        assertThat(refused.getReturnCode()).isEqualTo(450);
        assertThat(refused.getMessage()).contains("450 4.2.0 <bob@example.org>: Recipient address rejected: "
                + "Greylisted, see http://postgrey.schweikert.ch/help/example.org.html");

        clock.advance(Duration.ofMinutes(5));
        Transport.send(message(mail, "news@shop.test", "bob@example.org"));

        assertThat(smtp).hasReceivedMessages(1).recipient("bob@example.org").hasAttempts(2)
                .wasRetriedAfterAtLeast(Duration.ofMinutes(5)).wasAccepted();
    }

    @Test
    void aMessageRateAtMailIsASenderFailureUntilTheWindowPasses() throws Exception {
        Session mail = start("""
                rules:
                  - on: mail
                    limit: {count: messages, max: 2, per: 1m, key: sender}
                    reply: 432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded
                """);
        Transport.send(message(mail, "app@shop.test", "a@example.org"));
        Transport.send(message(mail, "app@shop.test", "b@example.org"));

        Throwable third = catchThrowable(() -> Transport.send(message(mail, "app@shop.test", "c@example.org")));
        assertThat(third).isInstanceOf(SMTPSendFailedException.class);
        assertThat(((SMTPSendFailedException) third).getReturnCode()).isEqualTo(432);
        assertThat(third).hasMessage("432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded\n");
        Transport.send(message(mail, "other@shop.test", "c@example.org"));

        clock.advance(Duration.ofMinutes(1));
        Transport.send(message(mail, "app@shop.test", "c@example.org"));
        assertThat(smtp).hasReceivedMessages(4);
    }

    @Test
    void aMessageRatePerLoggedInUserRefusesThatAccountOnlyUntilTheWindowPasses() throws Exception {
        smtp = SmtpDouble.builder().clock(clock).hostname("mx.test").tls(true).auth("ada@shop.test", "pw1")
                .auth("grace@shop.test", "pw2").scenario(Scenarios.fromYaml("""
                        rules:
                          - on: mail
                            limit: {count: messages, max: 2, per: 1m, key: user}
                            reply: 451 4.7.0 {user} has sent {count} messages this minute
                        """, "keyed.yaml")).start();
        Properties properties = smtp.tls().jakartaMailProperties(false);
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        Session mail = Session.getInstance(properties);
        Transport.send(message(mail, "orders@shop.test", "a@example.org"), "ada@shop.test", "pw1");
        Transport.send(message(mail, "billing@shop.test", "b@example.org"), "ada@shop.test", "pw1");

        Throwable third = catchThrowable(() -> Transport.send(message(mail, "news@shop.test", "c@example.org"),
                "ada@shop.test", "pw1"));
        assertThat(third).isInstanceOf(SMTPSendFailedException.class);
        assertThat(((SMTPSendFailedException) third).getReturnCode()).isEqualTo(451);
        assertThat(third).hasMessage("451 4.7.0 ada@shop.test has sent 2 messages this minute\n");
        Transport.send(message(mail, "news@shop.test", "c@example.org"), "grace@shop.test", "pw2");

        clock.advance(Duration.ofMinutes(1));
        Transport.send(message(mail, "news@shop.test", "c@example.org"), "ada@shop.test", "pw1");
        assertThat(smtp).hasReceivedMessages(4);
        assertThat(smtp.journal().sessions()).allSatisfy(session -> assertThat(session.usedTls()).isTrue());
    }

    @Test
    void aRecipientRateRefusesTheRecipientsOverTheLimit() throws Exception {
        Session mail = start("""
                rules:
                  - {on: rcpt, limit: {count: recipients, max: 2, per: 1h}}
                """);

        Throwable refused = catchThrowable(() -> Transport.send(message(mail, "app@shop.test", "a@example.org",
                "b@example.org", "c@example.org")));

        assertThat(refused).isInstanceOf(SendFailedException.class);
        SendFailedException failed = (SendFailedException) refused;
        // A 4xx recipient is not invalid to Jakarta: every address is "valid, unsent", to retry later.
        assertThat(failed.getInvalidAddresses()).isEmpty();
        assertThat(failed.getValidUnsentAddresses()).extracting(Object::toString)
                .containsExactly("a@example.org", "b@example.org", "c@example.org");
        assertThat(((SMTPAddressFailedException) failed.getNextException()).getReturnCode()).isEqualTo(450);
        assertThat(smtp).hasNoMessages();
    }

    @Test
    void aSendingRateAfterDataFailsTheMessageAtTheFinalDot() throws Exception {
        Session mail = start("""
                rules:
                  - on: message
                    limit: {count: messages, max: 1, per: 1s, key: server}
                    reply: "454 Throttling failure: Maximum sending rate exceeded."
                """);
        Transport.send(message(mail, "app@shop.test", "a@example.org"));

        Throwable refused = catchThrowable(() -> Transport.send(message(mail, "app@shop.test", "b@example.org")));

        assertThat(refused).isInstanceOf(SMTPSendFailedException.class);
        assertThat(((SMTPSendFailedException) refused).getReturnCode()).isEqualTo(454);
        assertThat(((SMTPSendFailedException) refused).getCommand()).isEqualTo(".");
        clock.advance(Duration.ofSeconds(1));
        Transport.send(message(mail, "app@shop.test", "b@example.org"));
        assertThat(smtp).hasReceivedMessages(2);
    }

    @Test
    void aSecondConcurrentConnectionGetsABadGreeting() throws Exception {
        Session mail = start("""
                rules:
                  - {on: connect, limit: {count: concurrent_connections, max: 1}}
                """);
        try (Transport held = mail.getTransport("smtp")) {
            held.connect();

            Throwable refused = catchThrowable(() -> Transport.send(message(mail, "app@shop.test", "a@example.org")));

            assertThat(refused).isInstanceOf(MessagingException.class).hasMessageContaining("Got bad greeting")
                    .hasMessageContaining("421 4.7.0 mx.test Error: too many connections from 127.0.0.1");
        }
        smtp.journal().awaitEndedSessions(2, Duration.ofSeconds(10));
        Transport.send(message(mail, "app@shop.test", "a@example.org"));
        assertThat(smtp).hasReceivedMessages(1);
    }
}
