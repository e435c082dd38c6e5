package dev.smtpdouble.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.protocol.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JournalTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    private static Envelope envelope(String sender, String... recipients) {
        return new Envelope(sender, Map.of(),
                List.of(recipients).stream().map(r -> new Recipient(r, Map.of())).toList());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void timestampsHaveMillisecondPrecisionAndEntriesOfOneMillisecondShareOne() {
        Instant withNanos = T0.plusNanos(1_234_567);
        Journal journal = new Journal(10, Clock.fixed(withNanos, ZoneOffset.UTC));

        SessionLog log = journal.openSession(1, "127.0.0.1:40000");
        log.reply(Reply.of(220, "localhost ESMTP"), null);
        log.command("QUIT");

        SessionRecord record = journal.sessions().get(0);
        assertThat(record.startedAt()).isEqualTo(T0.plusMillis(1));
        assertThat(record.transcript()).allSatisfy(entry -> assertThat(entry.at()).isSameAs(record.startedAt()));
    }

    @Test
    void recordsSessionsWithTheirTranscriptInOrder() {
        Journal journal = new Journal(10, Clock.fixed(T0, ZoneOffset.UTC));

        SessionLog log = journal.openSession(3, "127.0.0.1:40000");
        log.reply(Reply.of(220, "localhost ESMTP"), null);
        log.command("EHLO client");
        log.reply(Reply.of(250, "localhost"), null);
        log.command("QUIT");
        log.reply(Reply.of(221, "2.0.0", "Bye"), "bye-rule");

        SessionRecord record = journal.sessions().get(0);
        assertThat(record.id()).isEqualTo(1);
        assertThat(record.connectionNumber()).isEqualTo(3);
        assertThat(record.remoteAddress()).isEqualTo("127.0.0.1:40000");
        assertThat(record.startedAt()).isEqualTo(T0);
        assertThat(record.commands()).containsExactly("EHLO client", "QUIT");
        assertThat(record.replyCodes()).containsExactly(220, 250, 221);
        assertThat(record.transcript()).extracting(Object::toString)
                .containsExactly("S: 220 localhost ESMTP", "C: EHLO client", "S: 250 localhost", "C: QUIT",
                        "S: 221 2.0.0 Bye  [rule 'bye-rule']");
        assertThat(record.transcript()).allSatisfy(entry -> assertThat(entry.at()).isEqualTo(T0));
        assertThat(record.isOpen()).isTrue();
        assertThat(record.end()).isNull();
        assertThat(journal.openSessions()).isEqualTo(1);
    }

    @Test
    void onlyTheFirstEndCounts() {
        Journal journal = new Journal();
        SessionLog log = journal.openSession(1, "test");

        log.end(SessionEnd.SERVER_CLOSED);
        log.end(SessionEnd.CLIENT_CLOSED);

        SessionRecord record = journal.sessions().get(0);
        assertThat(record.end()).isEqualTo(SessionEnd.SERVER_CLOSED);
        assertThat(record.endedAt()).isNotNull();
        assertThat(record.isOpen()).isFalse();
        assertThat(journal.openSessions()).isZero();
        journal.awaitEndedSessions(1, WAIT);
        assertThatThrownBy(() -> journal.awaitEndedSessions(2, Duration.ofMillis(20)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("2 ended session(s), got 1");
    }

    @Test
    void isBoundedAndCountsWhatItDropped() {
        Journal journal = new Journal(2);

        SessionLog first = journal.openSession(1, "a");
        journal.openSession(2, "b");
        SessionLog third = journal.openSession(3, "c");
        for (int i = 1; i <= 3; i++) {
            third.message("Q" + i, envelope("s@example.org", "r@example.org"), bytes("m" + i), false);
        }

        assertThat(journal.sessions()).extracting(SessionRecord::connectionNumber).containsExactly(2, 3);
        assertThat(journal.sessions()).extracting(SessionRecord::id).containsExactly(2L, 3L);
        assertThat(journal.droppedSessions()).isEqualTo(1);
        assertThat(journal.messages()).extracting(ReceivedMessage::id).containsExactly("Q2", "Q3");
        assertThat(journal.droppedMessages()).isEqualTo(1);
        assertThat(journal.message("Q1")).isEmpty();
        assertThat(journal.message("Q3")).get().extracting(ReceivedMessage::rawText).isEqualTo("m3");
        // Waiting counts what arrived, not what is still kept.
        assertThat(journal.awaitMessages(3, WAIT)).hasSize(2);
        assertThat(journal.awaitSessions(3, WAIT)).hasSize(2);
        // A dropped session still writes to its own log, but the journal no longer shows it.
        first.command("NOOP");
        assertThat(journal.sessions()).noneMatch(s -> s.commands().contains("NOOP"));
    }

    @Test
    void boundsTheTranscriptOfOneSession() {
        Journal journal = new Journal();
        SessionLog log = journal.openSession(1, "test");

        for (int i = 0; i < 10_005; i++) {
            log.command("NOOP " + i);
        }

        SessionRecord record = journal.sessions().get(0);
        assertThat(record.transcript()).hasSize(10_000);
        assertThat(record.droppedEntries()).isEqualTo(5);
        assertThat(record.commands().get(9_999)).isEqualTo("NOOP 9999");
    }

    @Test
    void rejectsACapacityBelowOne() {
        assertThatThrownBy(() -> new Journal(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void handsOutCopiesOfTheRawMessage() {
        Journal journal = new Journal();
        SessionLog log = journal.openSession(1, "test");
        byte[] sent = bytes("Subject: x\r\n\r\nbody\r\n");

        log.message("Q1", envelope("s@example.org", "r@example.org"), sent, false);
        sent[0] = 'X';
        byte[] handedOut = journal.messages().get(0).raw();
        handedOut[1] = 'X';

        ReceivedMessage message = journal.messages().get(0);
        assertThat(message.rawText()).isEqualTo("Subject: x\r\n\r\nbody\r\n");
        assertThat(message.raw()).isNotSameAs(message.raw());
        assertThat(message.size()).isEqualTo(sent.length);
    }

    @Test
    void handsOutSnapshotsThatLaterEventsDoNotChange() {
        Journal journal = new Journal();
        SessionLog log = journal.openSession(1, "test");
        log.command("EHLO a");

        SessionRecord before = journal.sessions().get(0);
        List<SessionRecord> sessions = journal.sessions();
        log.command("NOOP");
        log.end(SessionEnd.CLIENT_QUIT);

        assertThat(before.commands()).containsExactly("EHLO a");
        assertThat(before.isOpen()).isTrue();
        assertThat(journal.sessions().get(0).commands()).containsExactly("EHLO a", "NOOP");
        assertThatThrownBy(() -> sessions.add(before)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> before.transcript().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> journal.messages().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void envelopeCopiesItsLists() {
        List<Recipient> recipients = new java.util.ArrayList<>(List.of(new Recipient("r@example.org", Map.of())));
        Envelope envelope = new Envelope("s@example.org", Map.of("BODY", "8BITMIME"), recipients);

        recipients.clear();

        assertThat(envelope.recipientAddresses()).containsExactly("r@example.org");
        assertThatThrownBy(() -> envelope.recipients().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parsesAStoredMessageAsMime() throws Exception {
        Journal journal = new Journal();
        journal.openSession(1, "test").message("Q1", envelope("s@example.org", "r@example.org"),
                bytes("From: s@example.org\r\nSubject: Hello\r\n\r\nThe body\r\n"), false);

        var mime = journal.messages().get(0).mimeMessage();

        assertThat(mime.getSubject()).isEqualTo("Hello");
        assertThat(mime.getContent()).asString().isEqualToIgnoringNewLines("The body");
    }

    @Test
    void awaitReturnsOnceAnotherThreadDeliversTheEvent() throws Exception {
        Journal journal = new Journal();
        CountDownLatch waiting = new CountDownLatch(1);

        CompletableFuture<List<ReceivedMessage>> awaited = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            return journal.awaitMessages(1, WAIT);
        });
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        SessionLog log = journal.openSession(1, "test");
        log.message("Q1", envelope("s@example.org", "r@example.org"), bytes("x"), false);

        assertThat(awaited.get(10, TimeUnit.SECONDS)).extracting(ReceivedMessage::id).containsExactly("Q1");
    }

    @Test
    void awaitSessionReturnsTheFirstMatchingSnapshot() throws Exception {
        Journal journal = new Journal();
        journal.openSession(1, "a");
        SessionLog second = journal.openSession(2, "b");

        CompletableFuture<SessionRecord> awaited = CompletableFuture.supplyAsync(
                () -> journal.awaitSession(s -> s.end() == SessionEnd.CLIENT_QUIT, WAIT));
        CompletableFuture.runAsync(() -> {
            second.command("QUIT");
            second.end(SessionEnd.CLIENT_QUIT);
        });

        SessionRecord record = awaited.get(10, TimeUnit.SECONDS);
        assertThat(record.connectionNumber()).isEqualTo(2);
        assertThat(record.commands()).containsExactly("QUIT");
    }

    @Test
    void awaitTimesOutWithAClearAssertionError() {
        Journal journal = new Journal();
        journal.openSession(1, "127.0.0.1:1234").command("EHLO a");

        assertThatThrownBy(() -> journal.awaitMessages(1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("timed out after 50 ms waiting for 1 message(s), got 0");
        assertThatThrownBy(() -> journal.awaitSessions(2, Duration.ofMillis(20)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("timed out after 20 ms waiting for 2 session(s), got 1");
        assertThatThrownBy(() -> journal.awaitSession(s -> s.end() != null, Duration.ofMillis(20)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("timed out after 20 ms waiting for a matching session; sessions: ")
                .hasMessageContaining("EHLO a");
    }

    @Test
    void awaitWithZeroTimeoutChecksOnce() {
        Journal journal = new Journal();
        journal.openSession(1, "test");

        assertThat(journal.awaitSessions(1, Duration.ZERO)).hasSize(1);
        assertThatThrownBy(() -> journal.awaitMessages(1, Duration.ZERO)).isInstanceOf(AssertionError.class);
    }

    @Test
    void clearForgetsEverythingAndRestartsTheCounts() {
        Journal journal = new Journal(1);
        SessionLog old = journal.openSession(1, "a");
        journal.openSession(2, "b").message("Q1", envelope("s@example.org", "r@example.org"), bytes("x"), false);
        journal.openSession(3, "c");
        old.end(SessionEnd.CLIENT_QUIT);

        journal.clear();

        assertThat(journal.sessions()).isEmpty();
        assertThat(journal.messages()).isEmpty();
        assertThat(journal.openSessions()).isZero();
        assertThat(journal.droppedSessions()).isZero();
        assertThat(journal.droppedMessages()).isZero();
        assertThatThrownBy(() -> journal.awaitSessions(1, Duration.ofMillis(20))).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> journal.awaitMessages(1, Duration.ofMillis(20))).isInstanceOf(AssertionError.class);

        SessionLog next = journal.openSession(1, "d");
        assertThat(journal.awaitSessions(1, WAIT)).extracting(SessionRecord::remoteAddress).containsExactly("d");
        assertThat(next.id()).as("ids stay unique across a clear").isEqualTo(4);
    }

    @Test
    void aSessionOpenAcrossAClearIsNotCountedWhenItEndsButItsLaterMessageIs() {
        Journal journal = new Journal();
        SessionLog before = journal.openSession(1, "a");

        journal.clear();
        before.end(SessionEnd.CLIENT_QUIT);

        assertThat(journal.sessions()).isEmpty();
        assertThatThrownBy(() -> journal.awaitEndedSessions(1, Duration.ofMillis(20)))
                .isInstanceOf(AssertionError.class);

        SessionLog pooled = journal.openSession(2, "b");
        journal.clear();
        pooled.message("Q2", envelope("s@example.org", "r@example.org"), bytes("late"), false);
        assertThat(journal.awaitMessages(1, WAIT)).extracting(ReceivedMessage::id).containsExactly("Q2");
    }
}
