package dev.smtpdouble.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/kubernetes.yaml under {@code podman kube play --network host}: the ConfigMap's scenarios
 * are in /scenarios, the Deployment's scenario is in force, the liveness probe passes, and
 * {@code podman kube down} stops it. Three things change for one machine: the image (a local one),
 * the ports (free ones: on the host network they are the machine's) and one replica instead of three
 * (they would share the ports); the Deployment gets a name of its own so that runs cannot collide.
 */
@Timeout(180)
class KubernetesIT {

    private static final String IMAGE = System.getenv().getOrDefault("SMTP_DOUBLE_IMAGE", "localhost/smtp-double:ci");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_manifests_start_a_replica_with_the_configmaps_scenarios_and_probes_on_health(@TempDir Path folder)
            throws Exception {
        PodmanContainer.requireImage(IMAGE);
        int smtpPort = freePort();
        int adminPort = freePort();
        String name = "smtp-double-it-" + UUID.randomUUID().toString().substring(0, 8);
        String manifest = Files.readString(Path.of("docker", "kubernetes.yaml"), StandardCharsets.UTF_8);
        assertThat(manifest).contains("image: ghcr.io/your-org/smtp-double:0.1.0", "replicas: 3", "\n  name: smtp-double\n");
        Path file = folder.resolve("kubernetes.yaml");
        Files.writeString(file, manifest.replace("image: ghcr.io/your-org/smtp-double:0.1.0", "image: " + IMAGE)
                .replace("2525", String.valueOf(smtpPort))
                .replace("8025", String.valueOf(adminPort))
                .replace("replicas: 3", "replicas: 1")
                .replace("\n  name: smtp-double\n", "\n  name: " + name + "\n"));

        PodmanContainer.Result play = PodmanContainer.podman(List.of("podman", "kube", "play", "--network", "host",
                file.toString()), Duration.ofSeconds(120));
        try (PodmanContainer replica = PodmanContainer.follow(name + "-pod-0-smtp-double")) {
            assertThat(play.exitCode()).as(play.output()).isZero();
            replica.awaitLog(line -> line.startsWith("smtp-double admin on "), Duration.ofSeconds(60));

            JsonNode scenario = get(adminPort, "/scenario");
            assertThat(scenario.get("name").asText()).isEqualTo("flaky-relay");
            PodmanContainer.Result probe = replica.healthcheck();
            assertThat(probe.exitCode()).as("liveness probe: " + probe.output()).isZero();

            List<String> greetings = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                greetings.add(greetAndQuit(smtpPort));
            }
            long refused = greetings.stream().filter(greeting -> greeting.startsWith("421 ")).count();
            assertThat(greetings).allMatch(greeting -> greeting.startsWith("220 ") || greeting.startsWith("421 "));
            assertThat(get(adminPort, "/scenario").get("ruleFirings").get("refuse some connections").asLong())
                    .isEqualTo(refused);
            assertThat(get(adminPort, "/journal").get("sessions")).hasSize(12);

            HttpRequest other = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort
                    + "/scenario?name=slow-data")).PUT(BodyPublishers.noBody()).build();
            assertThat(HTTP.send(other, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(get(adminPort, "/scenario").get("name").asText()).isEqualTo("slow-data");
        } finally {
            PodmanContainer.Result down = PodmanContainer.podman(List.of("podman", "kube", "down", file.toString()),
                    Duration.ofSeconds(120));
            assertThat(down.exitCode()).as(down.output()).isZero();
        }
        PodmanContainer.Result gone = PodmanContainer.podman(List.of("podman", "pod", "exists", name + "-pod-0"),
                Duration.ofSeconds(30));
        assertThat(gone.exitCode()).as("the pod is gone after podman kube down").isNotZero();
    }

    private static JsonNode get(int port, String path) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String greetAndQuit(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String greeting = in.readLine();
            if (greeting != null && greeting.startsWith("220 ")) {
                socket.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("221 ");
            }
            return greeting;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
