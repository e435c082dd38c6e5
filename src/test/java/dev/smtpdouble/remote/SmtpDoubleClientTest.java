package dev.smtpdouble.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.RawSmtpClient;
import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.admin.AdminServer;
import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.junit.SmtpAssertions;
import dev.smtpdouble.protocol.EnhancedStatus;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.scenario.ScenarioException;
import dev.smtpdouble.scenario.Scenarios;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The admin client against a real admin API in this JVM: the records it rebuilds equal the server's own. */
@Timeout(60)
class SmtpDoubleClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private SmtpDouble smtp;
    private AdminServer admin;
    private SmtpDoubleClient client;

    @BeforeEach
    void start() {
        smtp = SmtpDouble.builder().scenario(Scenarios.load("greeting-421-then-accept")).auth("alice", "s3cret")
                .start();
        admin = AdminServer.builder().port(0).listener(smtp).token("secret").start();
        client = SmtpDoubleClient.builder(URI.create("http://127.0.0.1:" + admin.port())).token("secret")
                .smtp(smtp.host(), smtp.port()).build();
    }

    @AfterEach
    void stop() {
        admin.close();
        smtp.close();
    }

    @Test
    void theJournalReadOverHttpEqualsTheServersOwn() throws Exception {
        converse("EHLO client.test", "MAIL FROM:<app@example.test> SIZE=20", "RCPT TO:<ada@example.test> NOTIFY=NEVER",
                "DATA", "Subject: Hi\r\n\r\nHello\r\n.", "QUIT");
        converse("EHLO client.test", "AUTH LOGIN", "YWxpY2U=", "*", "AUTH PLAIN AGFsaWNlAHMzY3JldA==",
                "MAIL FROM:<app@example.test>", "RCPT TO:<ada@example.test>", "DATA",
                "Subject: Hi\r\n\r\nHello\r\n.", "NOOP", "QUIT");
        smtp.journal().awaitEndedSessions(2, WAIT);
        assertThat(smtp.journal().sessions().get(1).authAttempts()).hasSize(2);

        assertThat(client.journal().sessions()).isEqualTo(smtp.journal().sessions());
        List<ReceivedMessage> remote = client.journal().messages();
        List<ReceivedMessage> local = smtp.journal().messages();
        assertThat(remote).hasSize(1);
        assertThat(remote.get(0).id()).isEqualTo(local.get(0).id());
        assertThat(remote.get(0).envelope()).isEqualTo(local.get(0).envelope());
        assertThat(remote.get(0).raw()).isEqualTo(local.get(0).raw());
        assertThat(remote.get(0).receivedAt()).isEqualTo(local.get(0).receivedAt());
    }

    @Test
    void theAssertionsAndTheirAwaitsWorkOnTheClient() throws Exception {
        converse("QUIT");
        converse("EHLO client.test", "MAIL FROM:<app@example.test>", "RCPT TO:<ada@example.test>", "DATA",
                "Subject: Welcome\r\n\r\nHello\r\n.", "QUIT");

        SmtpAssertions.assertThat(client).awaitMessages(1).awaitEndedConnections(2).hasConnections(2)
                .hasFired("refuse the first connection").hasNoUnfiredRules()
                .session(0).hasReplyCodes(421).wasClosedByServer()
                .and().onlyMessage().hasSubject("Welcome").hasRecipients("ada@example.test");
        assertThatThrownBy(() -> SmtpAssertions.assertThat(client).awaitMessages(2, Duration.ofMillis(300)))
                .hasMessageContaining("timed out after 300 ms waiting for 2 message(s), got 1")
                .hasMessageContaining("session 2");
    }

    @Test
    void scenariosSwitchResetAndRefuseWithTheLoadersText() {
        client.useScenario("greylist");
        assertThat(smtp.scenario().name()).isEqualTo("greylist");
        assertThat(client.scenarioName()).isEqualTo("greylist");
        assertThat(client.scenarioYaml()).contains("scenario: greylist");

        assertThatThrownBy(() -> client.useScenarioYaml("rules:\n  - on: conect\n"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("request body:2:");
        assertThatThrownBy(() -> client.useScenario("no-such-scenario"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("no-such-scenario");
        assertThat(smtp.scenario().name()).isEqualTo("greylist");

        client.reset();
        assertThat(client.journal().sessions()).isEmpty();
        assertThat(client.ruleFirings()).containsOnlyKeys(smtp.ruleFirings().keySet());
    }

    @Test
    void aWrongTokenIsRefusedWithTheServersMessage() {
        SmtpDoubleClient wrong = SmtpDoubleClient.builder(URI.create("http://127.0.0.1:" + admin.port()))
                .token("wrong").build();
        assertThat(wrong.isHealthy()).isTrue();
        assertThatThrownBy(wrong::scenarioName).isInstanceOf(AdminApiException.class)
                .hasMessageContaining("401").hasMessageContaining("the bearer token is wrong")
                .satisfies(e -> assertThat(((AdminApiException) e).status()).isEqualTo(401));
    }

    @Test
    void repliesAreReadBackWithTheirStatusAndLines() {
        assertThat(JournalJson.reply("250 2.0.0 Ok: queued as 1")).isEqualTo(Reply.of(250, "2.0.0", "Ok: queued as 1"));
        assertThat(JournalJson.reply("220 localhost ESMTP")).isEqualTo(Reply.of(220, "localhost ESMTP"));
        assertThat(JournalJson.reply("250-mx | 250-PIPELINING | 250 SMTPUTF8"))
                .isEqualTo(new Reply(250, null, List.of("mx", "PIPELINING", "SMTPUTF8")));
        assertThat(JournalJson.reply("451-4.7.1 a | b | 451 4.7.1 c"))
                .isEqualTo(new Reply(451, EnhancedStatus.of("4.7.1"), List.of("a | b", "c")));
    }

    private void converse(String... lines) throws Exception {
        try (RawSmtpClient raw = new RawSmtpClient(smtp.host(), smtp.port())) {
            String greeting = raw.reply();
            if (greeting.startsWith("421")) {
                return;
            }
            for (String line : lines) {
                raw.command(line);
            }
        }
    }
}
