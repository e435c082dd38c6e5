package dev.smtpdouble.junit;

import static dev.smtpdouble.junit.SmtpAssertions.failure;

import dev.smtpdouble.SmtpDoubleControl;
import dev.smtpdouble.journal.JournalReader;
import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.journal.RuleLabel;
import dev.smtpdouble.journal.SessionRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Assertions on a whole journal: connections (one session each), messages, and — when made from a
 * server — its scenario's rules. Each call reads the journal afresh, so awaits and checks chain.
 */
public final class JournalAssert {

    private final JournalReader journal;
    private final SmtpDoubleControl server;

    JournalAssert(JournalReader journal, SmtpDoubleControl server) {
        this.journal = journal;
        this.server = server;
    }

    /** Exactly {@code count} connections since the last reset (each connection is one session). */
    public JournalAssert hasConnections(int count) {
        int actual = journal.sessions().size();
        if (actual != count) {
            throw failure("expected " + Transcripts.count(count, "connection") + " but the server saw " + actual,
                    count, actual, journal);
        }
        return this;
    }

    public JournalAssert hasNoConnections() {
        return hasConnections(0);
    }

    /** Waits until at least {@code count} connections arrived. */
    public JournalAssert awaitConnections(int count) {
        return awaitConnections(count, SmtpAssertions.DEFAULT_TIMEOUT);
    }

    public JournalAssert awaitConnections(int count, Duration timeout) {
        try {
            journal.awaitSessions(count, timeout);
        } catch (AssertionError e) {
            throw failure(e.getMessage(), journal);
        }
        return this;
    }

    /** Waits until at least {@code count} connections arrived and the first {@code count} of them ended. */
    public JournalAssert awaitEndedConnections(int count) {
        return awaitEndedConnections(count, SmtpAssertions.DEFAULT_TIMEOUT);
    }

    public JournalAssert awaitEndedConnections(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            List<SessionRecord> sessions = journal.awaitSessions(count, timeout);
            for (SessionRecord session : sessions.subList(0, Math.min(count, sessions.size()))) {
                Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
                journal.awaitSession(s -> s.id() == session.id() && !s.isOpen(), left);
            }
        } catch (AssertionError e) {
            throw failure("timed out after " + timeout.toMillis() + " ms waiting for "
                    + Transcripts.count(count, "connection") + " to end", journal);
        }
        return this;
    }

    /** Exactly {@code count} messages accepted since the last reset. */
    public JournalAssert hasReceivedMessages(int count) {
        int actual = journal.messages().size();
        if (actual != count) {
            throw failure("expected " + Transcripts.count(count, "received message") + " but the server accepted "
                    + actual, count, actual, journal);
        }
        return this;
    }

    public JournalAssert hasNoMessages() {
        return hasReceivedMessages(0);
    }

    /** Waits until at least {@code count} messages were accepted. */
    public JournalAssert awaitMessages(int count) {
        return awaitMessages(count, SmtpAssertions.DEFAULT_TIMEOUT);
    }

    public JournalAssert awaitMessages(int count, Duration timeout) {
        try {
            journal.awaitMessages(count, timeout);
        } catch (AssertionError e) {
            throw failure(e.getMessage(), journal);
        }
        return this;
    }

    /**
     * Each connection started at least {@code minimum} after the one before it: a client's back-off
     * between retries, measured by the server.
     */
    public JournalAssert hasConnectionsSpacedAtLeast(Duration minimum) {
        List<SessionRecord> sessions = journal.sessions();
        for (int i = 1; i < sessions.size(); i++) {
            Duration gap = Duration.between(sessions.get(i - 1).startedAt(), sessions.get(i).startedAt());
            if (gap.compareTo(minimum) < 0) {
                throw failure("expected connections at least " + minimum.toMillis() + " ms apart, but connection "
                        + (i + 1) + " came " + gap.toMillis() + " ms after connection " + i, journal);
            }
        }
        return this;
    }

    /** The session of the {@code index}-th connection (0 = the first) kept in the journal. */
    public SessionAssert session(int index) {
        List<SessionRecord> sessions = journal.sessions();
        if (index < 0 || index >= sessions.size()) {
            throw failure("no session " + index + ": the server saw " + Transcripts.count(sessions.size(),
                    "connection"), journal);
        }
        return new SessionAssert(this, journal, sessions.get(index));
    }

    /** The one and only session: fails unless there was exactly one connection. */
    public SessionAssert onlySession() {
        return hasConnections(1).session(0);
    }

    public SessionAssert lastSession() {
        return session(journal.sessions().size() - 1);
    }

    /** The {@code index}-th accepted message (0 = the first). */
    public MessageAssert message(int index) {
        List<ReceivedMessage> messages = journal.messages();
        if (index < 0 || index >= messages.size()) {
            throw failure("no message " + index + ": the server accepted " + messages.size(), journal);
        }
        return new MessageAssert(this, journal, messages.get(index));
    }

    /** The one and only message: fails unless exactly one was accepted. */
    public MessageAssert onlyMessage() {
        return hasReceivedMessages(1).message(0);
    }

    /** How the client tried this recipient across its connections (compared without regard to case). */
    public RecipientAssert recipient(String address) {
        return new RecipientAssert(this, journal, address);
    }

    /** The named rule of the scenario in force fired at least once since the last reset. */
    public JournalAssert hasFired(String rule) {
        Map<String, Integer> firings = requireServer("hasFired").ruleFirings();
        if (!firings.containsKey(rule)) {
            throw failure("scenario '" + server.scenarioName() + "' has no rule '" + rule + "'; its rules: "
                    + firings.keySet(), journal);
        }
        if (firings.get(rule) == 0) {
            throw failure(RuleLabel.of(rule) + " never fired", journal);
        }
        return this;
    }

    /** Every rule of the scenario in force fired at least once since the last reset. */
    public JournalAssert hasNoUnfiredRules() {
        List<String> unfired = requireServer("hasNoUnfiredRules").unfiredRules();
        if (!unfired.isEmpty()) {
            throw failure("scenario '" + server.scenarioName() + "': "
                    + String.join(", ", unfired.stream().map(RuleLabel::of).toList()) + " never fired",
                    List.of(), unfired, journal);
        }
        return this;
    }

    /**
     * No session sent a password or token without TLS: every PLAIN, LOGIN, XOAUTH2 or OAUTHBEARER
     * response came inside TLS (CRAM-MD5 sends neither, so it passes in plaintext too).
     */
    public JournalAssert neverSentPasswordInClear() {
        for (SessionRecord session : journal.sessions()) {
            new SessionAssert(this, journal, session).neverSentPasswordInClear();
        }
        return this;
    }

    /** The journal's text, as failures show it. */
    public String transcript() {
        return Transcripts.render(journal);
    }

    private SmtpDoubleControl requireServer(String method) {
        if (server == null) {
            throw new IllegalStateException(method + " needs the server: use SmtpAssertions.assertThat(smtpDouble)");
        }
        return server;
    }
}
