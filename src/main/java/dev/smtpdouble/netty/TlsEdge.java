package dev.smtpdouble.netty;

import dev.smtpdouble.protocol.TlsInfo;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/** What the connection does at the TLS edge: start TLS, read what was negotiated, break it on purpose. */
final class TlsEdge {

    private TlsEdge() {
    }

    /** The 220 leaves in plaintext, then the TLS handler goes first: every later byte is TLS. */
    static void start(ChannelHandlerContext ctx, SslHandler handler) {
        ctx.flush();
        ctx.pipeline().addFirst("tls", handler);
    }

    /** A fault: the reply is flushed, then the connection is reset (RST) instead of a handshake. */
    static void resetAfterReply(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(future -> {
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            ctx.close();
        });
    }

    /** A fault: the reply is flushed, and the client's ClientHello gets a fatal alert. */
    static void alertInsteadOfHandshake(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.pipeline().addFirst("tls-alert", new TlsAlertResponder());
    }

    /** What the finished handshake negotiated. */
    static TlsInfo negotiated(ChannelHandlerContext ctx, boolean implicit) {
        SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
        return new TlsInfo(session.getProtocol(), session.getCipherSuite(), serverName(session), implicit);
    }

    /** The host name the client asked for with SNI, or null. */
    private static String serverName(SSLSession negotiated) {
        if (negotiated instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        }
        return null;
    }

    /** The TLS library's reason, without the bytes a client sent (plaintext might hold a password). */
    static String describe(Throwable cause) {
        Throwable reason = cause;
        while (reason.getCause() != null && !(reason instanceof SSLException)) {
            reason = reason.getCause();
        }
        if (reason instanceof NotSslRecordException) {
            return "the client sent something that is not TLS (plaintext?)";
        } else if (reason instanceof SslHandshakeTimeoutException) {
            return "the client did not complete the handshake in time";
        }
        String message = reason.getMessage();
        return message == null ? reason.getClass().getSimpleName() : message;
    }

    static boolean isTlsProblem(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }
}
