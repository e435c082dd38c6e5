package dev.smtpdouble.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.scenario.Decision;
import dev.smtpdouble.scenario.Director;
import dev.smtpdouble.scenario.Event;
import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.scenario.Trigger;
import dev.smtpdouble.session.QueueIds;
import dev.smtpdouble.session.Session;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A VirtualMachineError on an event loop (out of memory, out of stack) is not swallowed as Netty
 * would: the connection closes and the error goes to the thread's uncaught-exception handler, which
 * the standalone server turns into an exit. Also from a scheduled task, whose failure would
 * otherwise only fail a future nobody reads.
 */
class FatalErrorTest {

    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler before;

    @BeforeEach
    void recordUncaught() {
        before = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((thread, error) -> uncaught.add(error));
    }

    @AfterEach
    void restore() {
        Thread.currentThread().setUncaughtExceptionHandler(before);
    }

    /** A scenario whose rules run out of memory when asked about {@code trigger}. */
    private static Director failingOn(Trigger trigger) {
        return new Director() {
            @Override
            public Decision decide(Event event) {
                throw new OutOfMemoryError("Java heap space (while deciding " + event.trigger().yamlName() + ")");
            }

            @Override
            public boolean watches(Trigger watched) {
                return watched == trigger;
            }

            @Override
            public long[] idleThresholds() {
                return new long[] {1000};
            }
        };
    }

    private static EmbeddedChannel connect(Director director) {
        Session session = new Session(Settings.DEFAULTS.withIdleTimeout(Duration.ofMinutes(1)), director,
                new Journal().openSession(1, "test"), 1, new QueueIds());
        SmtpLineDecoder decoder = new SmtpLineDecoder(512, 1000);
        EmbeddedChannel channel = new EmbeddedChannel(decoder, SmtpReplyEncoder.INSTANCE,
                new SmtpSessionHandler(session, decoder, new AtomicInteger(), new TlsContexts(), false));
        channel.freezeTime();
        return channel;
    }

    @Test
    void anErrorWhileAnsweringACommandClosesTheConnectionAndIsReported() {
        EmbeddedChannel channel = connect(failingOn(Trigger.MAIL));
        assertThat(Outbound.drain(channel)).startsWith("220 ");

        channel.writeInbound(Unpooled.copiedBuffer("MAIL FROM:<a@b.test>\r\n", StandardCharsets.US_ASCII));

        assertThat(channel.isOpen()).isFalse();
        assertThat(uncaught).singleElement(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(OutOfMemoryError.class).hasMessageContaining("while deciding mail");
        channel.checkException(); // nothing else went wrong on the way
    }

    @Test
    void anErrorInAScheduledSilenceCheckIsReportedToo() {
        EmbeddedChannel channel = connect(failingOn(Trigger.IDLE));
        assertThat(Outbound.drain(channel)).startsWith("220 ");

        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(uncaught).singleElement(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(OutOfMemoryError.class).hasMessageContaining("while deciding idle");
    }
}
