package dev.smtpdouble.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * A fault: answers the client's first bytes after {@code 220 Ready to start TLS} (its ClientHello)
 * with a fatal {@code handshake_failure} alert instead of a ServerHello, then closes. Nothing the
 * client sent reaches the session.
 */
final class TlsAlertResponder extends ChannelInboundHandlerAdapter {

    /** An alert record: type 21, TLS 1.2 record version, length 2, level fatal (2), handshake_failure (40). */
    private static final byte[] HANDSHAKE_FAILURE = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};

    private boolean answered;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        if (!answered) {
            answered = true;
            ctx.writeAndFlush(Unpooled.wrappedBuffer(HANDSHAKE_FAILURE)).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
