package dev.smtpdouble.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.protocol.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The journal's memory is bounded in bytes as well as entries, and its readers never hold up its writers. */
class JournalBoundsTest {

    private static final Envelope ENVELOPE = new Envelope("s@example.org", Map.of(),
            List.of(new Recipient("r@example.org", Map.of())));

    private static byte[] message(int size) {
        byte[] raw = new byte[size];
        java.util.Arrays.fill(raw, (byte) 'x');
        return raw;
    }

    @Test
    void dropsTheOldestMessagesWhenTheBytesAreFull() {
        Journal journal = new Journal(JournalLimits.DEFAULTS.withBytes(100_000));
        SessionLog log = journal.openSession(1, "a");

        for (int i = 1; i <= 30; i++) {
            log.message("Q" + i, ENVELOPE, message(10_000), false);
        }

        assertThat(journal.retainedBytes()).isLessThanOrEqualTo(100_000);
        List<ReceivedMessage> kept = journal.messages();
        assertThat(kept).hasSizeBetween(5, 9);
        assertThat(kept.get(kept.size() - 1).id()).isEqualTo("Q30");
        assertThat(journal.droppedMessages()).isEqualTo(30 - kept.size());
        assertThat(journal.awaitMessages(30, Duration.ZERO)).as("waiting counts what arrived").hasSize(kept.size());
    }

    @Test
    void keepsTheNewestMessageEvenWhenItAloneIsLargerThanTheBound() {
        Journal journal = new Journal(JournalLimits.DEFAULTS.withBytes(10_000));
        SessionLog log = journal.openSession(1, "a");
        log.message("Q1", ENVELOPE, message(100), false);

        log.message("Q2", ENVELOPE, message(50_000), false);

        assertThat(journal.messages()).extracting(ReceivedMessage::id).containsExactly("Q2");
        assertThat(journal.sessions()).as("the session went before its own message").isEmpty();
        assertThat(journal.droppedMessages()).isEqualTo(1);
        assertThat(journal.droppedSessions()).isEqualTo(1);
    }

    @Test
    void chattySessionsPushOutOlderOnesInsteadOfGrowing() {
        Journal journal = new Journal(JournalLimits.DEFAULTS.withBytes(200_000));

        for (int s = 1; s <= 100; s++) {
            SessionLog log = journal.openSession(s, "client-" + s);
            for (int i = 0; i < 100; i++) {
                log.command("NOOP " + "x".repeat(200));
                log.reply(Reply.of(250, "2.0.0", "Ok"), null);
            }
            log.end(SessionEnd.CLIENT_QUIT);
        }

        assertThat(journal.retainedBytes()).isBetween(1L, 200_000L);
        List<SessionRecord> kept = journal.sessions();
        assertThat(kept).isNotEmpty().hasSizeLessThan(20);
        assertThat(kept.get(kept.size() - 1).connectionNumber()).isEqualTo(100);
        assertThat(kept).allSatisfy(s -> assertThat(s.transcript()).hasSize(200));
        assertThat(journal.droppedSessions()).isEqualTo(100 - kept.size());
        assertThat(journal.awaitEndedSessions(100, Duration.ZERO)).hasSize(kept.size());
    }

    @Test
    void boundsTheTranscriptOfOneSessionInBytes() {
        Journal journal = new Journal(JournalLimits.DEFAULTS.withSessionLimits(10_000, 8192));
        SessionLog log = journal.openSession(1, "test");

        for (int i = 0; i < 1000; i++) {
            log.command("RCPT TO:<recipient-" + i + "@example.org>");
        }

        SessionRecord record = journal.sessions().get(0);
        assertThat(record.transcript()).hasSizeBetween(50, 100);
        assertThat(record.droppedEntries()).isEqualTo(1000 - record.transcript().size());
        assertThat(record.commands().get(0)).isEqualTo("RCPT TO:<recipient-0@example.org>");
        assertThat(journal.retainedBytes()).isLessThanOrEqualTo(8192 + 1024);
    }

    @Test
    void aSessionDroppedWhileOpenNoLongerCountsWhatItWrites() {
        Journal journal = new Journal(JournalLimits.DEFAULTS.withEntries(1));
        SessionLog first = journal.openSession(1, "a");
        journal.openSession(2, "b");
        long before = journal.retainedBytes();

        for (int i = 0; i < 100; i++) {
            first.command("NOOP");
        }

        assertThat(journal.retainedBytes()).isEqualTo(before);
    }

    @Test
    void clearStartsTheByteCountOver() {
        Journal journal = new Journal();
        SessionLog open = journal.openSession(1, "a");
        open.message("Q1", ENVELOPE, message(5000), false);

        journal.clear();
        open.command("NOOP");

        assertThat(journal.retainedBytes()).isZero();
    }

    @Test
    void rejectsBoundsTooSmallToHoldAnything() {
        assertThatThrownBy(() -> JournalLimits.DEFAULTS.withBytes(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("journal bytes must be at least 1024: 10");
        assertThatThrownBy(() -> JournalLimits.DEFAULTS.withEntries(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("journal entries must be at least 1: 0");
    }

    /**
     * A test thread that waits for a session checks its condition while the event loops go on: it
     * holds nothing they need, however long the check takes.
     */
    @Test
    void writersGoOnWhileAWaiterChecksItsCondition() throws Exception {
        Journal journal = new Journal();
        journal.openSession(1, "a").command("EHLO a");
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch writersDone = new CountDownLatch(1);

        CompletableFuture<SessionRecord> waiter = CompletableFuture.supplyAsync(() -> journal.awaitSession(s -> {
            checking.countDown();
            try {
                // a slow check: it returns only once the writers are through
                return writersDone.await(30, TimeUnit.SECONDS) && s.commands().contains("QUIT");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(30)));
        assertThat(checking.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> writers = CompletableFuture.runAsync(() -> {
            SessionLog log = journal.openSession(2, "b");
            log.command("QUIT");
            log.message("Q1", ENVELOPE, message(10), false);
            log.end(SessionEnd.CLIENT_QUIT);
        });
        writers.get(10, TimeUnit.SECONDS); // before: blocked on the lock the waiter held while checking
        writersDone.countDown();

        assertThat(waiter.get(10, TimeUnit.SECONDS).connectionNumber()).isEqualTo(2);
    }
}
