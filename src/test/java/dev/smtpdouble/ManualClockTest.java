package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.journal.TranscriptEntry;
import dev.smtpdouble.scenario.Scenarios;
import dev.smtpdouble.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A server on a clock the test moves: silences and journal timestamps follow it, no one sleeps. */
class ManualClockTest {

    private static final Instant START = Instant.parse("2030-01-01T08:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void theClockStandsStillUntilAdvancedAndNeverGoesBack() {
        ManualClock clock = new ManualClock(START);
        AtomicInteger told = new AtomicInteger();
        Runnable stop = clock.onAdvance(told::incrementAndGet);

        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(START.plusSeconds(300));
        assertThat(clock.withZone(ZoneId.of("Europe/Zurich")).instant()).as("a zoned view shares the time")
                .isEqualTo(START.plusSeconds(300));
        assertThat(told).hasValue(1);
        stop.run();
        clock.advance(Duration.ofMillis(1));
        assertThat(told).hasValue(1);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a clock only moves forward: PT-1S");
    }

    @Test
    void theClockRefusesToMovePastTheLatestTimeAServerCanServe() {
        ManualClock clock = new ManualClock(START);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the clock cannot move past 9999-12-31T23:59:59.999Z: it stands at 2030-01-01T08:00:00Z"
                        + " and PT2562047788015215H30M7S is too far");
        assertThatThrownBy(() -> clock.advance(Duration.ofHours(999_999_999_999L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.instant()).isEqualTo(START);

        Instant latest = Instant.parse("9999-12-31T23:59:59.999Z");
        assertThat(clock.advance(Duration.between(START, latest))).isEqualTo(latest);
        assertThatThrownBy(() -> clock.advance(Duration.ofMillis(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.millis()).isEqualTo(latest.toEpochMilli());
        assertThatThrownBy(() -> new ManualClock(latest.plusMillis(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the clock cannot start past 9999-12-31T23:59:59.999Z: +10000-01-01T00:00:00Z");
    }

    @Test
    void journalTimestampsAreTheServersClock() throws Exception {
        ManualClock clock = new ManualClock(START);
        try (SmtpDouble smtp = SmtpDouble.builder().clock(clock).start();
             RawSmtpClient client = new RawSmtpClient(smtp)) {
            assertThat(client.reply()).startsWith("220");
            clock.advance(Duration.ofSeconds(90));
            assertThat(client.command("NOOP")).startsWith("250");

            SessionRecord session = smtp.journal().sessions().get(0);
            assertThat(smtp.clock()).isSameAs(clock);
            assertThat(session.startedAt()).isEqualTo(START);
            assertThat(session.transcript()).extracting(TranscriptEntry::at)
                    .containsExactly(START, START.plusSeconds(90), START.plusSeconds(90));
        }
    }

    @Test
    void anIdleRuleFiresWhenTheClockPassesItsSilence() throws Exception {
        ManualClock clock = new ManualClock(START);
        try (SmtpDouble smtp = SmtpDouble.builder().clock(clock).idleTimeout(Duration.ofHours(1)).scenario(Scenarios.fromYaml("""
                rules:
                  - {on: idle, after: 10m, reply: 421 4.4.2 Ten quiet minutes}
                """, "idle.yaml")).start();
             RawSmtpClient client = new RawSmtpClient(smtp)) {
            assertThat(client.reply()).startsWith("220");
            assertThat(client.command("EHLO client.test")).startsWith("250");

            clock.advance(Duration.ofMinutes(9));
            assertThat(client.command("NOOP")).as("nine minutes, then activity: the silence starts over")
                    .startsWith("250");
            clock.advance(Duration.ofMinutes(9));
            assertThat(client.command("NOOP")).startsWith("250");
            clock.advance(Duration.ofMinutes(10));

            assertThat(client.reply()).isEqualTo("421 4.4.2 Ten quiet minutes");
            smtp.journal().awaitEndedSessions(1, WAIT);
        }
    }

    @Test
    void theIdleTimeoutFollowsTheClockToo() throws Exception {
        ManualClock clock = new ManualClock(START);
        try (SmtpDouble smtp = SmtpDouble.builder().clock(clock).start();
             RawSmtpClient client = new RawSmtpClient(smtp)) {
            assertThat(client.reply()).startsWith("220");

            clock.advance(Duration.ofMinutes(5));

            assertThat(client.reply()).isEqualTo("421 4.4.2 localhost Error: timeout exceeded");
            assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).endedAt()).isEqualTo(START.plusSeconds(300));
        }
    }
}
