package dev.smtpdouble.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.smtpdouble.SmtpDouble;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Clients that hang up early or stall: the admin API keeps answering others and keeps nothing behind. */
class AdminHostileClientsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path OWN_FDS = Path.of("/proc/self/fd");

    @Test
    void clientsThatHangUpBeforeTheReplyLeaveNoSocketBehind() throws Exception {
        assumeTrue(Files.isDirectory(OWN_FDS), "needs /proc/self/fd to count this process's sockets");
        try (SmtpDouble smtp = SmtpDouble.start();
             AdminServer admin = AdminServer.builder().listener(smtp).port(0).start()) {
            assertThat(health(admin).statusCode()).isEqualTo(200);
            long baseline = openFiles();

            for (int i = 0; i < 200; i++) {
                try (Socket socket = new Socket("127.0.0.1", admin.port())) {
                    socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                }
            }

            assertThat(health(admin).statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            long open = openFiles();
            while (open > baseline + 5 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                open = openFiles();
            }
            assertThat(open).as("open files: %d before 200 clients that hung up", baseline)
                    .isLessThanOrEqualTo(baseline + 5);
        }
    }

    @Test
    void stalledClientsDoNotBlockOthersAndAreClosed() throws Exception {
        try (SmtpDouble smtp = SmtpDouble.start();
             AdminServer admin = AdminServer.builder().listener(smtp).port(0).clientTimeout(Duration.ofSeconds(2))
                     .start()) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket socket = new Socket("127.0.0.1", admin.port());
                    socket.getOutputStream().write("GET /hea".getBytes(StandardCharsets.US_ASCII));
                    stalled.add(socket);
                }
                Socket body = new Socket("127.0.0.1", admin.port());
                body.getOutputStream().write(("PUT /scenario HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"
                        + "scenario: half").getBytes(StandardCharsets.US_ASCII));
                stalled.add(body);
                Thread.sleep(300);

                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    assertThat(health(admin).statusCode()).isEqualTo(200);
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
                }
                for (Socket socket : stalled) {
                    assertThat(closedByServerWithin(socket, Duration.ofSeconds(8))).isTrue();
                }
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aClientThatStallsInAnOversizedBodyIsClosed() throws Exception {
        try (SmtpDouble smtp = SmtpDouble.start();
             AdminServer admin = AdminServer.builder().listener(smtp).port(0).clientTimeout(Duration.ofSeconds(2))
                     .start();
             Socket socket = new Socket("127.0.0.1", admin.port())) {
            // past the 64 MiB the server reads of a body too large before answering; it then closes the
            // request, and the JDK reads on up to 64 KiB for it: a wait for the client like any other
            long declared = 200_000_000L;
            socket.getOutputStream().write(("PUT /scenario HTTP/1.1\r\nHost: x\r\nContent-Length: " + declared
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1024 * 1024];
            for (int i = 0; i < 64; i++) {
                socket.getOutputStream().write(chunk);
            }
            socket.getOutputStream().write(new byte[10_000]);

            socket.setSoTimeout(8_000);
            InputStream in = socket.getInputStream();
            String answer;
            try {
                answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            } catch (SocketTimeoutException e) {
                answer = "still open after 8 s";
            } catch (IOException reset) {
                answer = "";
            }
            assertThat(answer).as("the server closes the connection, with a 413 or without an answer")
                    .matches("(HTTP/1.1 413[\\s\\S]*)?");
            assertThat(health(admin).statusCode()).isEqualTo(200);
        }
    }

    /** Whether the server closes the connection without an answer within {@code time}. */
    private static boolean closedByServerWithin(Socket socket, Duration time) throws IOException {
        socket.setSoTimeout((int) time.toMillis());
        InputStream in = socket.getInputStream();
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static HttpResponse<String> health(AdminServer admin) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + "/health"))
                .timeout(Duration.ofSeconds(1)).build();
        return HTTP.send(request, BodyHandlers.ofString());
    }

    private static long openFiles() throws IOException {
        try (Stream<Path> files = Files.list(OWN_FDS)) {
            return files.count();
        }
    }
}
