package dev.smtpdouble.netty;

import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.session.Session;
import dev.smtpdouble.session.SessionFactory;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds the pipeline of each accepted connection: decoder, encoder, session handler. */
final class SmtpChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final SessionFactory sessions;
    private final ChannelGroup channels;
    private final AtomicInteger activeConnections = new AtomicInteger();

    SmtpChannelInitializer(SessionFactory sessions, ChannelGroup channels) {
        this.sessions = sessions;
        this.channels = channels;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        Session session = sessions.open(describe(channel.remoteAddress()));
        Settings settings = session.settings();
        SmtpLineDecoder decoder = new SmtpLineDecoder(settings.maxCommandLine(), settings.maxTextLine());
        channel.pipeline()
                .addLast("decoder", decoder)
                .addLast("encoder", SmtpReplyEncoder.INSTANCE)
                .addLast("session", new SmtpSessionHandler(session, decoder, activeConnections));
        channels.add(channel);
    }

    /** {@code 127.0.0.1:40312}, built by hand: this runs for every connection. */
    private static String describe(InetSocketAddress remote) {
        return remote == null ? "unknown" : remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }
}
