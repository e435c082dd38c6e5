package dev.smtpdouble.netty;

import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.session.Session;
import dev.smtpdouble.session.SessionFactory;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the pipeline of each accepted connection: decoder, encoder, session handler; on an
 * implicit-TLS listener the TLS handler comes first, from the first byte.
 */
final class SmtpChannelInitializer extends ChannelInitializer<Channel> {

    private final SessionFactory sessions;
    private final ChannelGroup channels;
    private final AtomicInteger activeConnections;
    private final ClientConnections clientConnections;
    private final TlsContexts tls;
    private final boolean implicitTls;

    SmtpChannelInitializer(SessionFactory sessions, ChannelGroup channels, AtomicInteger activeConnections,
                           ClientConnections clientConnections, TlsContexts tls, boolean implicitTls) {
        this.sessions = sessions;
        this.channels = channels;
        this.activeConnections = activeConnections;
        this.clientConnections = clientConnections;
        this.tls = tls;
        this.implicitTls = implicitTls;
    }

    @Override
    protected void initChannel(Channel channel) {
        Session session = sessions.open(describe(channel.remoteAddress()));
        Settings settings = session.settings();
        SmtpLineDecoder decoder = new SmtpLineDecoder(settings.maxCommandLine(), settings.maxTextLine());
        if (implicitTls) {
            channel.pipeline().addLast("tls", tls.newHandler(settings));
        }
        channel.pipeline()
                .addLast("decoder", decoder)
                .addLast("encoder", SmtpReplyEncoder.INSTANCE)
                .addLast("session", new SmtpSessionHandler(session, decoder, activeConnections, clientConnections,
                        tls, implicitTls));
        channels.add(channel);
    }

    /** {@code 127.0.0.1:40312}, built by hand: this runs for every connection. */
    private static String describe(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return remote == null ? "unknown" : remote.toString(); // an in-memory channel's: "embedded"
    }
}
