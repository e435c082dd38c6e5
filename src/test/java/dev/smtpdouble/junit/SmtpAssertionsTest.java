package dev.smtpdouble.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.journal.SessionEnd;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The fluent assertions pass on what happened and fail with the transcript on what did not. */
@SmtpDoubleTest(scenario = "greylist")
class SmtpAssertionsTest {

    @Test
    void passesOnWhatHappened(SmtpDouble smtp) {
        greylisted(smtp, "app@example.test", "ada@example.test");
        Mail.send(smtp, "ada@example.test", "Welcome"); // the same triplet again: it passes

        SmtpAssertions.assertThat(smtp).awaitMessages(1).awaitEndedConnections(2)
                .hasConnections(2)
                .hasFired("greylist each new triplet").hasNoUnfiredRules()
                .session(0).hasCommands("ehlo", "MAIL", "RCPT", "QUIT").hasReplyCodes(220, 250, 250, 451, 221)
                .endedBy(SessionEnd.CLIENT_QUIT).wasClosedByClient()
                .and().lastSession().hasCommands("EHLO", "MAIL", "RCPT", "DATA", "QUIT")
                .and().onlyMessage().hasSubject("Welcome").hasSender("app@example.test")
                .hasRecipients("ada@example.test").hasHeader("To", "ada@example.test")
                .hasTextContaining("Hello from Welcome");
    }

    @Test
    void readsCommandsAndRepliesForOtherAssertionLibraries(SmtpDouble smtp) {
        greylisted(smtp);

        SessionAssert session = SmtpAssertions.assertThat(smtp).onlySession();
        assertThat(session.commands()).containsExactly("EHLO", "MAIL", "RCPT", "QUIT");
        assertThat(session.replyCodes()).containsExactly(220, 250, 250, 451, 221);
        assertThat(session.record().commands()).contains("MAIL FROM:<ada@example.test>");
    }

    @Test
    void aWrongCountFailsWithTheTranscript(SmtpDouble smtp) {
        greylisted(smtp);

        assertThatThrownBy(() -> SmtpAssertions.assertThat(smtp).hasConnections(2))
                .isInstanceOfSatisfying(AssertionFailedError.class, e -> {
                    assertThat(e.getExpected().getValue()).isEqualTo(2);
                    assertThat(e.getActual().getValue()).isEqualTo(1);
                })
                .hasMessageStartingWith("expected 2 connections but the server saw 1")
                .hasMessageContaining("What the server saw: 1 session, 0 messages")
                .hasMessageContaining("session 1 (connection 1, from 127.0.0.1:")
                .hasMessageContaining("C: RCPT TO:<bob@example.test>")
                .hasMessageContaining("S: 451 4.7.1 Greylisted, try again later  [rule 'greylist each new triplet': "
                        + "greylisted: attempt 1 of key 127.0.0.1/ada@example.test/bob@example.test");
        assertThatThrownBy(() -> SmtpAssertions.assertThat(smtp).hasNoMessages().hasReceivedMessages(1))
                .hasMessageStartingWith("expected 1 received message but the server accepted 0");
    }

    @Test
    void wrongCommandsRepliesOrEndFailWithExpectedAndActual(SmtpDouble smtp) {
        greylisted(smtp);
        SessionAssert session = SmtpAssertions.assertThat(smtp).session(0);

        assertThatThrownBy(() -> session.hasCommands("EHLO", "MAIL", "RCPT", "DATA", "QUIT"))
                .isInstanceOfSatisfying(AssertionFailedError.class, e ->
                        assertThat(e.getActual().getValue()).isEqualTo(List.of("EHLO", "MAIL", "RCPT", "QUIT")))
                .hasMessageContaining("but the client sent [EHLO, MAIL, RCPT, QUIT]");
        assertThatThrownBy(() -> session.hasReplyCodes(220, 250, 250, 250, 221))
                .hasMessageContaining("but the server sent [220, 250, 250, 451, 221]");
        assertThatThrownBy(session::wasClosedByServer)
                .hasMessageContaining("expected the server to close it, but it ended by CLIENT_QUIT");
        assertThatThrownBy(() -> session.endedBy(SessionEnd.SERVER_RESET))
                .hasMessageContaining("expected it to end by SERVER_RESET but it ended by CLIENT_QUIT");
    }

    @Test
    void endingsAreAwaited(SmtpDouble smtp) {
        try (SmtpClient client = SmtpClient.connect(smtp)) {
            client.send("EHLO client.test");
        }
        SmtpAssertions.assertThat(smtp).awaitConnections(1).session(0).endedBy(SessionEnd.CLIENT_CLOSED);
    }

    @Test
    void wrongMessageDetailsFail(SmtpDouble smtp) {
        smtp.useScenario(dev.smtpdouble.scenario.Scenario.ACCEPT_ALL);
        Mail.send(smtp, "ada@example.test", "Welcome");
        MessageAssert message = SmtpAssertions.assertThat(smtp).onlyMessage();

        assertThatThrownBy(() -> message.hasSubject("Goodbye"))
                .hasMessageStartingWith("message ").hasMessageContaining("expected subject 'Goodbye' but it was 'Welcome'")
                .hasMessageContaining("subject 'Welcome'");
        assertThatThrownBy(() -> message.hasRecipients("bob@example.test"))
                .hasMessageContaining("expected envelope recipients [bob@example.test] but they were [ada@example.test]");
        assertThatThrownBy(() -> message.hasSender("bob@example.test"))
                .hasMessageContaining("expected envelope sender <bob@example.test> but it was <app@example.test>");
        assertThatThrownBy(() -> message.hasHeader("X-Mailer", "x")).hasMessageContaining("but it was absent");
        assertThatThrownBy(() -> message.hasTextContaining("unsubscribe"))
                .hasMessageContaining("expected its text to contain 'unsubscribe'");
    }

    @Test
    void outOfRangeAndTimeoutsFailClearly(SmtpDouble smtp, Journal journal) {
        assertThatThrownBy(() -> SmtpAssertions.assertThat(journal).session(0))
                .hasMessageStartingWith("no session 0: the server saw 0 connections")
                .hasMessageContaining("What the server saw: 0 sessions, 0 messages");
        assertThatThrownBy(() -> SmtpAssertions.assertThat(journal).message(0))
                .hasMessageStartingWith("no message 0: the server accepted 0");
        assertThatThrownBy(() -> SmtpAssertions.assertThat(journal).awaitMessages(1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("timed out after 50 ms waiting for 1 message(s), got 0");
        assertThatThrownBy(() -> SmtpAssertions.assertThat(journal).hasFired("x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs the server");
        assertThatThrownBy(() -> SmtpAssertions.assertThat(smtp).hasFired("no such rule"))
                .hasMessageContaining("has no rule 'no such rule'; its rules: [greylist each new triplet]");
        assertThatThrownBy(() -> SmtpAssertions.assertThat(smtp).hasNoUnfiredRules())
                .hasMessageStartingWith("scenario 'greylist': rule 'greylist each new triplet' never fired");
    }

    @Test
    void spacingBetweenConnectionsIsMeasuredByTheServer(SmtpDouble smtp) {
        SmtpClient.connect(smtp).close();
        SmtpClient.connect(smtp).close();

        SmtpAssertions.assertThat(smtp).awaitConnections(2).hasConnectionsSpacedAtLeast(Duration.ZERO);
        assertThatThrownBy(() -> SmtpAssertions.assertThat(smtp).hasConnectionsSpacedAtLeast(Duration.ofHours(1)))
                .hasMessageStartingWith("expected connections at least 3600000 ms apart, but connection 2 came ");
    }

    private static void greylisted(SmtpDouble smtp) {
        greylisted(smtp, "ada@example.test", "bob@example.test");
    }

    private static void greylisted(SmtpDouble smtp, String from, String to) {
        try (SmtpClient client = SmtpClient.connect(smtp)) {
            client.send("EHLO client.test");
            client.send("MAIL FROM:<" + from + ">");
            client.send("RCPT TO:<" + to + ">");
            client.send("QUIT");
        }
    }
}
