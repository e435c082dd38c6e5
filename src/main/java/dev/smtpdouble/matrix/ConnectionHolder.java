package dev.smtpdouble.matrix;

import dev.smtpdouble.SmtpDouble;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One connection the matrix holds open, so that the code's first connection finds the server full;
 * it lets go once that connection has ended, so that a retry gets in.
 */
final class ConnectionHolder implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 5000;

    private final Socket socket;
    private final long sessionId;
    private final Thread release;

    private ConnectionHolder(SmtpDouble smtp, Duration limit) {
        socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(smtp.host(), smtp.port()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line == null || !line.startsWith("220 "); line = in.readLine()) {
                if (line == null) {
                    throw new IOException("the server closed the held connection before greeting it");
                }
            }
        } catch (IOException e) {
            letGo();
            throw new UncheckedIOException("cannot hold a connection to " + smtp.host() + ":" + smtp.port(), e);
        }
        sessionId = smtp.journal().sessions().get(0).id();
        release = new Thread(() -> {
            try {
                smtp.journal().awaitSession(s -> s.id() != sessionId && !s.isOpen(), limit);
            } catch (AssertionError | IllegalStateException notYet) {
                // the code never connected, or the run is over: let go all the same
            }
            letGo();
        }, "smtp-double-matrix-holder");
        release.setDaemon(true);
        release.start();
    }

    static ConnectionHolder open(SmtpDouble smtp, Duration limit) {
        return new ConnectionHolder(smtp, limit);
    }

    /** The journal's id of the held session, which is not one of the code's attempts. */
    long sessionId() {
        return sessionId;
    }

    @Override
    public void close() {
        if (release != null && Thread.currentThread() != release) {
            release.interrupt();
        }
        letGo();
    }

    private synchronized void letGo() {
        if (socket.isClosed()) {
            return;
        }
        try {
            if (socket.isConnected()) {
                socket.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
