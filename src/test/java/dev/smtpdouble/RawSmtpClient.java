package dev.smtpdouble;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** A bare SMTP client over a loopback socket: writes raw bytes, reads whole replies, sees EOF. */
public final class RawSmtpClient implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawSmtpClient(SmtpDouble server) throws IOException {
        this(server.host(), server.port());
    }

    public RawSmtpClient(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    Socket socket() {
        return socket;
    }

    /**
     * Continues over TLS on the same connection (after {@code 220 Ready to start TLS}), asking for
     * {@code serverName} with SNI when it is not null.
     */
    public SSLSocket startTls(SSLSocketFactory factory, String serverName) throws IOException {
        SSLSocket tls = (SSLSocket) factory.createSocket(socket, socket.getInetAddress().getHostAddress(),
                socket.getPort(), true);
        if (serverName != null) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
            tls.setSSLParameters(parameters);
        }
        tls.setUseClientMode(true);
        tls.startHandshake();
        socket = tls;
        in = tls.getInputStream();
        out = tls.getOutputStream();
        return tls;
    }

    /** Writes the text as it is, in one write. */
    public void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Writes the bytes as they are, in one write. */
    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends one command line and reads its reply. */
    public String command(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    /**
     * Reads one complete reply, multi-line ones joined with CRLF, without the final CRLF.
     *
     * @return the reply, or null when the server closed the connection before a reply began
     * @throws IOException also when the connection ends in the middle of a reply
     */
    public String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = line();
            if (line == null) {
                if (reply.length() > 0) {
                    throw new IOException("connection closed inside a reply: " + reply);
                }
                return null;
            }
            reply.append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
            reply.append("\r\n");
        }
    }

    /** A line without its CRLF, or null at end of stream. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() > 0) {
                    throw new IOException("connection closed inside a line: " + line.toString(StandardCharsets.UTF_8));
                }
                return null;
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    /** Reads whatever is left until the server closes its side; the text, or "" when nothing came. */
    String rest() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
