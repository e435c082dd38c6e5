package dev.smtpdouble.examples;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.examples.NotificationMailer.DeliveryFailedException;
import dev.smtpdouble.examples.NotificationMailer.RetryPolicy;
import dev.smtpdouble.journal.SessionEnd;
import dev.smtpdouble.junit.SmtpDoubleTest;
import dev.smtpdouble.junit.UseScenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The retry policy of {@link NotificationMailer} against the failures it must survive, one scenario
 * per test on one server for the class. The journal shows what the mailer really did on the wire:
 * how many connections, what it sent, and how long it waited in between. With failOnUnfiredRules,
 * a test whose scenario never got to misbehave fails instead of passing for the wrong reason.
 */
@SmtpDoubleTest(failOnUnfiredRules = true)
class NotificationMailerTest {

    private static final Duration BACKOFF = Duration.ofMillis(200);
    private static final String FROM = "noreply@shop.test";

    private final NotificationMailer mailer;

    NotificationMailerTest(SmtpDouble smtp) {
        mailer = new NotificationMailer(smtp.host(), smtp.port(), new RetryPolicy(3, BACKOFF));
    }

    @Test
    @UseScenario("greeting-421-then-accept")
    void retriesAfterARefusedGreeting(SmtpDouble smtp) throws Exception {
        int attempts = mailer.send(FROM, List.of("ada@example.test"), "Your order", "It ships today.");

        assertThat(attempts).isEqualTo(2);
        assertThat(smtp).hasConnections(2).hasConnectionsSpacedAtLeast(BACKOFF)
                .session(0).hasReplyCodes(421).hasCommands().wasClosedByServer()
                .and().session(1).hasCommands("EHLO", "MAIL", "RCPT", "DATA", "QUIT").endedBy(SessionEnd.CLIENT_QUIT)
                .and().onlyMessage().hasSubject("Your order").hasTextContaining("It ships today.");
    }

    @Test
    @UseScenario("greylist")
    void retriesWhenGreylisted(SmtpDouble smtp) throws Exception {
        int attempts = mailer.send(FROM, List.of("ada@example.test"), "Your order", "It ships today.");

        assertThat(attempts).isEqualTo(2);
        assertThat(smtp).hasConnections(2).hasConnectionsSpacedAtLeast(BACKOFF)
                .session(0).hasCommands("EHLO", "MAIL", "RCPT", "RSET", "QUIT").hasReplyCodes(220, 250, 250, 451, 250, 221)
                .and().onlyMessage().hasRecipients("ada@example.test");
    }

    @Test
    @UseScenario("shutdown-mid-data")
    void givesUpAfterTheLastAttemptWhenTheServerKeepsGoingDownMidMessage(SmtpDouble smtp) {
        String invoice = "Invoice line\r\n".repeat(200); // well over the 1 KiB after which the server goes down

        assertThatThrownBy(() -> mailer.send(FROM, List.of("ada@example.test"), "Invoice", invoice))
                .isInstanceOfSatisfying(DeliveryFailedException.class, e -> {
                    assertThat(e.permanent()).isFalse();
                    assertThat(e.attempts()).isEqualTo(3);
                });
        assertThat(smtp).awaitEndedConnections(3).hasConnections(3).hasConnectionsSpacedAtLeast(BACKOFF)
                .hasNoMessages()
                .session(2).hasCommands("EHLO", "MAIL", "RCPT", "DATA").wasClosedByServer();
    }

    @Test
    @UseScenario("second-recipient-501")
    void doesNotRetryAMalformedRecipient(SmtpDouble smtp) {
        assertThatThrownBy(() -> mailer.send(FROM, List.of("ada@example.test", "bob@example.test"), "Team news", "Hi"))
                .isInstanceOfSatisfying(DeliveryFailedException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.attempts()).isEqualTo(1);
                });
        assertThat(smtp).hasConnections(1).hasNoMessages()
                .session(0).hasCommands("EHLO", "MAIL", "RCPT", "RCPT", "RSET", "QUIT");
    }
}
