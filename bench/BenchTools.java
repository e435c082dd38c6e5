import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Small helpers for bench/run.sh.
 *
 *   BenchTools freeport
 *       prints a TCP port on 127.0.0.1 that the OS reports as free.
 *   BenchTools startup PORT TIMEOUT_MS LOGFILE -- COMMAND...
 *       starts COMMAND, polls connect() to 127.0.0.1:PORT every 2 ms and prints
 *       the milliseconds from process start until the first connect succeeds
 *       (or "fail"), then stops the process (and its children).
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
        System.err.println("usage: BenchTools freeport | startup PORT TIMEOUT_MS LOGFILE -- COMMAND...");
        System.exit(2);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private static void startup(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        long timeoutMs = Long.parseLong(args[2]);
        File log = new File(args[3]);
        if (!"--".equals(args[4])) {
            usage();
        }
        List<String> command = new ArrayList<>(Arrays.asList(args).subList(5, args.length));
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);

        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        long t0 = System.nanoTime();
        Process p = pb.start();
        long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        double ms = -1;
        try {
            while (System.nanoTime() < deadline && p.isAlive()) {
                try (Socket s = new Socket()) {
                    s.connect(target, 100);
                    ms = (System.nanoTime() - t0) / 1e6;
                    break;
                } catch (IOException notYet) {
                    Thread.sleep(2);
                }
            }
        } finally {
            stop(p);
        }
        System.out.println(ms < 0 ? "fail" : String.format("%.1f", ms));
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
