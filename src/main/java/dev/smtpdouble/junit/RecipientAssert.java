package dev.smtpdouble.junit;

import static dev.smtpdouble.junit.SmtpAssertions.failure;

import dev.smtpdouble.journal.JournalReader;
import dev.smtpdouble.journal.RecipientAttempt;
import java.time.Duration;
import java.util.List;

/**
 * Assertions on how a client tried one recipient across its connections: how often, how long it
 * waited between attempts, and whether the server took it in the end — what greylisting and rate
 * limits test.
 *
 * <pre>{@code
 * assertThat(smtp).recipient("bob@example.org")
 *         .wasRetriedAfterAtLeast(Duration.ofMinutes(5)).wasTriedAtMost(3).wasAccepted();
 * }</pre>
 */
public final class RecipientAssert {

    private final JournalAssert journalAssert;
    private final JournalReader journal;
    private final String recipient;
    private final List<RecipientAttempt> attempts;

    RecipientAssert(JournalAssert journalAssert, JournalReader journal, String recipient) {
        this.journalAssert = journalAssert;
        this.journal = journal;
        this.recipient = recipient;
        this.attempts = journal.recipientAttempts(recipient);
    }

    /** The attempts, in time order. */
    public List<RecipientAttempt> attempts() {
        return attempts;
    }

    /** The client sent {@code RCPT TO} for the recipient exactly this often. */
    public RecipientAssert hasAttempts(int count) {
        if (attempts.size() != count) {
            throw failure(recipient + ": expected " + Transcripts.count(count, "attempt") + " but the client made "
                    + attempts.size(), count, attempts.size(), journal);
        }
        return this;
    }

    /** The client tried at least once and at most this often. */
    public RecipientAssert wasTriedAtMost(int count) {
        if (attempts.isEmpty() || attempts.size() > count) {
            throw failure(recipient + ": expected at most " + Transcripts.count(count, "attempt") + " but the client "
                    + "made " + attempts.size(), journal);
        }
        return this;
    }

    /** The client retried (at least twice in all), each retry at least {@code minimum} after the attempt before. */
    public RecipientAssert wasRetriedAfterAtLeast(Duration minimum) {
        if (attempts.size() < 2) {
            throw failure(recipient + ": expected retries at least " + minimum + " apart, but the client made "
                    + Transcripts.count(attempts.size(), "attempt"), journal);
        }
        for (int i = 1; i < attempts.size(); i++) {
            Duration gap = Duration.between(attempts.get(i - 1).at(), attempts.get(i).at());
            if (gap.compareTo(minimum) < 0) {
                throw failure(recipient + ": expected each retry at least " + minimum + " after the attempt before, "
                        + "but attempt " + (i + 1) + " came " + gap + " after attempt " + i, journal);
            }
        }
        return this;
    }

    /** The last attempt got a 2xx: the client got the recipient through in the end. */
    public RecipientAssert wasAccepted() {
        if (attempts.isEmpty() || !attempts.get(attempts.size() - 1).accepted()) {
            throw failure(recipient + ": expected the last attempt to be accepted; attempts: " + describe(), journal);
        }
        return this;
    }

    /** No attempt got a 2xx. */
    public RecipientAssert wasNeverAccepted() {
        if (attempts.stream().anyMatch(RecipientAttempt::accepted)) {
            throw failure(recipient + ": expected no attempt to be accepted; attempts: " + describe(), journal);
        }
        return this;
    }

    public JournalAssert and() {
        return journalAssert;
    }

    private String describe() {
        return attempts.stream().map(a -> a.at() + " " + (a.reply() == null ? "(no reply)" : a.reply().code()))
                .toList().toString();
    }
}
