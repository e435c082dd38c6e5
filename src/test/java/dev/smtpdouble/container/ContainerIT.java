package dev.smtpdouble.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smtpdouble.PythonSmtplib;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smtpdouble.RawSmtpClient;
import dev.smtpdouble.junit.Mail;
import dev.smtpdouble.tls.Trust;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSocket;
import jakarta.mail.MessagingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image for real: started with podman on the host network, driven with Jakarta Mail
 * and the admin API, stopped while a session is open. The image is {@code $SMTP_DOUBLE_IMAGE}
 * (default {@code localhost/smtp-double:ci}, built by {@code .ci/run}). Without podman or the image
 * the tests are skipped, unless {@code CI=true}, where they must run.
 */
@Timeout(120)
class ContainerIT {

    private static final String AUTH_SECRET = "c0ntainer-s3cret";
    static final String IMAGE = System.getenv().getOrDefault("SMTP_DOUBLE_IMAGE", "localhost/smtp-double:ci");
    private static final String TOKEN = "container-test-token";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<Integer> PORTS_TAKEN = new HashSet<>();

    private static PodmanContainer container;
    private static volatile Duration stopTime;
    private static int smtpPort;
    private static int extraPort;
    private static String admin;

    @BeforeAll
    static void startContainer() throws Exception {
        PodmanContainer.requireImage(IMAGE);
        smtpPort = freePort();
        extraPort = freePort();
        int adminPort = freePort();
        container = PodmanContainer.run(IMAGE, List.of("SMTP_DOUBLE_ADMIN_TOKEN=" + TOKEN,
                "SMTP_DOUBLE_AUTH=alice@example.test:" + AUTH_SECRET),
                List.of("--port", String.valueOf(smtpPort), "--admin-port", String.valueOf(adminPort),
                        "--listen", extraPort + "=greeting-421"));
        container.awaitLog(line -> line.startsWith("smtp-double admin on "), STARTUP);
        assertThat(container.log()).contains("smtp-double listening on 0.0.0.0:" + smtpPort,
                "smtp-double listening on 0.0.0.0:" + extraPort, "smtp-double admin on 0.0.0.0:" + adminPort);
        admin = "http://127.0.0.1:" + adminPort;
    }

    @AfterAll
    static void removeContainer() throws Exception {
        if (container != null) {
            container.close();
        }
    }

    @BeforeEach
    void resetServer() throws Exception {
        assertThat(request("POST", "/reset", null).statusCode()).isEqualTo(200);
        assertThat(request("PUT", "/scenario?name=accept-all", null).statusCode()).isEqualTo(200);
    }

    @Test
    void delivers_a_message_and_shows_it_in_the_journal() throws Exception {
        send(smtpPort, "Container delivery");

        JsonNode journal = json(request("GET", "/journal", null), 200);
        JsonNode message = journal.get("messages").get(0);
        assertThat(message.get("sender").asText()).isEqualTo("app@example.test");
        assertThat(message.get("recipients").get(0).asText()).isEqualTo("user@example.test");
        assertThat(message.get("subject").asText()).isEqualTo("Container delivery");
        List<String> transcript = new ArrayList<>();
        journal.get("sessions").get(0).get("transcript").forEach(line -> transcript.add(line.asText()));
        assertThat(transcript).contains("C: MAIL FROM:<app@example.test>", "S: 250 2.1.0 Ok");

        HttpResponse<String> raw = request("GET", "/messages/" + message.get("id").asText(), null);
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Type")).hasValue("message/rfc822");
        assertThat(raw.body()).contains("Subject: Container delivery");

        assertThat(json(request("DELETE", "/journal", null), 200).get("messages")).isEmpty();
    }

    /** Accounts from the environment; the admin API's journal and the log never show the password. */
    @Test
    void a_client_logs_in_with_an_account_from_the_environment() throws Exception {
        assertThat(PythonSmtplib.login(smtpPort, "PLAIN", "alice@example.test", AUTH_SECRET)).isEqualTo("sent");

        String body = request("GET", "/journal", null).body();
        JsonNode session = JSON.readTree(body).get("sessions").get(0);
        assertThat(session.get("authenticatedAs").asText()).isEqualTo("alice@example.test");
        assertThat(session.get("authAttempts").get(0).get("mechanism").asText()).isEqualTo("PLAIN");
        assertThat(session.get("transcript").toString()).contains("C: AUTH PLAIN <hidden>");
        String plain = java.util.Base64.getEncoder().encodeToString(
                ("\0alice@example.test\0" + AUTH_SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(body + container.log()).doesNotContain(AUTH_SECRET).doesNotContain(plain);
    }

    @Test
    void switching_to_greeting_421_through_the_admin_api_refuses_the_next_connection() throws Exception {
        String yaml = Files.readString(Path.of("scenarios", "greeting-421.yaml"), StandardCharsets.UTF_8);
        JsonNode scenario = json(request("PUT", "/scenario", yaml), 200);
        assertThat(scenario.get("name").asText()).isEqualTo("greeting-421");

        assertThatThrownBy(() -> send(smtpPort, "Refused"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("421 4.3.2");

        JsonNode after = json(request("GET", "/scenario", null), 200);
        assertThat(after.get("unfiredRules")).isEmpty();
        JsonNode journal = json(request("GET", "/journal", null), 200);
        assertThat(journal.get("messages")).isEmpty();
        assertThat(journal.get("sessions").get(0).get("transcript").get(0).asText()).startsWith("S: 421 4.3.2");
    }

    @Test
    void an_invalid_scenario_is_refused_with_the_loaders_text() throws Exception {
        HttpResponse<String> response = request("PUT", "/scenario", "rules:\n  - on: conect\n");
        JsonNode body = json(response, 400);
        assertThat(body.get("error").asText()).contains("request body:2:").contains("conect");
        assertThat(json(request("GET", "/scenario", null), 200).get("name").asText()).isEqualTo("accept-all");
    }

    @Test
    void the_admin_api_needs_the_token_from_the_environment() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(admin + "/journal")).build(),
                BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(admin + "/health")).build(), BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void a_second_listener_follows_its_own_scenario() throws Exception {
        JsonNode scenario = json(request("GET", "/listeners/" + extraPort + "/scenario", null), 200);
        assertThat(scenario.get("name").asText()).isEqualTo("greeting-421");
        assertThat(greeting(extraPort)).startsWith("421 4.3.2");
        assertThat(greeting(smtpPort)).startsWith("220 ");
        assertThat(json(request("GET", "/journal?port=" + extraPort, null), 200).get("sessions")).isNotEmpty();
    }

    @Test
    void stopping_the_container_sends_421_to_an_open_session_and_exits_quickly() throws Exception {
        int port = freePort();
        try (PodmanContainer stopping = PodmanContainer.run(false, IMAGE, List.of(), List.of("--port", String.valueOf(port),
                "--admin-port", String.valueOf(freePort())))) {
            stopping.awaitLog(line -> line.startsWith("smtp-double admin on "), STARTUP);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII);
                assertThat(in.readLine()).startsWith("220 ");
                out.print("EHLO client.example.test\r\n");
                out.flush();
                String line;
                do {
                    line = in.readLine();
                } while (line != null && line.startsWith("250-"));
                assertThat(line).startsWith("250 ");

                Thread stopper = new Thread(() -> stopQuietly(stopping));
                long start = System.nanoTime();
                stopper.start();
                assertThat(in.readLine()).startsWith("421 4.3.2");
                // the client does not hang up: the server must not wait for it for long
                stopper.join(30_000);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                System.out.println("ContainerIT: podman stop with an open session took " + took.toMillis() + " ms");
                assertThat(stopTime).as("podman stop returned").isNotNull();
                assertThat(took).as("from podman stop until the container had gone").isLessThan(Duration.ofMillis(2500));
                assertThat(stopping.exitCode()).as("the JVM shut down by itself, not killed").isZero();
                assertThat(stopping.fullLog()).contains("smtp-double stopped");
            }
        }
    }

    @Test
    void artifacts_land_in_a_mounted_folder_for_the_pipeline_to_keep(@TempDir Path folder) throws Exception {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx")); // the image's uid 10001 writes
        int port = freePort();
        try (PodmanContainer writing = PodmanContainer.run(false, List.of("-v", folder + ":/artifacts"), IMAGE,
                List.of("SMTP_DOUBLE_ARTIFACTS=/artifacts", "SMTP_DOUBLE_ADMIN_PORT=0"),
                List.of("--port", String.valueOf(port)))) {
            writing.awaitLog(line -> line.startsWith("smtp-double admin on "), STARTUP);
            send(port, "Kept for the pipeline");
            writing.stop(10);
            assertThat(writing.exitCode()).isZero();
        }
        Path own = folder.resolve(String.valueOf(port));
        List<String> journal = Files.readAllLines(own.resolve("journal.jsonl"), StandardCharsets.UTF_8);
        JsonNode message = JSON.readTree(journal.get(0));
        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(Files.readString(own.resolve(message.get("file").asText()))).contains("Subject: Kept for the pipeline");
        assertThat(JSON.readTree(journal.get(journal.size() - 1)).get("dropped").asLong()).isZero();
    }

    @Test
    void the_jlink_runtime_speaks_starttls_with_a_generated_certificate() throws Exception {
        int port = freePort();
        int adminPort = freePort();
        try (PodmanContainer tls = PodmanContainer.run(false, IMAGE, List.of("SMTP_DOUBLE_ADMIN_PORT=" + adminPort),
                List.of("--port", String.valueOf(port), "--tls"))) {
            tls.awaitLog(line -> line.startsWith("smtp-double admin on "), STARTUP);
            HttpResponse<byte[]> pem = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort
                    + "/tls/ca.pem")).build(), BodyHandlers.ofByteArray());
            assertThat(pem.statusCode()).isEqualTo(200);
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.body()));
            try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", port)) {
                assertThat(client.reply()).startsWith("220 ");
                assertThat(client.command("EHLO client.example.test")).contains("STARTTLS");
                assertThat(client.command("STARTTLS")).startsWith("220 ");
                SSLSocket socket = client.startTls(new Trust(ca).socketFactory(), "localhost");
                assertThat(socket.getSession().getProtocol()).startsWith("TLSv1.");
                assertThat(client.command("EHLO client.example.test")).startsWith("250");
                assertThat(client.command("QUIT")).startsWith("221 ");
            }
        }
    }

    @Test
    void the_health_check_asks_the_admin_api_and_fails_once_it_is_gone() throws Exception {
        int adminPort = freePort();
        try (PodmanContainer checked = PodmanContainer.run(false, IMAGE, List.of("SMTP_DOUBLE_ADMIN_PORT=" + adminPort),
                List.of("--port", String.valueOf(freePort())))) {
            checked.awaitLog(line -> line.startsWith("smtp-double admin on "), STARTUP);
            assertThat(checked.log()).contains("smtp-double admin on 0.0.0.0:" + adminPort);
            PodmanContainer.Result healthy = checked.healthcheck();
            assertThat(healthy.exitCode()).as(healthy.output()).isZero();

            // the JVM stopped (SIGSTOP) answers nothing: the check must fail within its timeout, not hang
            checked.signal("STOP");
            PodmanContainer.Result unhealthy = checked.healthcheck();
            assertThat(unhealthy.exitCode()).as(unhealthy.output()).isNotZero();
            checked.signal("CONT");
        }
    }

    @Test
    void the_heap_follows_the_memory_limit_and_stays_small_without_one() throws Exception {
        List<String> args = List.of("--port", "0");
        try (PodmanContainer unlimited = PodmanContainer.run(false, IMAGE, List.of("SMTP_DOUBLE_ADMIN_PORT=0"), args);
             PodmanContainer limited = PodmanContainer.run(false, List.of("--memory", "320m"), IMAGE,
                     List.of("SMTP_DOUBLE_ADMIN_PORT=0"), args)) {
            unlimited.awaitLog(line -> line.startsWith("smtp-double admin on "), STARTUP);
            limited.awaitLog(line -> line.startsWith("smtp-double admin on "), STARTUP);
            // the flags the server's own JVM (PID 1) runs with, and the heap size they give
            assertThat(jvmFlags(unlimited)).contains("-XX:MaxRAM=160m", "-XX:MaxRAMPercentage=50", "-XX:+UseSerialGC");
            assertThat(jvmFlags(limited)).doesNotContain("-XX:MaxRAM=160m").contains("-XX:MaxRAMPercentage=50");
            assertThat(maxHeap(unlimited)).isEqualTo(80L << 20);
            assertThat(maxHeap(limited)).isEqualTo(160L << 20);
        }
    }

    /** The command line of the container's PID 1, which the launcher replaced with java. */
    private static List<String> jvmFlags(PodmanContainer container) throws Exception {
        PodmanContainer.Result cmdline = container.exec("cat", "/proc/1/cmdline");
        assertThat(cmdline.exitCode()).as(cmdline.output()).isZero();
        List<String> flags = List.of(cmdline.output().split("\u0000"));
        assertThat(flags.get(0)).isEqualTo("java");
        return flags;
    }

    /** MaxHeapSize of a JVM started in the same container with PID 1's JVM options. */
    private static long maxHeap(PodmanContainer container) throws Exception {
        List<String> command = new ArrayList<>();
        for (String flag : jvmFlags(container)) {
            if (flag.equals("-jar")) {
                break;
            }
            command.add(flag);
        }
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        PodmanContainer.Result flags = container.exec(command.toArray(String[]::new));
        assertThat(flags.exitCode()).as(flags.output()).isZero();
        return flags.output().lines().filter(line -> line.contains(" MaxHeapSize "))
                .map(line -> Long.parseLong(line.replaceAll(".*= *(\\d+).*", "$1"))).findFirst().orElseThrow();
    }

    private static void stopQuietly(PodmanContainer stopping) {
        try {
            stopTime = stopping.stop(10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(int port, String subject) throws MessagingException {
        Mail.send("127.0.0.1", port, "user@example.test", subject, "Sent to the container.\n");
    }

    private static String greeting(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    private static HttpResponse<String> request(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(admin + path))
                .header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** A port free on loopback now, and not handed out before by this class. */
    static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (PORTS_TAKEN.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }
}
