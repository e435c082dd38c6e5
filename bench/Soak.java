import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Soak test: many short SMTP sessions against the standalone jar with a small heap, and the memory
 * of the server process sampled as they go. Memory must stay flat: every finished session and what
 * it left in the journal (bounded) must be collectable.
 *
 * <pre>
 *   mvn -q -DskipTests package
 *   java bench/Soak.java                      # 300 000 sessions, 16 clients, -Xmx128m
 *   java bench/Soak.java --sessions 1000000 --clients 32 --xmx 128m --sample 50000
 * </pre>
 *
 * Each session: greeting, EHLO, MAIL, RCPT, DATA, a 1 KiB message, QUIT, written at once. Every
 * {@code --sample} sessions it prints the process's resident memory (VmRSS, from /proc), its peak
 * (VmHWM), the heap in use after a full collection (jcmd GC.run, then jstat) and what the journal
 * keeps (GET /journal?limit=1 of the admin API). Exit status 1 when a session fails, the server dies,
 * or the heap after collection at the end is more than 10 % above its highest value in the first
 * half of the run (the journal fills up first, then nothing may grow).
 */
public final class Soak {

    /** About 1 KiB. */
    private static final String BODY = "Subject: soak\r\n\r\n" + ("y".repeat(78) + "\r\n").repeat(13);
    private static final Pattern PORT = Pattern.compile("smtp-double listening on .*:(\\d+)");
    private static final Pattern ADMIN = Pattern.compile("smtp-double admin on .*:(\\d+)");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int sessions = Integer.parseInt(options.getOrDefault("sessions", "300000"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        int sample = Integer.parseInt(options.getOrDefault("sample", "25000"));
        String xmx = options.getOrDefault("xmx", "128m");
        Path jar = Path.of(options.getOrDefault("jar", "target/smtp-double.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: mvn -q -DskipTests package");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-Xmx" + xmx, "-jar", jar.toString(), "--port", "0",
                "--admin-port", "0").redirectErrorStream(true).start();
        int status;
        try {
            int[] ports = ports(server);
            System.out.printf("soak: %d sessions, %d clients, server pid %d with -Xmx%s (%s)%n%n", sessions, clients,
                    server.pid(), xmx, jar);
            System.out.println("| sessions | seconds | sessions/s | RSS MiB | peak RSS MiB | heap after GC MiB | journal MiB |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
            List<Double> heaps = run(server, ports, sessions, clients, sample);
            boolean alive = server.isAlive();
            // The journal fills up first (10 000 sessions and messages by default), then nothing may grow.
            double firstHalf = heaps.subList(0, Math.max(1, heaps.size() / 2)).stream()
                    .mapToDouble(Double::doubleValue).max().orElseThrow();
            double last = heaps.get(heaps.size() - 1);
            System.out.printf("%nserver alive at the end: %s; heap after GC at most %.1f MiB in the first half, "
                    + "%.1f MiB at the end%n", alive, firstHalf, last);
            boolean flat = alive && last <= firstHalf * 1.10 + 2;
            System.out.println(flat ? "flat" : "NOT FLAT");
            status = flat ? 0 : 1;
        } catch (SoakFailed e) {
            System.out.println(e.getMessage());
            status = 1;
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        System.exit(status);
    }

    /** Sessions failed or the server died: the run ends here. */
    private static final class SoakFailed extends Exception {
        SoakFailed(String message) {
            super(message);
        }
    }

    /** Runs the sessions; returns the heap after GC at each sample. */
    private static List<Double> run(Process server, int[] ports, int sessions, int clients, int sample)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        List<Double> heaps = new ArrayList<>();
        long start = System.nanoTime();
        int sampled = 0;
        while (sampled < sessions) {
            int target = Math.min(sessions, sampled + sample);
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Thread thread = new Thread(() -> {
                    while (failures.get() == 0 && next.getAndIncrement() < target) {
                        if (session(ports[0])) {
                            done.incrementAndGet();
                        } else {
                            failures.incrementAndGet();
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            next.set(target);
            sampled = target;
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failures.get() > 0 || !server.isAlive()) {
                System.out.printf("| %d | %.1f | | %.1f | %.1f | | |%n", done.get(), seconds,
                        status(server.pid(), "VmRSS"), status(server.pid(), "VmHWM"));
                throw new SoakFailed(String.format("%nFAILED after %d good sessions: %d failed (no answer within "
                        + "10 s); server alive: %s", done.get(), failures.get(), server.isAlive()));
            }
            double heap = heapAfterGc(server.pid());
            heaps.add(heap);
            System.out.printf("| %d | %.1f | %.0f | %.1f | %.1f | %.1f | %.1f |%n", sampled, seconds, sampled / seconds,
                    status(server.pid(), "VmRSS"), status(server.pid(), "VmHWM"), heap, journalMiB(ports[1]));
        }
        return heaps;
    }

    /** One session written at once; true when the message was queued and the server said goodbye. */
    private static boolean session(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("EHLO soak.test\r\nMAIL FROM:<a@soak.test>\r\nRCPT TO:<b@soak.test>\r\nDATA\r\n" + BODY
                    + ".\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String replies = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return replies.contains("250 2.0.0 Ok: queued as") && replies.endsWith("221 2.0.0 Bye\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    private static int[] ports(Process server) throws IOException {
        InputStream in = server.getInputStream();
        int smtp = -1;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            Matcher port = PORT.matcher(text);
            Matcher admin = ADMIN.matcher(text);
            if (port.matches()) {
                smtp = Integer.parseInt(port.group(1));
            } else if (admin.matches()) {
                drain(in);
                return new int[] {smtp, Integer.parseInt(admin.group(1))};
            }
        }
        throw new IllegalStateException("the server ended before it listened");
    }

    /** Keeps reading the server's output so that it never blocks on a full pipe. */
    private static void drain(InputStream in) {
        Thread thread = new Thread(() -> {
            try {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the server ended
            }
        });
        thread.setDaemon(true);
        thread.start();
    }

    /** A line of /proc/PID/status in MiB (the kernel gives kB). */
    private static double status(long pid, String key) throws IOException {
        Path status = Path.of("/proc/" + pid + "/status");
        if (!Files.exists(status)) {
            return -1; // the process is gone
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }

    /** A full collection (jcmd GC.run), then the heap in use (jstat -gc: survivor, eden and old used). */
    private static double heapAfterGc(long pid) throws Exception {
        String bin = Path.of(System.getProperty("java.home"), "bin").toString();
        command(bin + "/jcmd", String.valueOf(pid), "GC.run");
        String[] lines = command(bin + "/jstat", "-gc", String.valueOf(pid)).strip().split("\n");
        List<String> names = Arrays.asList(lines[0].trim().split("\\s+"));
        String[] values = lines[1].trim().split("\\s+");
        double kb = 0;
        for (String column : List.of("S0U", "S1U", "EU", "OU")) {
            kb += Double.parseDouble(values[names.indexOf(column)]);
        }
        return kb / 1024;
    }

    private static String command(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    /** What the journal keeps, from its JSON (one session only, so the answer is small); -1 when unknown. */
    private static double journalMiB(int adminPort) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + adminPort + "/journal?limit=1"))
                    .timeout(java.time.Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return -1; // the admin API did not answer
        }
        Matcher retained = Pattern.compile("\"retainedBytes\" : (\\d+)").matcher(response.body());
        return retained.find() ? Long.parseLong(retained.group(1)) / 1048576.0 : -1;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("options are --name value: " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
