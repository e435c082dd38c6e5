package dev.smtpdouble.netty;

import dev.smtpdouble.session.SessionFactory;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A bound SMTP server: the plain listener and any implicit-TLS listeners (RFC 8314), their event
 * loops and their open connections.
 */
public final class SmtpServer implements AutoCloseable {

    static {
        MachineId.chooseUnlessSet(); // before the first channel is named
    }

    private final EventLoopGroup group;
    private final ChannelGroup channels;
    private final Channel listener;
    private final List<Channel> tlsListeners;

    private SmtpServer(EventLoopGroup group, ChannelGroup channels, Channel listener, List<Channel> tlsListeners) {
        this.group = group;
        this.channels = channels;
        this.listener = listener;
        this.tlsListeners = List.copyOf(tlsListeners);
    }

    /**
     * What the server offers besides its plain listener.
     *
     * @param tlsPorts ports (0 = a free one) of implicit-TLS listeners on the same host
     * @param tls      the TLS contexts of the server
     */
    public record Edge(String host, List<Integer> tlsPorts, TlsContexts tls) {
        public Edge {
            tlsPorts = List.copyOf(tlsPorts);
        }
    }

    /**
     * Loads and initialises the costly parts of Netty (the pooled allocator, the transport) and runs
     * one dialogue through a connection's handlers in memory ({@link Rehearsal}), with a session from
     * {@code sessions}. A process that starts a server can run this on another thread while it parses
     * its options, so that the two overlap on a multi-core machine.
     *
     * @return the reply lines of the rehearsed dialogue
     */
    public static List<String> warmUp(SessionFactory sessions) {
        ByteBufAllocator.DEFAULT.buffer(64).release();
        NioIoHandler.newFactory();
        DefaultChannelId.newInstance();
        ServerBootstrap.class.getName();
        return Rehearsal.run(sessions);
    }

    /**
     * Binds {@code host:port} (port 0 = a free port) and starts accepting.
     *
     * @throws UncheckedIOException when the address cannot be bound (busy port, unknown host)
     */
    public static SmtpServer bind(String host, int port, SessionFactory sessions, int threads, Edge edge) {
        return start(sessions, threads, edge, host + ":" + port,
                bootstrap -> bootstrap.channel(NioServerSocketChannel.class).bind(host, port));
    }

    /**
     * Serves on a server socket that is bound already — for instance one a process bound first thing
     * at start-up, so that early clients wait in its backlog instead of being refused.
     */
    public static SmtpServer adopt(ServerSocketChannel bound, SessionFactory sessions, int threads, Edge edge) {
        String address;
        try {
            address = String.valueOf(bound.getLocalAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("the server socket to adopt is not usable: " + e.getMessage(), e);
        }
        return start(sessions, threads, edge, address,
                bootstrap -> bootstrap.channelFactory(() -> new NioServerSocketChannel(bound)).register());
    }

    private static SmtpServer start(SessionFactory sessions, int threads, Edge edge, String address,
                                    Function<ServerBootstrap, ChannelFuture> listen) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        AtomicInteger active = new AtomicInteger();
        ClientConnections clients = new ClientConnections();
        List<Channel> bound = new ArrayList<>();
        String current = address;
        try {
            Channel listener = listen.apply(bootstrap(group,
                    new SmtpChannelInitializer(sessions, channels, active, clients, edge.tls(), false)))
                    .syncUninterruptibly().channel();
            bound.add(listener);
            List<Channel> tlsListeners = new ArrayList<>();
            for (int port : edge.tlsPorts()) {
                current = edge.host() + ":" + port + " (implicit TLS)";
                Channel tlsListener = bootstrap(group, new SmtpChannelInitializer(sessions, channels, active,
                        clients, edge.tls(), true)).channel(NioServerSocketChannel.class).bind(edge.host(), port).syncUninterruptibly().channel();
                bound.add(tlsListener);
                tlsListeners.add(tlsListener);
            }
            return new SmtpServer(group, channels, listener, tlsListeners);
        } catch (Exception e) { // Netty rethrows the checked BindException as it is
            bound.forEach(Channel::close);
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            String reason = e instanceof UnresolvedAddressException ? "unknown host"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new UncheckedIOException("cannot listen on " + current + ": " + reason, new IOException(reason, e));
        }
    }

    private static ServerBootstrap bootstrap(EventLoopGroup group, SmtpChannelInitializer initializer) {
        return new ServerBootstrap()
                .group(group)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Connections open now, on every listener of this server. */
    public int openConnections() {
        return channels.size();
    }

    /** The addresses of the implicit-TLS listeners, in the order their ports were given. */
    public List<InetSocketAddress> tlsAddresses() {
        return tlsListeners.stream().map(channel -> (InetSocketAddress) channel.localAddress()).toList();
    }

    /**
     * Asks every open session at once whether its silence crossed a threshold: the server's clock was
     * moved forward. Runs on each connection's event loop; returns without waiting.
     */
    public void checkSilences() {
        for (Channel channel : channels) {
            SmtpSessionHandler handler = channel.pipeline().get(SmtpSessionHandler.class);
            if (handler != null) {
                channel.eventLoop().execute(handler::checkSilenceNow);
            }
        }
    }

    /** Sends the shutdown 421 to every open session and waits up to {@code drain} for them to close. */
    public void shutdownSessions(Duration drain) {
        closeListeners();
        for (Channel channel : channels) {
            SmtpSessionHandler handler = channel.pipeline().get(SmtpSessionHandler.class);
            if (handler != null) {
                channel.eventLoop().execute(handler::shutdown);
            }
        }
        long deadline = System.nanoTime() + drain.toNanos();
        for (Channel channel : channels) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !channel.closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                break;
            }
        }
    }

    private void closeListeners() {
        listener.close().syncUninterruptibly();
        tlsListeners.forEach(channel -> channel.close().syncUninterruptibly());
    }

    /** Closes the listeners and every connection at once, then the event loops. */
    @Override
    public void close() {
        closeListeners();
        for (Channel channel : channels) {
            SmtpSessionHandler handler = channel.pipeline().get(SmtpSessionHandler.class);
            if (handler != null) {
                channel.eventLoop().execute(handler::closeByServer);
            }
        }
        channels.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
