package dev.smtpdouble.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** What an embedded pipeline wrote, for the pipeline tests. */
final class Outbound {

    private Outbound() {
    }

    /** Runs pending tasks, then takes (and releases) everything written since the last call, as text. */
    static String drain(EmbeddedChannel channel) {
        channel.runPendingTasks();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            buf.release();
            out.writeBytes(bytes);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
