import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS load for the benchmark: C client threads, each running whole SMTP sessions back to back for a
 * fixed time: connect, (implicit TLS handshake,) greeting, EHLO, (STARTTLS, handshake, EHLO,) MAIL,
 * RCPT, DATA with a body of B bytes, QUIT. One message per session, so sessions/s = messages/s.
 * The same client for every server; it trusts any certificate (the servers' certificates differ).
 * Each session is a new TLS handshake (no session resumption: a new SSLContext per thread would still
 * cache, so the cache is turned off).
 *
 * Usage: java TlsLoad.java HOST PORT starttls|implicit|plain CONCURRENCY SECONDS BODY_BYTES
 * Prints: sessions=N seconds=S rate=R errors=E
 */
public class TlsLoad {

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String mode = args[2];
        int threads = Integer.parseInt(args[3]);
        double seconds = Double.parseDouble(args[4]);
        byte[] body = body(Integer.parseInt(args[5]));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
        context.getClientSessionContext().setSessionCacheSize(1);
        context.getClientSessionContext().setSessionTimeout(1);
        SSLSocketFactory tls = context.getSocketFactory();
        AtomicLong sessions = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        Thread[] workers = new Thread[threads];
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        session(host, port, mode, tls, body);
                        sessions.incrementAndGet();
                    } catch (Exception e) {
                        if (errors.incrementAndGet() == 1) {
                            System.err.println("first error: " + e);
                        }
                    }
                }
            });
            workers[i].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double took = (System.nanoTime() - start) / 1e9;
        System.out.printf("sessions=%d seconds=%.3f rate=%.1f errors=%d%n", sessions.get(), took,
                sessions.get() / took, errors.get());
    }

    private static byte[] body(int bytes) {
        StringBuilder text = new StringBuilder("Subject: bench\r\n\r\n");
        while (text.length() < bytes) {
            text.append("0123456789012345678901234567890123456789012345678901234567890123456789012\r\n");
        }
        text.append(".\r\n");
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void session(String host, int port, String mode, SSLSocketFactory tls, byte[] body)
            throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        if (mode.equals("implicit")) {
            socket = handshake(tls, socket, host, port);
        }
        try (Socket open = socket) {
            Conversation c = new Conversation(open);
            c.expect(220);
            c.command("EHLO bench.test", 250);
            if (mode.equals("starttls")) {
                c.command("STARTTLS", 220);
                c = new Conversation(handshake(tls, open, host, port));
                c.command("EHLO bench.test", 250);
            }
            c.command("MAIL FROM:<bench@example.org>", 250);
            c.command("RCPT TO:<sink@example.org>", 250);
            c.command("DATA", 354);
            c.out.write(body);
            c.out.flush();
            c.expect(250);
            c.command("QUIT", 221);
        }
    }

    private static SSLSocket handshake(SSLSocketFactory tls, Socket plain, String host, int port) throws Exception {
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, port, true);
        socket.setUseClientMode(true);
        socket.startHandshake();
        return socket;
    }

    private static final class Conversation {
        final BufferedReader in;
        final OutputStream out;

        Conversation(Socket socket) throws Exception {
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
        }

        void command(String line, int code) throws Exception {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(code);
        }

        void expect(int code) throws Exception {
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IllegalStateException("closed while waiting for " + code);
                }
            } while (line.length() > 3 && line.charAt(3) == '-');
            if (!line.startsWith(String.valueOf(code))) {
                throw new IllegalStateException("expected " + code + ", got " + line);
            }
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
