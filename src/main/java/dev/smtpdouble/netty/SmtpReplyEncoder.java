package dev.smtpdouble.netty;

import dev.smtpdouble.protocol.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Renders replies on the wire: {@code code[-| ][status ]text CRLF} per line. */
@ChannelHandler.Sharable
final class SmtpReplyEncoder extends MessageToByteEncoder<Reply> {

    static final SmtpReplyEncoder INSTANCE = new SmtpReplyEncoder();

    private SmtpReplyEncoder() {
        super(Reply.class);
    }

    /** Writes straight into the buffer, without building the reply as a String first: this is per reply. */
    @Override
    protected void encode(ChannelHandlerContext ctx, Reply reply, ByteBuf out) {
        List<String> lines = reply.lines();
        String status = reply.status() == null ? null : reply.status().toString();
        int last = lines.size() - 1;
        for (int i = 0; i <= last; i++) {
            int code = reply.code();
            out.writeByte('0' + code / 100).writeByte('0' + code / 10 % 10).writeByte('0' + code % 10);
            out.writeByte(i == last ? ' ' : '-');
            if (status != null) {
                out.writeCharSequence(status, StandardCharsets.US_ASCII);
                out.writeByte(' ');
            }
            ByteBufUtil.writeUtf8(out, lines.get(i));
            out.writeByte('\r').writeByte('\n');
        }
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Reply reply, boolean preferDirect) {
        int size = 0;
        for (String line : reply.lines()) {
            size += line.length() + 16;
        }
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }
}
