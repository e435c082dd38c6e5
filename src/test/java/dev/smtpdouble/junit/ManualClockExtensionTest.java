package dev.smtpdouble.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.Events;

/** The extension runs its server on a manual clock on request and injects the clock. */
@SmtpDoubleTest(manualClock = true)
class ManualClockExtensionTest {

    @Test
    void messagesAreStampedWithTheInjectedClock(SmtpDouble smtp, ManualClock clock) {
        Instant start = clock.instant();
        Mail.send(smtp, "ada@example.test", "first");
        clock.advance(Duration.ofHours(2));
        Mail.send(smtp, "ada@example.test", "second");

        List<ReceivedMessage> messages = smtp.journal().awaitMessages(2, Duration.ofSeconds(10));
        assertThat(smtp.clock()).isSameAs(clock);
        assertThat(messages).extracting(ReceivedMessage::receivedAt)
                .containsExactly(start, start.plus(Duration.ofHours(2)));
    }

    @Nested
    class Programmatic {

        @RegisterExtension
        final SmtpDoubleExtension own = SmtpDoubleExtension.builder().manualClock().build();

        @Test
        void theBuilderGivesTheServerAManualClock() {
            assertThat(own.server().clock()).isInstanceOf(ManualClock.class);
        }
    }

    @Test
    void aManualClockParameterOnAWallClockServerFailsWithAClearMessage() {
        Events tests = Examples.run(WallClock.class).testEvents();

        tests.assertStatistics(stats -> stats.started(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(test("wantsAClock"), finishedWithFailure(
                instanceOf(ParameterResolutionException.class),
                message(m -> m.contains("runs on the wall clock") && m.contains("@SmtpDoubleTest(manualClock = true)")))));
    }

    @OnlyInEngineTestKit
    @SmtpDoubleTest
    static class WallClock {
        @Test
        void wantsAClock(ManualClock clock) {
            clock.advance(Duration.ofSeconds(1));
        }
    }
}
