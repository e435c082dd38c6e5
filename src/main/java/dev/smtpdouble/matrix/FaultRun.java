package dev.smtpdouble.matrix;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.journal.JournalText;
import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.journal.TranscriptEntry;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.Scenarios;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Runs the code under test against one fault, on a fresh server, and records what happened. */
final class FaultRun {

    /** How long the run waits for the server to see the code's connections end. */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final Fault fault;
    private final TargetedMailClient client;
    private final MatrixSettings settings;
    private final FailureReading reading;
    private final List<Observation.Call> calls = new ArrayList<>();
    private String stopped;

    FaultRun(Fault fault, TargetedMailClient client, MatrixSettings settings, FailureReading reading) {
        this.fault = fault;
        this.client = client;
        this.settings = settings;
        this.reading = reading;
    }

    Observation run() {
        Scenario scenario = Scenarios.load(fault.name());
        try (SmtpDouble smtp = server(scenario)) {
            long held = -1;
            try (ConnectionHolder holder = fault.setup() == Setup.HOLD_A_CONNECTION
                    ? ConnectionHolder.open(smtp, settings.timeLimit()) : null) {
                held = holder == null ? -1 : holder.sessionId();
                call(smtp);
                if (fault.setup() == Setup.SEND_TWICE && stopped == null) {
                    settle(smtp.journal(), settings.timeLimit());
                    call(smtp);
                }
            }
            settle(smtp.journal(), SETTLE);
            return observe(smtp, held, scenario.rules().isEmpty());
        }
    }

    /** A fresh server for the fault; with TLS or AUTH faults in the matrix, offering STARTTLS and the account. */
    private SmtpDouble server(Scenario scenario) {
        SmtpDouble.Builder builder = SmtpDouble.builder().scenario(scenario);
        if (settings.secure()) {
            builder.tls(true).auth(settings.user(), settings.password());
        }
        return builder.start();
    }

    private void call(SmtpDouble smtp) {
        Duration hangLimit = fault.nature() == Nature.HANG ? settings.giveUpLimit() : null;
        long before = lastSessionId(smtp.journal());
        long start = System.nanoTime();
        Reported reported;
        try (Watchdog watchdog = new Watchdog(smtp, settings.timeLimit(), hangLimit)) {
            try {
                client.send(new Target(smtp.host(), smtp.port(), smtp.tls(), settings.user(), settings.password()));
                reported = Reported.SUCCESS;
            } catch (Exception | AssertionError | LinkageError e) {
                reported = reading.read(e);
            }
            stopped = stopped != null ? stopped : watchdog.stopped();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        int attempts = (int) smtp.journal().sessions().stream().filter(s -> s.id() > before).count();
        calls.add(new Observation.Call(reported, elapsed, attempts));
    }

    private static long lastSessionId(Journal journal) {
        List<SessionRecord> sessions = journal.sessions();
        return sessions.isEmpty() ? 0 : sessions.get(sessions.size() - 1).id();
    }

    /** Waits, up to a limit, until the server has seen every connection end. */
    private static void settle(Journal journal, Duration limit) {
        try {
            journal.awaitEndedSessions(journal.sessions().size(), limit);
        } catch (AssertionError stillOpen) {
            // a client that keeps its connection open: judged as it is
        }
    }

    /**
     * @param inSettings the fault is in the server's settings (a certificate, AUTH required), not in a
     *                   rule: every client meets it
     */
    private Observation observe(SmtpDouble smtp, long held, boolean inSettings) {
        List<SessionRecord> sessions = smtp.journal().sessions().stream().filter(s -> s.id() != held).toList();
        List<ReceivedMessage> messages = smtp.journal().messages();
        boolean provoked = fault.isBaseline() || inSettings || smtp.ruleFirings().values().stream().anyMatch(n -> n > 0)
                || sessions.stream().anyMatch(FaultRun::refusedByALimit);
        return new Observation(calls, messages.size(), partial(sessions, messages), shortestGap(sessions),
                longestWait(sessions), provoked, stopped, JournalText.render(smtp.journal().sessions(), messages),
                inClear(sessions, messages), sessions.stream().anyMatch(SessionRecord::sentSecretInClear));
    }

    /** Messages accepted on a connection that never negotiated TLS. */
    private static int inClear(List<SessionRecord> sessions, List<ReceivedMessage> messages) {
        Map<Long, SessionRecord> byId = sessions.stream().collect(Collectors.toMap(SessionRecord::id, s -> s));
        return (int) messages.stream().filter(message -> byId.containsKey(message.sessionId())
                && !byId.get(message.sessionId()).usedTls()).count();
    }

    /** The server refused something by a limit of its own (no rule), e.g. too many connections. */
    private static boolean refusedByALimit(SessionRecord session) {
        return session.transcript().stream().anyMatch(entry -> entry instanceof TranscriptEntry.ServerReply reply
                && reply.rule() == null && reply.reply().code() >= 400);
    }

    /** Whether a message was accepted for fewer recipients than its session asked for. */
    private static boolean partial(List<SessionRecord> sessions, List<ReceivedMessage> messages) {
        Map<Long, SessionRecord> byId = sessions.stream().collect(Collectors.toMap(SessionRecord::id, s -> s));
        for (ReceivedMessage message : messages) {
            SessionRecord session = byId.get(message.sessionId());
            long asked = session == null ? 0 : session.commands().stream()
                    .filter(line -> line.toUpperCase(Locale.ROOT).startsWith("RCPT")).count();
            if (message.envelope().recipients().size() < asked) {
                return true;
            }
        }
        return false;
    }

    /**
     * The shortest pause between one connection's end and the next connection, within one call. A
     * connection the server saw end only after the next began (it was waiting out a delay, not
     * reading) tells nothing about the pause and is left out.
     */
    private Duration shortestGap(List<SessionRecord> sessions) {
        Duration shortest = null;
        int index = 0;
        for (Observation.Call call : calls) {
            for (int i = index + 1; i < index + call.attempts() && i < sessions.size(); i++) {
                SessionRecord previous = sessions.get(i - 1);
                if (previous.endedAt() == null || previous.endedAt().isAfter(sessions.get(i).startedAt())) {
                    continue;
                }
                Duration gap = Duration.between(previous.endedAt(), sessions.get(i).startedAt());
                shortest = shortest == null || gap.compareTo(shortest) < 0 ? gap : shortest;
            }
            index += call.attempts();
        }
        return shortest;
    }

    /** The longest time a connection waited for a reply to its last command before the client hung up. */
    private static Duration longestWait(List<SessionRecord> sessions) {
        Duration longest = null;
        for (SessionRecord session : sessions) {
            List<TranscriptEntry> transcript = session.transcript();
            if (session.endedAt() != null && !transcript.isEmpty()
                    && transcript.get(transcript.size() - 1) instanceof TranscriptEntry.ClientCommand last) {
                Duration wait = Duration.between(last.at(), session.endedAt());
                longest = longest == null || wait.compareTo(longest) > 0 ? wait : longest;
            }
        }
        return longest;
    }
}
