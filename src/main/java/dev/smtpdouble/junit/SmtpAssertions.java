package dev.smtpdouble.junit;

import dev.smtpdouble.SmtpDoubleControl;
import dev.smtpdouble.journal.JournalReader;
import java.time.Duration;
import org.opentest4j.AssertionFailedError;

/**
 * Readable assertions on what a client did to an smtp-double, read from its journal. Every failure
 * shows the server's transcript; the {@code await...} methods wait (up to a timeout) instead of sleeping.
 *
 * <pre>{@code
 * assertThat(smtp).awaitMessages(1)
 *         .hasConnections(2)
 *         .session(0).hasReplyCodes(421).wasClosedByServer()
 *         .and().session(1).hasCommands("EHLO", "MAIL", "RCPT", "DATA", "QUIT")
 *         .and().message(0).hasSubject("Welcome").hasRecipients("ada@example.test");
 * }</pre>
 *
 * <p>Failures are {@link AssertionFailedError}s (opentest4j, which JUnit brings), with expected and
 * actual values where the IDE can compare them. The class is named so that it can be imported next
 * to AssertJ's {@code assertThat}: Java picks this one for an {@code SmtpDouble}, an
 * {@code SmtpDoubleClient} or a {@code Journal}.
 */
public final class SmtpAssertions {

    /** How long the {@code await...} methods wait when no timeout is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private SmtpAssertions() {
    }

    /**
     * Assertions on a server's journal; these can also check its scenario's rules. The server is an
     * {@link dev.smtpdouble.SmtpDouble} in this JVM or a {@link dev.smtpdouble.remote.SmtpDoubleClient}
     * of one in a container: the awaits of the latter poll its admin API.
     */
    public static JournalAssert assertThat(SmtpDoubleControl smtp) {
        return new JournalAssert(smtp.journal(), smtp);
    }

    public static JournalAssert assertThat(JournalReader journal) {
        return new JournalAssert(journal, null);
    }

    static AssertionFailedError failure(String message, Object expected, Object actual, JournalReader journal) {
        return new AssertionFailedError(message + "\n\n" + Transcripts.render(journal), expected, actual);
    }

    static AssertionFailedError failure(String message, JournalReader journal) {
        return new AssertionFailedError(message + "\n\n" + Transcripts.render(journal));
    }
}
