package dev.smtpdouble.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smtpdouble.journal.JournalReader;
import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.journal.SessionRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The journal of a server elsewhere, read through its admin API ({@code GET /journal}, and each
 * message's raw bytes once): every call reads it afresh, and the {@code await...} methods poll until
 * the condition holds or the timeout passes. Counts since the last clear are what is listed plus
 * what the server dropped; a dropped session counts as ended.
 */
final class RemoteJournal implements JournalReader {

    /** One reading of the journal. */
    record Snapshot(List<SessionRecord> sessions, List<ReceivedMessage> messages, long droppedSessions,
                    long droppedMessages) {

        long sessionsStarted() {
            return sessions.size() + droppedSessions;
        }

        long sessionsEnded() {
            return sessions.stream().filter(session -> !session.isOpen()).count() + droppedSessions;
        }

        long messagesReceived() {
            return messages.size() + droppedMessages;
        }
    }

    private static final Duration FIRST_POLL = Duration.ofMillis(10);
    private static final Duration LONGEST_POLL = Duration.ofMillis(200);

    private final AdminHttp http;
    /** Raw bytes by queue id and arrival, fetched once: messages never change. */
    private final Map<String, byte[]> raw = new HashMap<>();

    RemoteJournal(AdminHttp http) {
        this.http = http;
    }

    Snapshot read() {
        JsonNode journal = http.json("GET", "/journal");
        List<SessionRecord> sessions = new ArrayList<>();
        journal.path("sessions").forEach(node -> sessions.add(JournalJson.session(node)));
        List<ReceivedMessage> messages = new ArrayList<>();
        Map<String, byte[]> kept = new HashMap<>();
        for (JsonNode node : journal.path("messages")) {
            String key = node.path("id").asText() + "@" + node.path("receivedAt").asText();
            byte[] bytes = rawBytes(key, node.path("rawPath").asText());
            kept.put(key, bytes);
            messages.add(new ReceivedMessage(node.path("id").asText(), node.path("sessionId").asLong(),
                    JournalJson.instant(node, "receivedAt"), JournalJson.envelope(node), bytes,
                    node.path("bareLineEndings").asBoolean()));
        }
        synchronized (raw) {
            raw.keySet().retainAll(kept.keySet()); // forget what the server no longer lists
        }
        return new Snapshot(List.copyOf(sessions), List.copyOf(messages), journal.path("droppedSessions").asLong(),
                journal.path("droppedMessages").asLong());
    }

    private byte[] rawBytes(String key, String path) {
        synchronized (raw) {
            byte[] known = raw.get(key);
            if (known != null) {
                return known;
            }
        }
        byte[] bytes = http.bytes(path);
        synchronized (raw) {
            raw.put(key, bytes);
        }
        return bytes;
    }

    @Override
    public List<SessionRecord> sessions() {
        return read().sessions();
    }

    @Override
    public List<ReceivedMessage> messages() {
        return read().messages();
    }

    @Override
    public long droppedSessions() {
        return read().droppedSessions();
    }

    @Override
    public long droppedMessages() {
        return read().droppedMessages();
    }

    @Override
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
        return await(s -> s.messagesReceived() >= count, timeout,
                s -> count + " message(s), got " + s.messagesReceived()).messages();
    }

    @Override
    public List<SessionRecord> awaitSessions(int count, Duration timeout) {
        return await(s -> s.sessionsStarted() >= count, timeout,
                s -> count + " session(s), got " + s.sessionsStarted()).sessions();
    }

    @Override
    public List<SessionRecord> awaitEndedSessions(int count, Duration timeout) {
        return await(s -> s.sessionsEnded() >= count, timeout,
                s -> count + " ended session(s), got " + s.sessionsEnded()).sessions();
    }

    @Override
    public SessionRecord awaitSession(Predicate<SessionRecord> condition, Duration timeout) {
        Snapshot found = await(s -> s.sessions().stream().anyMatch(condition), timeout,
                s -> "a matching session; sessions: " + s.sessions());
        return found.sessions().stream().filter(condition).findFirst().orElseThrow();
    }

    /** Reads until the condition holds; polls more slowly as time goes by. */
    private Snapshot await(Predicate<Snapshot> condition, Duration timeout, Function<Snapshot, String> expectation) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = FIRST_POLL;
        while (true) {
            Snapshot snapshot = read();
            if (condition.test(snapshot)) {
                return snapshot;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for "
                        + expectation.apply(snapshot));
            }
            try {
                Thread.sleep(Math.max(1, Math.min(pause.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting on the journal", e);
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : pause.multipliedBy(2);
        }
    }
}
