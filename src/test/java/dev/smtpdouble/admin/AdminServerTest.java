package dev.smtpdouble.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.scenario.ScenarioException;
import dev.smtpdouble.scenario.Scenarios;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AdminServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String GREETING_421 = """
            scenario: down
            description: Refuses every connection.
            rules:
              - name: refuse
                on: connect
                reply: 421 4.3.2 Service not available, closing transmission channel
            """;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private SmtpDouble smtp() {
        SmtpDouble smtp = SmtpDouble.start();
        open.add(smtp);
        return smtp;
    }

    private String admin(AdminServer.Builder builder) {
        AdminServer admin = builder.port(0).start();
        open.add(admin);
        return "http://127.0.0.1:" + admin.port();
    }

    private String admin(SmtpDouble... listeners) {
        return admin(AdminServer.builder().listeners(List.of(listeners)));
    }

    @Test
    void health_answers_up_with_every_listener() throws Exception {
        SmtpDouble smtp = smtp();
        HttpResponse<String> response = get(admin(smtp) + "/health");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("up");
        assertThat(body.get("listeners").get(0).get("port").asInt()).isEqualTo(smtp.port());
    }

    @Test
    void listeners_count_the_connections_open_now_also_after_the_journal_was_cleared() throws Exception {
        SmtpDouble smtp = smtp();
        String base = admin(smtp);
        assertThat(json(get(base + "/listeners"), 200).get("listeners").get(0).get("openSessions").asInt()).isZero();
        try (Socket socket = new Socket(smtp.host(), smtp.port())) {
            socket.setSoTimeout(5000);
            assertThat(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine()).startsWith("220 ");

            json(send(base + "/journal", "DELETE", ""), 200);

            assertThat(json(get(base + "/listeners"), 200).get("listeners").get(0).get("openSessions").asInt())
                    .isEqualTo(1);
        }
    }

    @Test
    void health_answers_503_once_stopping() throws Exception {
        AdminServer admin = AdminServer.builder().listener(smtp()).port(0).start();
        open.add(admin);
        admin.stopping();
        assertThat(get("http://127.0.0.1:" + admin.port() + "/health").statusCode()).isEqualTo(503);
    }

    @Test
    void scenario_shows_the_default_sink() throws Exception {
        JsonNode body = json(get(admin(smtp()) + "/scenario"), 200);
        assertThat(body.get("name").asText()).isEqualTo("accept-all");
        assertThat(body.get("state").asText()).isEqualTo("start");
        assertThat(body.get("rules")).isEmpty();
    }

    @Test
    void put_scenario_applies_it_to_new_connections_and_counts_firings() throws Exception {
        SmtpDouble smtp = smtp();
        String base = admin(smtp);
        JsonNode put = json(send(base + "/scenario", "PUT", GREETING_421), 200);
        assertThat(put.get("name").asText()).isEqualTo("down");
        assertThat(put.get("unfiredRules").get(0).asText()).isEqualTo("refuse");

        assertThat(greeting(smtp)).isEqualTo("421 4.3.2 Service not available, closing transmission channel");

        JsonNode after = json(get(base + "/scenario"), 200);
        assertThat(after.get("ruleFirings").get("refuse").asInt()).isEqualTo(1);
        assertThat(after.get("rules").get(0).get("fired").asInt()).isEqualTo(1);
        assertThat(after.get("unfiredRules")).isEmpty();

        JsonNode reset = json(send(base + "/scenario/reset", "POST", ""), 200);
        assertThat(reset.get("ruleFirings").get("refuse").asInt()).isZero();
        assertThat(smtp.scenario().name()).isEqualTo("down");
    }

    @Test
    void put_scenario_by_catalogue_name() throws Exception {
        SmtpDouble smtp = smtp();
        JsonNode body = json(send(admin(smtp) + "/scenario?name=greeting-421", "PUT", ""), 200);
        assertThat(body.get("name").asText()).isEqualTo("greeting-421");
        assertThat(greeting(smtp)).startsWith("421 ");
    }

    @Test
    void an_invalid_scenario_gets_400_with_the_loaders_text_and_changes_nothing() throws Exception {
        SmtpDouble smtp = smtp();
        String yaml = "scenario: typo\nrules:\n  - on: conect\n    repy: 421 nope\n";
        String expected = loaderError(yaml);

        HttpResponse<String> response = send(admin(smtp) + "/scenario", "PUT", yaml);

        JsonNode body = json(response, 400);
        assertThat(body.get("error").asText()).isEqualTo(expected);
        assertThat(body.get("problems")).hasSizeGreaterThanOrEqualTo(1);
        assertThat(smtp.scenario().name()).isEqualTo("accept-all");
    }

    @Test
    void scenario_mistakes_are_400_not_500() throws Exception {
        String base = admin(smtp());
        assertThat(send(base + "/scenario", "PUT", "").statusCode()).isEqualTo(400);
        assertThat(send(base + "/scenario", "PUT", "rules: [unclosed").statusCode()).isEqualTo(400);
        assertThat(send(base + "/scenario", "PUT", "- just\n- a list\n").statusCode()).isEqualTo(400);
        assertThat(send(base + "/scenario?name=no-such-scenario", "PUT", "").statusCode()).isEqualTo(400);
        assertThat(send(base + "/scenario?name=..%2F..%2Fetc%2Fpasswd", "PUT", "").statusCode()).isEqualTo(400);
        assertThat(send(base + "/scenario?name=greeting-421", "PUT", GREETING_421).statusCode()).isEqualTo(400);
        HttpRequest binary = HttpRequest.newBuilder(URI.create(base + "/scenario"))
                .PUT(BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, (byte) 0xfe, 'a'})).build();
        assertThat(HTTP.send(binary, BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        String huge = "description: " + "x".repeat(2 * 1024 * 1024);
        assertThat(send(base + "/scenario", "PUT", huge).statusCode()).isEqualTo(413);
    }

    @Test
    void journal_shows_sessions_transcripts_and_messages() throws Exception {
        SmtpDouble smtp = smtp();
        String base = admin(smtp);
        deliver(smtp, "Hello from the test");
        smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(5));

        JsonNode journal = json(get(base + "/journal"), 200);
        JsonNode session = journal.get("sessions").get(0);
        List<String> transcript = new ArrayList<>();
        session.get("transcript").forEach(line -> transcript.add(line.asText()));
        assertThat(transcript).contains("C: MAIL FROM:<sender@example.test>", "S: 250 2.1.0 Ok",
                "C: RCPT TO:<rcpt@example.test>", "C: QUIT");
        assertThat(transcript.get(0)).startsWith("S: 220 ");
        assertThat(session.get("end").asText()).isEqualTo("client_quit");
        assertThat(session.get("open").asBoolean()).isFalse();
        assertThat(session.get("entries").get(0).get("at").asText()).isNotBlank();

        JsonNode message = journal.get("messages").get(0);
        ReceivedMessage received = smtp.journal().messages().get(0);
        assertThat(message.get("id").asText()).isEqualTo(received.id());
        assertThat(message.get("sender").asText()).isEqualTo("sender@example.test");
        assertThat(message.get("recipients").get(0).asText()).isEqualTo("rcpt@example.test");
        assertThat(message.get("subject").asText()).isEqualTo("Hello from the test");
        assertThat(message.get("size").asInt()).isEqualTo(received.size());
        assertThat(session.get("messages").get(0).asText()).isEqualTo(received.id());

        HttpResponse<byte[]> raw = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/messages/" + received.id()))
                .build(), BodyHandlers.ofByteArray());
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Type")).hasValue("message/rfc822");
        assertThat(raw.body()).isEqualTo(received.raw());
        assertThat(get(base + message.get("rawPath").asText()).statusCode()).isEqualTo(200);

        JsonNode cleared = json(send(base + "/journal", "DELETE", ""), 200);
        assertThat(cleared.get("sessions")).isEmpty();
        assertThat(cleared.get("messages")).isEmpty();
        assertThat(get(base + "/messages/" + received.id()).statusCode()).isEqualTo(404);
    }

    @Test
    void post_reset_clears_the_journal_and_the_counters() throws Exception {
        SmtpDouble smtp = smtp();
        String base = admin(smtp);
        send(base + "/scenario", "PUT", GREETING_421);
        greeting(smtp);
        smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(5));
        JsonNode body = json(send(base + "/reset", "POST", ""), 200);
        assertThat(body.get("ruleFirings").get("refuse").asInt()).isZero();
        assertThat(smtp.journal().sessions()).isEmpty();
    }

    @Test
    void client_mistakes_get_clear_4xx_answers() throws Exception {
        String base = admin(smtp());
        JsonNode missing = json(get(base + "/nothing-here"), 404);
        assertThat(missing.get("error").asText()).contains("/nothing-here");
        HttpResponse<String> wrongMethod = send(base + "/journal", "POST", "");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET, DELETE");
        assertThat(get(base + "/messages/0000000999").statusCode()).isEqualTo(404);
        assertThat(get(base + "/messages/not%20an%20id").statusCode()).isEqualTo(400);
        assertThat(get(base + "/scenario?port=abc").statusCode()).isEqualTo(400);
        assertThat(get(base + "/listeners/1/scenario").statusCode()).isEqualTo(404);
        assertThat(get(base + "/").statusCode()).isEqualTo(200);
    }

    @Test
    void a_token_is_required_when_set_except_for_health() throws Exception {
        String base = admin(AdminServer.builder().listener(smtp()).token("s3cret"));
        HttpResponse<String> none = get(base + "/journal");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(send(base + "/scenario", "PUT", GREETING_421).statusCode()).isEqualTo(401);
        HttpRequest wrong = HttpRequest.newBuilder(URI.create(base + "/journal")).header("Authorization", "Bearer nope").build();
        assertThat(HTTP.send(wrong, BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpRequest right = HttpRequest.newBuilder(URI.create(base + "/journal")).header("Authorization", "Bearer s3cret").build();
        assertThat(HTTP.send(right, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(get(base + "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void at_least_one_listener_is_needed() {
        assertThatThrownBy(() -> AdminServer.builder().port(0).start()).isInstanceOf(IllegalStateException.class);
    }

    @Nested
    class SeveralListeners {

        @Test
        void the_port_prefix_or_query_chooses_the_listener_and_no_prefix_means_the_first() throws Exception {
            SmtpDouble first = smtp();
            SmtpDouble second = smtp();
            String base = admin(first, second);

            json(send(base + "/listeners/" + second.port() + "/scenario", "PUT", GREETING_421), 200);
            assertThat(second.scenario().name()).isEqualTo("down");
            assertThat(first.scenario().name()).isEqualTo("accept-all");
            assertThat(json(get(base + "/scenario"), 200).get("name").asText()).isEqualTo("accept-all");
            assertThat(json(get(base + "/scenario?port=" + second.port()), 200).get("name").asText()).isEqualTo("down");

            assertThat(greeting(second)).startsWith("421 ");
            assertThat(greeting(first)).startsWith("220 ");
            second.journal().awaitEndedSessions(1, Duration.ofSeconds(5));
            JsonNode journal = json(get(base + "/listeners/" + second.port() + "/journal"), 200);
            assertThat(journal.get("port").asInt()).isEqualTo(second.port());
            assertThat(journal.get("sessions").get(0).get("transcript").get(0).asText()).startsWith("S: 421 4.3.2");

            JsonNode listeners = json(get(base + "/listeners"), 200).get("listeners");
            assertThat(listeners).hasSize(2);
            assertThat(listeners.get(1).get("scenario").asText()).isEqualTo("down");
            assertThat(get(base + "/listeners/" + first.port() + "/scenario?port=" + second.port()).statusCode())
                    .isEqualTo(400);
        }
    }

    private static String loaderError(String yaml) {
        try {
            Scenarios.fromYaml(yaml, "request body");
        } catch (ScenarioException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the loader to refuse: " + yaml);
    }

    private static String greeting(SmtpDouble smtp) throws IOException {
        try (Socket socket = new Socket(smtp.host(), smtp.port())) {
            socket.setSoTimeout(5000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    private static void deliver(SmtpDouble smtp, String subject) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "5000");
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("sender@example.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("rcpt@example.test"));
        message.setSubject(subject);
        message.setText("Body line.\n");
        Transport.send(message);
    }

    private static HttpResponse<String> get(String uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(), BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String uri, String method, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", "application/yaml")
                .method(method, BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        return JSON.readTree(response.body());
    }
}
