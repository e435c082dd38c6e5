package dev.smtpdouble;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.TranscriptEntry.ServerReply;
import dev.smtpdouble.scenario.Scenarios;
import dev.smtpdouble.time.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rate limits, concurrency limits and greylisting over a real socket, on a clock the test moves. */
class KeyedRulesDialogueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T08:00:00Z"));
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private SmtpDouble start(String yaml) {
        SmtpDouble smtp = SmtpDouble.builder().clock(clock).hostname("mx.test")
                .scenario(Scenarios.fromYaml(yaml, "keyed.yaml")).start();
        open.add(smtp);
        return smtp;
    }

    private RawSmtpClient connect(SmtpDouble smtp) throws IOException {
        RawSmtpClient client = new RawSmtpClient(smtp);
        open.add(client);
        return client;
    }

    /** A whole transaction; the reply to the final dot, or the first refusal. */
    private static String send(RawSmtpClient client, String from, String to) throws IOException {
        String mail = client.command("MAIL FROM:<" + from + ">");
        if (!mail.startsWith("250")) {
            return mail;
        }
        String rcpt = client.command("RCPT TO:<" + to + ">");
        if (!rcpt.startsWith("250")) {
            client.command("RSET");
            return rcpt;
        }
        client.command("DATA");
        return client.command("Subject: hello\r\n\r\nHi.\r\n.");
    }

    private static String login(RawSmtpClient client, String user, String password) throws IOException {
        return client.command("AUTH PLAIN " + Base64.getEncoder().encodeToString(
                ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aMessageRatePerSenderDomainRefusesMailUntilTheWindowMovesOn() throws Exception {
        SmtpDouble smtp = start("""
                rules:
                  - name: two a minute
                    on: mail
                    limit: {count: messages, max: 2, per: 1m, key: sender_domain}
                    reply: 450 4.7.1 {count} messages in the last minute from {key}
                """);
        RawSmtpClient client = connect(smtp);
        client.reply();
        client.command("EHLO client.test");

        assertThat(send(client, "a@shop.test", "r@example.org")).startsWith("250 2.0.0 Ok: queued");
        assertThat(send(client, "b@shop.test", "r@example.org")).startsWith("250 2.0.0 Ok: queued");
        assertThat(send(client, "c@shop.test", "r@example.org"))
                .isEqualTo("450 4.7.1 2 messages in the last minute from shop.test");
        assertThat(send(client, "a@other.test", "r@example.org")).as("another domain").startsWith("250 2.0.0");
        clock.advance(Duration.ofMinutes(1));
        assertThat(send(client, "c@shop.test", "r@example.org")).startsWith("250 2.0.0 Ok: queued");

        ServerReply refusal = smtp.journal().sessions().get(0).transcript().stream()
                .filter(ServerReply.class::isInstance).map(ServerReply.class::cast)
                .filter(reply -> "two a minute".equals(reply.rule())).findFirst().orElseThrow();
        assertThat(refusal.detail()).isEqualTo("limit reached: 2 of 2 messages per 1m (sliding) by sender_domain, "
                + "key shop.test, next in 60 s");
        assertThat(refusal.toString()).contains("[rule 'two a minute': limit reached: 2 of 2 messages");
    }

    @Test
    void aMessageRatePerAuthenticatedUserFollowsTheAccountAcrossConnections() throws Exception {
        SmtpDouble smtp = SmtpDouble.builder().clock(clock).hostname("mx.test").auth("ada@shop.test", "pw1")
                .auth("grace@shop.test", "pw2").scenario(Scenarios.fromYaml("""
                        rules:
                          - name: per mailbox
                            on: mail
                            limit: {count: messages, max: 2, per: 1m, key: user}
                            reply: 451 4.7.0 {user} sent {count} messages this minute
                        """, "keyed.yaml")).start();
        open.add(smtp);
        RawSmtpClient ada = connect(smtp);
        ada.reply();
        ada.command("EHLO client.test");
        assertThat(login(ada, "ada@shop.test", "pw1")).startsWith("235 ");
        assertThat(send(ada, "orders@shop.test", "r@example.org")).startsWith("250 2.0.0 Ok: queued");
        assertThat(send(ada, "billing@shop.test", "r@example.org")).startsWith("250 2.0.0 Ok: queued");

        RawSmtpClient adaAgain = connect(smtp);
        adaAgain.reply();
        adaAgain.command("EHLO client.test");
        login(adaAgain, "ada@shop.test", "pw1");
        assertThat(send(adaAgain, "news@shop.test", "r@example.org"))
                .as("the same account on another connection, with another sender")
                .isEqualTo("451 4.7.0 ada@shop.test sent 2 messages this minute");

        RawSmtpClient grace = connect(smtp);
        grace.reply();
        grace.command("EHLO client.test");
        login(grace, "grace@shop.test", "pw2");
        assertThat(send(grace, "orders@shop.test", "r@example.org")).as("another account").startsWith("250 2.0.0");
        RawSmtpClient anonymous = connect(smtp);
        anonymous.reply();
        anonymous.command("EHLO client.test");
        assertThat(send(anonymous, "orders@shop.test", "r@example.org")).as("no user, not counted")
                .startsWith("250 2.0.0");

        clock.advance(Duration.ofMinutes(1));
        assertThat(send(adaAgain, "news@shop.test", "r@example.org")).startsWith("250 2.0.0 Ok: queued");
        ServerReply refusal = smtp.journal().sessions().get(1).transcript().stream()
                .filter(ServerReply.class::isInstance).map(ServerReply.class::cast)
                .filter(reply -> "per mailbox".equals(reply.rule())).findFirst().orElseThrow();
        assertThat(refusal.detail()).isEqualTo("limit reached: 2 of 2 messages per 1m (sliding) by user, "
                + "key ada@shop.test, next in 60 s");
    }

    @Test
    void sesCountsAfterTheMessageAndRefusesAtTheFinalDot() throws Exception {
        SmtpDouble smtp = start("""
                rules:
                  - on: message
                    limit: {count: messages, max: 1, per: 1s, key: server}
                    reply: "454 Throttling failure: Maximum sending rate exceeded."
                """);
        RawSmtpClient client = connect(smtp);
        client.reply();

        assertThat(send(client, "a@shop.test", "r@example.org")).startsWith("250 ");
        assertThat(send(client, "a@shop.test", "r@example.org"))
                .isEqualTo("454 Throttling failure: Maximum sending rate exceeded.");
        clock.advance(Duration.ofSeconds(1));
        assertThat(send(client, "a@shop.test", "r@example.org")).startsWith("250 ");
        assertThat(smtp.journal().messages()).hasSize(2);
    }

    @Test
    void concurrentConnectionsPerClientGetTheFullHouse421() throws Exception {
        SmtpDouble smtp = start("""
                rules:
                  - {on: connect, limit: {count: concurrent_connections, max: 2}}
                """);
        RawSmtpClient first = connect(smtp);
        RawSmtpClient second = connect(smtp);
        assertThat(first.reply()).startsWith("220");
        assertThat(second.reply()).startsWith("220");

        RawSmtpClient third = connect(smtp);
        assertThat(third.reply()).isEqualTo("421 4.7.0 mx.test Error: too many connections from 127.0.0.1");
        assertThat(third.reply()).as("closed after the 421").isNull();

        assertThat(first.command("QUIT")).startsWith("221");
        smtp.journal().awaitSession(s -> s.id() == 1 && !s.isOpen(), WAIT);
        assertThat(connect(smtp).reply()).as("one left: room again").startsWith("220");
    }

    @Test
    void greylistingDefersTheTripletUntilTheClientRetriesAfterTheDelay() throws Exception {
        SmtpDouble smtp = start("""
                rules:
                  - {name: postgrey, on: rcpt, greylist: {}}
                """);
        for (Duration wait : List.of(Duration.ZERO, Duration.ofMinutes(2), Duration.ofMinutes(3))) {
            clock.advance(wait);
            RawSmtpClient client = connect(smtp);
            client.reply();
            client.command("EHLO client.test");
            client.command("MAIL FROM:<news@shop.test>");
            String rcpt = client.command("RCPT TO:<bob@example.org>");
            if (!wait.equals(Duration.ofMinutes(3))) {
                assertThat(rcpt).isEqualTo("450 4.2.0 <bob@example.org>: Recipient address rejected: Greylisted, "
                        + "see http://postgrey.schweikert.ch/help/example.org.html");
            } else {
                assertThat(rcpt).isEqualTo("250 2.1.5 Ok");
            }
            client.command("QUIT");
        }

        assertThat(smtp).recipient("bob@example.org").hasAttempts(3).wasTriedAtMost(3)
                .wasRetriedAfterAtLeast(Duration.ofMinutes(2)).wasAccepted();
        assertThat(smtp.journal().recipientAttempts("BOB@example.org")).extracting(a -> a.reply().code())
                .containsExactly(450, 450, 250);
    }

    @Test
    void aRecipientRateCountsOnlyWhatWasAccepted() throws Exception {
        SmtpDouble smtp = start("""
                rules:
                  - {on: rcpt, limit: {count: recipients, max: 2, per: 1h, window: fixed}}
                """);
        RawSmtpClient client = connect(smtp);
        client.reply();
        client.command("MAIL FROM:<a@shop.test>");

        assertThat(client.command("RCPT TO:<r1@example.org>")).startsWith("250");
        assertThat(client.command("RCPT TO:<bad@@example.org>")).as("refused by the parser: not counted")
                .startsWith("501");
        assertThat(client.command("RCPT TO:<r2@example.org>")).startsWith("250");
        assertThat(client.command("RCPT TO:<r3@example.org>"))
                .isEqualTo("450 4.7.1 Error: too many recipients from 127.0.0.1");
    }
}
