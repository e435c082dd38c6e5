package dev.smtpdouble.netty;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection's place in the server's connection count and in its client address's (Postfix's
 * anvil), from its arrival until it ends. A draining connection has given its place back already.
 * Confined to the connection's event loop.
 */
final class ConnectionSlot {

    private final AtomicInteger activeConnections;
    private final ClientConnections clientConnections;
    /** The client's address while it counts against the per-client limit; null when it does not. */
    private InetAddress client;
    private boolean held;
    /** Whether this connection exceeded the connection limit when it arrived. */
    private boolean overServerLimit;
    /** Whether its client address had as many connections as the per-client limit allows when it arrived. */
    private boolean overClientLimit;

    ConnectionSlot(AtomicInteger activeConnections, ClientConnections clientConnections) {
        this.activeConnections = activeConnections;
        this.clientConnections = clientConnections;
    }

    /** The connection arrived: it counts from now on, and learns whether it is over a limit. */
    void take(Channel channel, int maxConnections, int maxConnectionsPerClient) {
        held = true;
        overServerLimit = activeConnections.incrementAndGet() > maxConnections;
        overClientLimit = maxConnectionsPerClient > 0 && countClient(channel) > maxConnectionsPerClient;
    }

    /** Counts this connection for its client address; returns how many the address has open. */
    private int countClient(Channel channel) {
        if (channel.remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
            client = remote.getAddress();
            return clientConnections.opened(client);
        }
        return 0;
    }

    boolean overServerLimit() {
        return overServerLimit;
    }

    /** Only its client's limit is exceeded: the 421 names the client's address. */
    boolean overClientLimitOnly() {
        return overClientLimit && !overServerLimit;
    }

    String clientAddress() {
        return client.getHostAddress();
    }

    /** The connection is over (or draining): it stops counting. Only the first call counts. */
    void release() {
        if (held) {
            held = false;
            activeConnections.decrementAndGet();
            if (client != null) {
                clientConnections.closed(client);
            }
        }
    }
}
