package dev.smtpdouble.testcontainers;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.SmtpDoubleControl;
import dev.smtpdouble.journal.SessionEnd;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.junit.Mail;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.remote.AdminApiException;
import dev.smtpdouble.remote.SmtpDoubleClient;
import dev.smtpdouble.scenario.ScenarioException;
import dev.smtpdouble.scenario.Scenarios;
import jakarta.mail.MessagingException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SmtpDoubleContainer under Testcontainers, against the real image ({@code $SMTP_DOUBLE_IMAGE}) through
 * podman's Docker API: scenarios by name, file and YAML, a second listener, the token, and the admin
 * client giving the same journal records as an embedded server for the same conversation.
 */
@Timeout(300)
class SmtpDoubleContainerIT {

    static final String IMAGE = System.getenv().getOrDefault("SMTP_DOUBLE_IMAGE", "localhost/smtp-double:ci");
    private static final String TOKEN = "testcontainers-token";

    private static SmtpDoubleContainer smtp;
    private static SmtpDoubleClient client;

    @BeforeAll
    static void start() {
        Testcontainers.require();
        smtp = Testcontainers.labelled(new SmtpDoubleContainer(IMAGE))
                .withScenario("greeting-421-then-accept")
                .withListener(2526, "greylist")
                .withAdminToken(TOKEN);
        smtp.start();
        client = smtp.client();
    }

    @AfterAll
    static void stop() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @BeforeEach
    void reset() {
        client.useScenario("greeting-421-then-accept");
        client.reset();
    }

    @Test
    void a_retry_after_421_is_seen_through_the_same_assertions_as_in_process() throws Exception {
        assertThatThrownBy(() -> send(smtp.getSmtpHost(), smtp.getSmtpPort(), "Welcome"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("421");
        send(smtp.getSmtpHost(), smtp.getSmtpPort(), "Welcome");

        assertThat(client).awaitMessages(1).awaitEndedConnections(2)
                .hasConnections(2).hasFired("refuse the first connection").hasNoUnfiredRules()
                .session(0).hasReplyCodes(421).wasClosedByServer()
                .and().session(1).hasCommands("EHLO", "MAIL", "RCPT", "DATA", "QUIT").endedBy(SessionEnd.CLIENT_QUIT)
                .and().onlyMessage().hasSubject("Welcome").hasSender("app@example.test")
                .hasRecipients("user@example.test").hasTextContaining("Sent by the application");
        assertThat(client.scenarioName()).isEqualTo("greeting-421-then-accept");
    }

    @Test
    void the_journal_records_equal_an_embedded_servers_for_the_same_conversation() throws Exception {
        client.useScenario("accept-all");
        send(smtp.getSmtpHost(), smtp.getSmtpPort(), "Same");
        SessionRecord remote = client.journal().awaitEndedSessions(1, Duration.ofSeconds(20)).get(0);

        SessionRecord local;
        try (SmtpDouble embedded = SmtpDouble.builder().start()) {
            send(embedded.host(), embedded.port(), "Same");
            local = embedded.journal().awaitEndedSessions(1, Duration.ofSeconds(20)).get(0);
        }
        assertThat(remote.commands()).isEqualTo(local.commands());
        assertThat(withoutQueueIds(remote.replies())).as("replies with their codes, enhanced status and lines")
                .isEqualTo(withoutQueueIds(local.replies()));
        assertThat(remote.end()).isEqualTo(local.end());
        assertThat(client.journal().messages().get(0).envelope().recipients())
                .isEqualTo(List.of(new dev.smtpdouble.journal.Recipient("user@example.test", java.util.Map.of())));
        assertThat(client.journal().messages().get(0).mimeMessage().getSubject()).isEqualTo("Same");
    }

    @Test
    void a_scenario_of_the_tests_classpath_and_a_second_listener() throws Exception {
        client.useScenario("scenarios/greylist.yaml");
        assertThat(client.scenarioName()).isEqualTo("greylist");
        assertThat(greeting(smtp.getSmtpHost(), smtp.getSmtpPort())).startsWith("220 ");

        SmtpDoubleClient second = smtp.client(2526);
        assertThat(second.scenarioName()).isEqualTo("greylist");
        assertThat(second.port()).isEqualTo(smtp.getSmtpPort(2526));
        second.reset();
        assertThat(greeting(second.host(), second.port())).startsWith("220 ");
        assertThat(second).awaitConnections(1).hasConnections(1);
        assertThat(client.journal().sessions()).as("each listener has its own journal").hasSize(1);
    }

    @Test
    void an_invalid_scenario_is_refused_here_with_file_line_and_column_and_the_server_keeps_its_own() {
        assertThatThrownBy(() -> client.useScenarioYaml("rules:\n  - on: conect\n"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("conect");
        assertThat(client.scenarioName()).isEqualTo("greeting-421-then-accept");
        assertThatThrownBy(() -> new SmtpDoubleContainer(IMAGE).withScenarioYaml("rules: [ {on: nothing} ]"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("withScenarioYaml:1");
    }

    @Test
    void the_admin_api_needs_the_token() {
        SmtpDoubleClient without = SmtpDoubleClient.builder(smtp.getAdminUri()).build();
        assertThat(without.isHealthy()).as("/health needs no token").isTrue();
        assertThatThrownBy(without::scenarioName).isInstanceOf(AdminApiException.class)
                .hasMessageContaining("401").hasMessageContaining("Bearer");
    }

    @Test
    void a_scenario_file_and_yaml_are_copied_into_a_new_container(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("refuse.yaml");
        Files.writeString(file, "scenario: refuse\nrules:\n  - on: connect\n    reply: 421 4.7.0 Go away\n");
        try (SmtpDoubleContainer fromFile = Testcontainers.labelled(new SmtpDoubleContainer(IMAGE)).withScenario(file);
             SmtpDoubleContainer fromYaml = Testcontainers.labelled(new SmtpDoubleContainer(IMAGE))
                     .withScenarioYaml(Scenarios.source("greeting-421").yaml())) {
            fromFile.start();
            fromYaml.start();
            assertThat(greeting(fromFile.getSmtpHost(), fromFile.getSmtpPort())).isEqualTo("421 4.7.0 Go away");
            assertThat(greeting(fromYaml.getSmtpHost(), fromYaml.getSmtpPort())).startsWith("421 4.3.2");
            SmtpDoubleControl control = fromFile.client();
            assertThat(control.scenarioName()).isEqualTo("refuse");
            assertThat(control).awaitEndedConnections(1).session(0).hasReplyCodes(421).wasClosedByServer();
        }
    }

    /** The same replies, with the queue ids (which count each server's messages) made equal. */
    private static List<Reply> withoutQueueIds(List<Reply> replies) {
        return replies.stream().map(reply -> new Reply(reply.code(), reply.status(), reply.lines().stream()
                .map(line -> line.replaceAll("queued as [0-9A-F]+", "queued as ID")).toList())).toList();
    }

    static void send(String host, int port, String subject) throws MessagingException {
        Mail.send(host, port, "user@example.test", subject, "Sent by the application.\n");
    }

    static String greeting(String host, int port) throws Exception {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
