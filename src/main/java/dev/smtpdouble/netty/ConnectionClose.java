package dev.smtpdouble.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The ways the server ends a connection: once what is written has left, gracefully (half-close, then
 * drain), or with a TCP reset. Confined to the connection's event loop.
 */
final class ConnectionClose {

    private final SmtpLineDecoder decoder;
    private ChannelHandlerContext ctx;
    /** Closes a half-closed connection when the client does not hang up within the drain time. */
    private ScheduledFuture<?> drainClose;

    ConnectionClose(SmtpLineDecoder decoder) {
        this.decoder = decoder;
    }

    void attach(ChannelHandlerContext context) {
        this.ctx = context;
    }

    /** Closes once what was written has been flushed. */
    void afterFlush() {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** A TCP reset (RST, SO_LINGER 0) instead of an orderly close; nothing more is read. */
    void reset() {
        decoder.discardAll();
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        ctx.close();
    }

    /**
     * Flush, half-close (FIN), then read and discard what the client still sends until it closes or
     * the drain timeout passes. Closing outright would race with the client's next write and turn
     * the 421 into a connection reset on the client's side.
     */
    void gracefully(long drainMillis) {
        decoder.discardAll();
        decoder.paused(false);
        ctx.channel().config().setAutoRead(true);
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(future -> {
            if (ssl != null && ssl.handshakeFuture().isSuccess()) {
                ssl.closeOutbound(); // close_notify before the FIN, as TLS clients expect
            }
            if (ctx.channel() instanceof SocketChannel socket && socket.isActive()) {
                socket.shutdownOutput();
            }
            if (ctx.channel().isActive()) {
                drainClose = ctx.executor().schedule(() -> {
                    ctx.close();
                }, drainMillis, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** The connection is gone: the drain timer goes with it. */
    void cancel() {
        if (drainClose != null) {
            drainClose.cancel(false);
        }
    }
}
