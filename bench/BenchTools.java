import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Small helpers for bench/run.sh.
 *
 *   BenchTools freeport
 *       prints a TCP port on 127.0.0.1 that the OS reports as free.
 *   BenchTools startup PORT TIMEOUT_MS LOGFILE [--greeting] -- COMMAND...
 *       starts COMMAND, polls connect() to 127.0.0.1:PORT every 2 ms and prints
 *       two numbers on one line: the milliseconds from process start until the
 *       first connect succeeds, and (with --greeting) until the first line the
 *       server sends on a connection, a "220" greeting, has been read; "-"
 *       without --greeting, "fail" for a time that was not reached. The
 *       connection that first succeeds is kept open and read from (a server
 *       that accepts before it is ready greets it later); on EOF, reset, a
 *       read timeout or a line that is not a 220 greeting it connects again.
 *       Then it stops the process (and its children).
 */
public final class BenchTools {
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "freeport" -> System.out.println(freePort());
            case "startup" -> startup(args);
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: BenchTools freeport | startup PORT TIMEOUT_MS LOGFILE [--greeting] -- COMMAND...");
        System.exit(2);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    /** Longest wait for the first line on one connection before connecting again. */
    private static final int READ_TIMEOUT_MS = 5000;

    private static void startup(String[] args) throws Exception {
        if (args.length < 5) {
            usage();
        }
        int port = Integer.parseInt(args[1]);
        long timeoutMs = Long.parseLong(args[2]);
        File log = new File(args[3]);
        int i = 4;
        boolean greeting = false;
        if ("--greeting".equals(args[i])) {
            greeting = true;
            i++;
        }
        if (i >= args.length || !"--".equals(args[i])) {
            usage();
        }
        List<String> command = new ArrayList<>(Arrays.asList(args).subList(i + 1, args.length));
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);

        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        long t0 = System.nanoTime();
        Process p = pb.start();
        long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        double acceptMs = -1;
        double greetingMs = -1;
        List<String> notes = new ArrayList<>();
        try {
            while (System.nanoTime() < deadline && p.isAlive()) {
                try (Socket s = new Socket()) {
                    s.connect(target, 100);
                    if (acceptMs < 0) {
                        acceptMs = (System.nanoTime() - t0) / 1e6;
                    }
                    if (!greeting) {
                        break;
                    }
                    long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    s.setSoTimeout((int) Math.max(1, Math.min(READ_TIMEOUT_MS, leftMs)));
                    String line = firstLine(s.getInputStream());
                    double atMs = (System.nanoTime() - t0) / 1e6;
                    if (line == null) {
                        notes.add(String.format("%.1f ms: connection closed before a greeting", atMs));
                    } else if (line.startsWith("220")) {
                        greetingMs = atMs;
                        break;
                    } else {
                        notes.add(String.format("%.1f ms: first line is not a 220 greeting: %s", atMs, line));
                    }
                } catch (SocketTimeoutException slow) {
                    notes.add(String.format("%.1f ms: connect or greeting timed out",
                            (System.nanoTime() - t0) / 1e6));
                } catch (IOException notYet) {
                    // refused, or reset before a full line: try again
                }
                Thread.sleep(2);
            }
        } finally {
            stop(p);
        }
        if (!notes.isEmpty()) {
            List<String> shown = notes.size() > 20 ? notes.subList(0, 20) : notes;
            System.err.println("startup probe: " + String.join("; ", shown)
                    + (notes.size() > shown.size() ? "; ... " + notes.size() + " in all" : ""));
        }
        System.out.println(ms(acceptMs) + " " + (greeting ? ms(greetingMs) : "-"));
    }

    private static String ms(double v) {
        return v < 0 ? "fail" : String.format("%.1f", v);
    }

    /** The first line (without CR LF) from the stream, or null on EOF before a line ends. */
    private static String firstLine(InputStream in) throws IOException {
        byte[] buf = new byte[1024];
        int n = 0;
        while (n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return null;
            }
            for (int k = n; k < n + r; k++) {
                if (buf[k] == '\n') {
                    int end = k > 0 && buf[k - 1] == '\r' ? k - 1 : k;
                    return new String(buf, 0, end, StandardCharsets.US_ASCII);
                }
            }
            n += r;
        }
        return new String(buf, 0, n, StandardCharsets.US_ASCII);
    }

    private static void stop(Process p) throws InterruptedException {
        List<ProcessHandle> kids = p.descendants().toList();
        p.destroy();
        kids.forEach(ProcessHandle::destroy);
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        kids.forEach(ProcessHandle::destroyForcibly);
    }
}
