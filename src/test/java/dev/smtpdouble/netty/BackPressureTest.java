package dev.smtpdouble.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.scenario.Director;
import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.session.QueueIds;
import dev.smtpdouble.session.Session;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A client that pipelines without reading its replies: the server stops decoding and reading once
 * the replies waiting to be sent pass the outbound buffer's high-water mark, and goes on when they
 * drained, so the replies never pile up in memory, and none is lost or reordered.
 */
class BackPressureTest {

    private static final int COMMANDS = 20_000;
    private static final String OK = "250 2.0.0 Ok\r\n";

    @Test
    void repliesWaitingToBeSentStayUnderTheHighWaterMark() {
        Session session = new Session(Settings.DEFAULTS, Director.NONE, new Journal().openSession(1, "test"), 1,
                new QueueIds());
        SmtpLineDecoder decoder = new SmtpLineDecoder(512, 1000);
        EmbeddedChannel channel = new EmbeddedChannel(decoder, SmtpReplyEncoder.INSTANCE,
                new SmtpSessionHandler(session, decoder, new AtomicInteger(), new TlsContexts(), false));
        assertThat(Outbound.drain(channel)).startsWith("220 ");
        int highWaterMark = channel.config().getWriteBufferHighWaterMark();

        // One read of 20 000 pipelined commands, and no flush yet: the client reads nothing.
        channel.writeOneInbound(Unpooled.copiedBuffer("NOOP\r\n".repeat(COMMANDS), StandardCharsets.US_ASCII));

        long waiting = channel.unsafe().outboundBuffer().totalPendingWriteBytes();
        assertThat(waiting).as("reply bytes held in memory for a client that does not read")
                .isLessThan(highWaterMark + 1024L) // the mark, plus the last reply and Netty's allowance per entry
                .isLessThan(COMMANDS * OK.length() / 4L);
        assertThat(channel.config().isAutoRead()).as("the socket is no longer read").isFalse();

        channel.flushInbound(); // the read ends: the replies go out, the client reads them
        String replies = Outbound.drain(channel);

        assertThat(replies).isEqualTo(OK.repeat(COMMANDS));
        assertThat(channel.config().isAutoRead()).as("reading again once the replies drained").isTrue();
        channel.finishAndReleaseAll();
    }
}
