import dev.smtpdouble.SmtpDouble;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Embedded start and close of smtp-double in a warm JVM, as a JUnit test with a server per test
 * pays them: start() until it returns (bound and accepting), one session (greeting, QUIT), then
 * close(). Prints median and 95th percentile after a warm-up. With --tls, the server offers
 * STARTTLS with its generated certificate, as {@code builder().tls(true)} does in such a test.
 *
 *   java -cp target/smtp-double.jar bench/EmbeddedStartStop.java [--tls] [warm-up runs] [measured runs]
 */
public class EmbeddedStartStop {

    public static void main(String[] args) throws Exception {
        boolean tls = Arrays.asList(args).contains("--tls");
        String[] counts = Arrays.stream(args).filter(arg -> !arg.equals("--tls")).toArray(String[]::new);
        int warmUp = counts.length > 0 ? Integer.parseInt(counts[0]) : 30;
        int runs = counts.length > 1 ? Integer.parseInt(counts[1]) : 100;
        double[] starts = new double[runs];
        double[] closes = new double[runs];
        for (int i = -warmUp; i < runs; i++) {
            long t0 = System.nanoTime();
            SmtpDouble smtp = SmtpDouble.builder().tls(tls).start();
            long t1 = System.nanoTime();
            try (Socket client = new Socket(smtp.host(), smtp.port())) {
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                if (!in.readLine().startsWith("220 ")) {
                    throw new IllegalStateException("no greeting");
                }
                OutputStream out = client.getOutputStream();
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                in.readLine();
            }
            smtp.journal().awaitEndedSessions(1, java.time.Duration.ofSeconds(5));
            long t2 = System.nanoTime();
            smtp.close();
            long t3 = System.nanoTime();
            if (i >= 0) {
                starts[i] = (t1 - t0) / 1e6;
                closes[i] = (t3 - t2) / 1e6;
            }
        }
        System.out.printf((tls ? "with TLS, " : "") + "embedded start: median %.1f ms, p95 %.1f ms; close: median %.1f ms, p95 %.1f ms (%d runs after %d warm-up)%n",
                percentile(starts, 50), percentile(starts, 95), percentile(closes, 50), percentile(closes, 95), runs, warmUp);
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
