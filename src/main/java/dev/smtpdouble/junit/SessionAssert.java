package dev.smtpdouble.junit;

import static dev.smtpdouble.junit.SmtpAssertions.failure;

import dev.smtpdouble.journal.AuthAttempt;
import dev.smtpdouble.journal.JournalReader;
import dev.smtpdouble.journal.SessionEnd;
import dev.smtpdouble.journal.SessionRecord;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Assertions on one session: the commands the client sent, the replies it got, and who closed. */
public final class SessionAssert {

    private final JournalAssert journalAssert;
    private final JournalReader journal;
    private final SessionRecord session;

    SessionAssert(JournalAssert journalAssert, JournalReader journal, SessionRecord session) {
        this.journalAssert = journalAssert;
        this.journal = journal;
        this.session = session;
    }

    /** The command verbs in order, e.g. {@code EHLO, MAIL, RCPT, DATA, QUIT}. */
    public List<String> commands() {
        return session.commands().stream().map(SessionAssert::verb).toList();
    }

    /** The reply codes in order, the greeting first. */
    public List<Integer> replyCodes() {
        return session.replyCodes();
    }

    public SessionRecord record() {
        return session;
    }

    /** The client sent exactly these commands, in this order (verbs, case-insensitive: {@code "MAIL"}). */
    public SessionAssert hasCommands(String... verbs) {
        List<String> expected = Arrays.stream(verbs).map(v -> v.toUpperCase(Locale.ROOT)).toList();
        List<String> actual = commands();
        if (!actual.equals(expected)) {
            throw failure("session " + session.id() + ": expected commands " + expected + " but the client sent "
                    + actual, expected, actual, journal);
        }
        return this;
    }

    /**
     * The client's mail went over TLS: the session negotiated TLS, and the only commands sent before it
     * were EHLO, HELO, NOOP and STARTTLS (always true on an implicit-TLS port).
     */
    public SessionAssert sentOverTls() {
        if (!session.commandsEncrypted()) {
            String how = session.tls() == null ? "never negotiated TLS"
                    + (session.tlsFailure() == null ? "" : " (the handshake failed: " + session.tlsFailure() + ")")
                    : "sent commands in plaintext before STARTTLS: " + session.commands();
            throw failure("session " + session.id() + " " + how, "TLS", String.valueOf(session.tls()), journal);
        }
        return this;
    }

    /** The session negotiated this TLS version ({@code "TLSv1.3"}). */
    public SessionAssert usedTlsVersion(String version) {
        String actual = session.tls() == null ? "no TLS" : session.tls().version();
        if (!actual.equals(version)) {
            throw failure("session " + session.id() + ": expected " + version + " but it negotiated " + actual,
                    version, actual, journal);
        }
        return this;
    }

    /** The server sent exactly these reply codes, in this order, the greeting first. */
    public SessionAssert hasReplyCodes(int... codes) {
        List<Integer> expected = Arrays.stream(codes).boxed().toList();
        List<Integer> actual = replyCodes();
        if (!actual.equals(expected)) {
            throw failure("session " + session.id() + ": expected reply codes " + expected + " but the server sent "
                    + actual, expected, actual, journal);
        }
        return this;
    }

    /** The session ended this way; waits for the end if it is still open. */
    public SessionAssert endedBy(SessionEnd expected) {
        SessionEnd actual = awaitEnd().end();
        if (actual != expected) {
            throw failure("session " + session.id() + ": expected it to end by " + expected + " but it ended by "
                    + actual, expected, actual, journal);
        }
        return this;
    }

    /** The server closed or reset the connection; waits for the end if it is still open. */
    public SessionAssert wasClosedByServer() {
        SessionEnd actual = awaitEnd().end();
        if (actual != SessionEnd.SERVER_CLOSED && actual != SessionEnd.SERVER_RESET) {
            throw failure("session " + session.id() + ": expected the server to close it, but it ended by "
                    + actual, SessionEnd.SERVER_CLOSED, actual, journal);
        }
        return this;
    }

    /** The client quit or closed the connection; waits for the end if it is still open. */
    public SessionAssert wasClosedByClient() {
        SessionEnd actual = awaitEnd().end();
        if (actual != SessionEnd.CLIENT_QUIT && actual != SessionEnd.CLIENT_CLOSED) {
            throw failure("session " + session.id() + ": expected the client to close it, but it ended by "
                    + actual, SessionEnd.CLIENT_QUIT, actual, journal);
        }
        return this;
    }

    /** The client authenticated (AUTH) as this user, and the session still holds that identity. */
    public SessionAssert isAuthenticatedAs(String user) {
        String actual = session.authenticatedAs();
        if (!user.equals(actual)) {
            throw failure("session " + session.id() + ": expected it to be authenticated as '" + user + "' but "
                    + (actual == null ? "it is not authenticated" : "it is authenticated as '" + actual + "'")
                    + "; AUTH attempts: " + session.authAttempts(), user, actual, journal);
        }
        return this;
    }

    public SessionAssert isNotAuthenticated() {
        if (session.authenticatedAs() != null) {
            throw failure("session " + session.id() + ": expected no successful AUTH but it is authenticated as '"
                    + session.authenticatedAs() + "'", null, session.authenticatedAs(), journal);
        }
        return this;
    }

    /** The replies that ended the AUTH attempts, in order: {@code hasAuthReplyCodes(535, 235)}. */
    public SessionAssert hasAuthReplyCodes(int... codes) {
        List<Integer> expected = Arrays.stream(codes).boxed().toList();
        List<Integer> actual = session.authAttempts().stream()
                .map(attempt -> attempt.reply() == null ? 0 : attempt.reply().code()).toList();
        if (!actual.equals(expected)) {
            throw failure("session " + session.id() + ": expected AUTH attempts ending with " + expected
                    + " but they ended with " + actual + " (0: no reply)", expected, actual, journal);
        }
        return this;
    }

    /** No password or token crossed the network without TLS in this session (CRAM-MD5 sends neither). */
    public SessionAssert neverSentPasswordInClear() {
        List<AuthAttempt> inClear = session.authAttempts().stream().filter(AuthAttempt::sentSecretInClear).toList();
        if (!inClear.isEmpty()) {
            throw failure("session " + session.id() + ": the client sent a password or token without TLS: "
                    + inClear, journal);
        }
        return this;
    }

    /** Back to the whole journal, to go on with another session or a message. */
    public JournalAssert and() {
        return journalAssert;
    }

    private SessionRecord awaitEnd() {
        if (!session.isOpen()) {
            return session;
        }
        Duration timeout = SmtpAssertions.DEFAULT_TIMEOUT;
        try {
            return journal.awaitSession(s -> s.id() == session.id() && !s.isOpen(), timeout);
        } catch (AssertionError e) {
            throw failure("session " + session.id() + " was still open after " + timeout.toSeconds() + " s",
                    journal);
        }
    }

    static String verb(String line) {
        String trimmed = line.strip();
        int end = 0;
        while (end < trimmed.length() && trimmed.charAt(end) != ' ' && trimmed.charAt(end) != ':') {
            end++;
        }
        return trimmed.substring(0, end).toUpperCase(Locale.ROOT);
    }
}
