package dev.smtpdouble.netty;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per client address, shared by a server's connections: what Postfix's anvil
 * counts for {@code smtpd_client_connection_count_limit}. An address leaves the map with its last
 * connection, so the map holds at most one entry per open connection.
 */
final class ClientConnections {

    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    /** Counts a new connection from {@code client}; returns how many are open from it now. */
    int opened(InetAddress client) {
        return open.merge(client, 1, Integer::sum);
    }

    /** Counts a connection from {@code client} that ended. */
    void closed(InetAddress client) {
        open.computeIfPresent(client, (address, count) -> count == 1 ? null : count - 1);
    }

    /** How many addresses have connections open. */
    int clients() {
        return open.size();
    }
}
