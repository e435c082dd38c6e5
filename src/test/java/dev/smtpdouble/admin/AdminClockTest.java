package dev.smtpdouble.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.time.ManualClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /clock}: a container's tests move a manual clock instead of sleeping. */
class AdminClockTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Instant START = Instant.parse("2030-06-01T12:00:00Z");

    @Test
    void postAdvancesAManualClockInTheScenarioForms() throws Exception {
        ManualClock clock = new ManualClock(START);
        try (SmtpDouble smtp = SmtpDouble.builder().clock(clock).start();
             AdminServer admin = AdminServer.builder().listeners(List.of(smtp)).port(0).start()) {
            String base = "http://127.0.0.1:" + admin.port();

            assertThat(json(request(base + "/clock", "GET"), 200).get("now").asText()).isEqualTo(START.toString());
            JsonNode moved = json(request(base + "/clock?advance=5m", "POST"), 200);
            assertThat(moved.get("now").asText()).isEqualTo(START.plusSeconds(300).toString());
            assertThat(moved.get("kind").asText()).isEqualTo("manual");
            json(request(base + "/clock?advance=PT1H", "POST"), 200);
            json(request(base + "/listeners/" + smtp.port() + "/clock?advance=1500ms", "POST"), 200);

            assertThat(clock.instant()).isEqualTo(START.plusSeconds(300 + 3600).plusMillis(1500));
        }
    }

    @Test
    void mistakesGetAClearAnswer() throws Exception {
        try (SmtpDouble wall = SmtpDouble.start();
             SmtpDouble manual = SmtpDouble.builder().clock(new ManualClock(START)).start();
             AdminServer admin = AdminServer.builder().listeners(List.of(wall, manual)).port(0).start()) {
            String base = "http://127.0.0.1:" + admin.port();

            assertThat(json(request(base + "/clock?advance=5m", "POST"), 409).get("error").asText())
                    .isEqualTo("the server runs on the wall clock; start it with --clock manual to move time from here");
            assertThat(json(request(base + "/clock", "GET"), 200).get("kind").asText()).isEqualTo("system");
            String manualClock = base + "/listeners/" + manual.port() + "/clock";
            assertThat(json(request(manualClock, "POST"), 400).get("error").asText())
                    .isEqualTo("say how far to move the clock: POST /clock?advance=5m");
            assertThat(json(request(manualClock + "?advance=soon", "POST"), 400).get("error").asText())
                    .isEqualTo("'soon' is not a duration such as 1500ms, 30s, 5m, 2h, 35d or PT5M");
            assertThat(json(request(manualClock + "?advance=-5s", "POST"), 400).get("error").asText())
                    .isEqualTo("the clock only moves forward: '-5s'");
            assertThat(json(request(manualClock, "DELETE"), 405).get("error").asText()).contains("use GET or POST");
            assertThat(manual.clock().instant()).isEqualTo(START);
        }
    }

    @Test
    void anAdvanceBeyondTheLatestTimeIs400AndTheServerKeepsServing() throws Exception {
        ManualClock clock = new ManualClock(START);
        try (SmtpDouble smtp = SmtpDouble.builder().clock(clock).start();
             AdminServer admin = AdminServer.builder().listeners(List.of(smtp)).port(0).start()) {
            String base = "http://127.0.0.1:" + admin.port();

            String expected = messageOf(() -> clock.advance(Duration.ofSeconds(Long.MAX_VALUE)));
            assertThat(json(request(base + "/clock?advance=PT9223372036854775807S", "POST"), 400).get("error").asText())
                    .isEqualTo(expected)
                    .isEqualTo("the clock cannot move past 9999-12-31T23:59:59.999Z: it stands at " + START
                            + " and PT2562047788015215H30M7S is too far");
            json(request(base + "/clock?advance=999999999999h", "POST"), 400);
            json(request(base + "/clock?advance=PT9300000000000000S", "POST"), 400);
            assertThat(clock.instant()).isEqualTo(START);

            json(request(base + "/clock?advance=2900000d", "POST"), 200);
            json(request(base + "/clock?advance=2900000d", "POST"), 400);
            try (Socket client = new Socket("127.0.0.1", smtp.port())) {
                client.setSoTimeout(5000);
                String greeting = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                assertThat(greeting).startsWith("220 ");
            }
        }
    }

    private static String messageOf(Runnable action) {
        try {
            action.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("no IllegalArgumentException");
    }

    private static HttpResponse<String> request(String uri, String method) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).method(method, BodyPublishers.noBody()).build(),
                BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
