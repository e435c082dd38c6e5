package dev.smtpdouble.junit;

import dev.smtpdouble.SmtpDouble;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A bare SMTP client for tests that need exact commands: one line out, one reply back. */
final class SmtpClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final String greeting;

    private SmtpClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        greeting = reply();
    }

    static SmtpClient connect(SmtpDouble smtp) {
        try {
            return new SmtpClient(smtp.host(), smtp.port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String greeting() {
        return greeting;
    }

    /** Sends a line and returns the reply's last line (e.g. {@code 250 2.0.0 Ok}). */
    String send(String line) {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a whole transaction and QUIT; returns the reply to the final dot. */
    String sendMail(String from, String to, String subject) {
        send("EHLO client.test");
        send("MAIL FROM:<" + from + ">");
        send("RCPT TO:<" + to + ">");
        send("DATA");
        String accepted = send("Subject: " + subject + "\r\nFrom: <" + from + ">\r\n\r\nHello.\r\n.");
        send("QUIT");
        return accepted;
    }

    /** Reads the next reply; null when the server closed the connection. */
    String reply() throws IOException {
        String line = in.readLine();
        while (line != null && line.length() > 3 && line.charAt(3) == '-') {
            line = in.readLine();
        }
        return line;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do in a test
        }
    }
}
