package dev.smtpdouble.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Set;

/**
 * The SMTP port, bound first thing at start-up with the JDK alone, before the command line library
 * and Netty are loaded. A client that connects while the rest starts waits in the kernel's backlog
 * for the greeting instead of being refused. Only the plain {@code --host} / {@code --port} forms
 * are read here; the full parse follows and decides whether this socket is used or closed.
 *
 * @param host    the host as given (default 127.0.0.1)
 * @param port    the port as given (default 2525; 0 = a free port)
 * @param channel the bound socket
 */
record EarlyListener(String host, int port, ServerSocketChannel channel) {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 2525;
    private static final Set<String> NO_SERVER = Set.of("-h", "--help", "-V", "--version", "--validate", "--schema");

    /** @return the bound listener, or null when the arguments ask for no server or the bind fails */
    static EarlyListener bind(String[] args) {
        if (args.length > 0 && args[0].equals(MatrixCommand.NAME)) {
            return null; // the matrix starts servers of its own, on free ports
        }
        String host = DEFAULT_HOST;
        String port = String.valueOf(DEFAULT_PORT);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (NO_SERVER.contains(name)) {
                return null;
            }
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                    : i + 1 < args.length ? args[i + 1] : null;
            if (name.equals("--host") && value != null) {
                host = value;
            } else if (name.equals("--port") && value != null) {
                port = value;
            }
        }
        try {
            int number = Integer.parseInt(port);
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                channel.bind(new InetSocketAddress(host, number), 1024);
                return new EarlyListener(host, number, channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                return null; // the regular start reports it with the right words
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether this socket is the one the parsed options ask for. */
    boolean matches(String parsedHost, int parsedPort) {
        return host.equals(parsedHost) && port == parsedPort;
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing listens on it yet; the regular start binds anew
        }
    }
}
