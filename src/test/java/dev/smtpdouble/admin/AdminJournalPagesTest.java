package dev.smtpdouble.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smtpdouble.RawSmtpClient;
import dev.smtpdouble.SmtpDouble;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /journal} in pieces: by session, since a session id, a page at a time following
 * {@code next}; the answer is streamed, not built in memory first.
 */
class AdminJournalPagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int SESSIONS = 25;

    private static SmtpDouble smtp;
    private static AdminServer admin;
    private static String base;

    /** 25 sessions; every fifth delivers a message. */
    @BeforeAll
    static void start() throws IOException {
        smtp = SmtpDouble.start();
        admin = AdminServer.builder().listener(smtp).port(0).start();
        base = "http://127.0.0.1:" + admin.port();
        for (int i = 1; i <= SESSIONS; i++) {
            try (RawSmtpClient client = new RawSmtpClient(smtp.host(), smtp.port())) {
                client.reply();
                client.command("EHLO client-" + i);
                if (i % 5 == 0) {
                    client.command("MAIL FROM:<s@example.test>");
                    client.command("RCPT TO:<r@example.test>");
                    client.command("DATA");
                    assertThat(client.command("Subject: message of session " + i + "\r\n\r\nbody\r\n."))
                            .startsWith("250");
                }
                client.command("QUIT");
            }
        }
        smtp.journal().awaitEndedSessions(SESSIONS, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        admin.close();
        smtp.close();
    }

    @Test
    void pagesFollowedByNextListEverySessionOnceInOrder() throws Exception {
        List<Long> ids = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        String path = "/journal?limit=10";
        int pages = 0;
        while (path != null) {
            JsonNode page = get(path);
            pages++;
            page.get("sessions").forEach(s -> ids.add(s.get("id").asLong()));
            page.get("messages").forEach(m -> messages.add(m.get("subject").asText()));
            assertThat(page.get("sessions").size()).isLessThanOrEqualTo(10);
            page.get("messages").forEach(m -> assertThat(m.get("sessionId").asLong())
                    .as("a page lists the messages of its own sessions").isLessThanOrEqualTo(page.get("lastSessionId").asLong()));
            path = page.get("next").isNull() ? null : page.get("next").asText().replaceFirst("^/listeners/\\d+", "");
        }
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(SESSIONS).isSorted().doesNotHaveDuplicates();
        assertThat(messages).containsExactly("message of session 5", "message of session 10", "message of session 15",
                "message of session 20", "message of session 25");
    }

    @Test
    void sinceListsOnlyLaterSessionsAndTheirMessages() throws Exception {
        long tenth = smtp.journal().sessions().get(9).id();

        JsonNode later = get("/journal?since=" + tenth);

        assertThat(later.get("sessions").size()).isEqualTo(SESSIONS - 10);
        assertThat(later.get("sessions").get(0).get("id").asLong()).isEqualTo(tenth + 1);
        assertThat(later.get("messages").size()).isEqualTo(3);
        assertThat(later.get("lastSessionId").asLong()).isEqualTo(smtp.journal().lastSessionId());
        assertThat(later.get("next").isNull()).isTrue();
        JsonNode nothingNew = get("/journal?since=" + later.get("lastSessionId").asLong());
        assertThat(nothingNew.get("sessions")).isEmpty();
        assertThat(nothingNew.get("messages")).isEmpty();
        assertThat(nothingNew.get("lastSessionId").asLong()).as("a poller keeps its place")
                .isEqualTo(later.get("lastSessionId").asLong());
    }

    @Test
    void oneSessionWithItsMessages() throws Exception {
        long fifth = smtp.journal().sessions().get(4).id();

        JsonNode one = get("/journal?session=" + fifth);

        assertThat(one.get("sessions").size()).isEqualTo(1);
        assertThat(one.get("sessions").get(0).get("transcript").get(1).asText()).isEqualTo("C: EHLO client-5");
        assertThat(one.get("sessions").get(0).get("messages").size()).isEqualTo(1);
        assertThat(one.get("messages").size()).isEqualTo(1);
        assertThat(one.get("messages").get(0).get("sessionId").asLong()).isEqualTo(fifth);
        assertThat(get("/messages?session=" + fifth).get("messages").size()).isEqualTo(1);
        assertThat(get("/journal?session=999999").get("sessions")).isEmpty();
    }

    @Test
    void theWholeJournalIsStreamedInChunks() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/journal")).build(),
                BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        JsonNode journal = JSON.readTree(response.body());
        assertThat(journal.get("sessions").size()).isEqualTo(SESSIONS);
        assertThat(journal.get("messages").size()).isEqualTo(5);
        assertThat(journal.get("retainedBytes").asLong()).isPositive();
    }

    @Test
    void badQueriesAreClientMistakes() throws Exception {
        for (String query : List.of("limit=0", "limit=ten", "since=-1", "session=0", "session=x")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/journal?" + query))
                    .build(), BodyHandlers.ofString());
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("error").asText()).as(query).contains("must be a whole number");
        }
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
