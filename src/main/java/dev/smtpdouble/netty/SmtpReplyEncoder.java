package dev.smtpdouble.netty;

import dev.smtpdouble.protocol.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Renders replies on the wire: {@code code[-| ][status ]text CRLF} per line. */
@ChannelHandler.Sharable
final class SmtpReplyEncoder extends MessageToByteEncoder<Reply> {

    static final SmtpReplyEncoder INSTANCE = new SmtpReplyEncoder();

    private SmtpReplyEncoder() {
        super(Reply.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Reply reply, ByteBuf out) {
        ByteBufUtil.writeUtf8(out, reply.render());
    }
}
