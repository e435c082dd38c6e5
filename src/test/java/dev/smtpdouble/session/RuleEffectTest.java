package dev.smtpdouble.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.scenario.ScenarioLoader;
import dev.smtpdouble.scenario.ScenarioRuntime;
import dev.smtpdouble.scenario.Settings;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a rule sees of a command (the state the command creates) and what a rule's positive reply
 * makes the command do: pure, no sockets.
 */
class RuleEffectTest {

    private Journal journal;
    private Session session;

    private void open(String rules) {
        journal = new Journal();
        ScenarioRuntime runtime = new ScenarioRuntime(ScenarioLoader.parse("rules:\n" + rules, "t.yaml"));
        session = new Session(Settings.DEFAULTS, runtime, journal.openSession(1, "127.0.0.1:1"), 1, new QueueIds());
        session.open(false);
    }

    private List<String> send(String... commands) {
        return Arrays.stream(commands).map(command -> {
            Outcome outcome = session.command(command);
            return outcome.reply() == null ? null : firstLine(outcome.reply());
        }).toList();
    }

    private static String firstLine(Reply reply) {
        String rendered = reply.render();
        return rendered.substring(0, rendered.indexOf("\r\n"));
    }

    private String message(String content) {
        session.content(content.getBytes(StandardCharsets.US_ASCII), false, false);
        return firstLine(session.endOfData().reply());
    }

    @Test
    void aMailRuleWithTransactionSeesTheTransactionThisMailOpens() {
        open("  - {on: mail, transaction: 1, reply: 451 4.3.0 first transaction refused}\n");

        assertThat(send("EHLO c.test", "MAIL FROM:<a@example.org>", "MAIL FROM:<a@example.org>"))
                .containsExactly("250-localhost", "451 4.3.0 first transaction refused",
                        "451 4.3.0 first transaction refused");
        assertThat(send("RSET", "MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>", "DATA"))
                .as("the refused MAILs opened nothing; this MAIL opens the first transaction")
                .containsExactly("250 2.0.0 Ok", "451 4.3.0 first transaction refused", "503 5.5.1 Error: need MAIL command",
                        "503 5.5.1 Error: need MAIL command");
    }

    @Test
    void aMailRuleWithTransactionTwoFiresOnTheSecondTransactionsMail() {
        open("  - {on: mail, transaction: 2, reply: 451 4.3.0 second transaction refused}\n");

        assertThat(send("EHLO c.test", "MAIL FROM:<a@example.org>", "RSET", "MAIL FROM:<a@example.org>"))
                .containsExactly("250-localhost", "250 2.1.0 Ok", "250 2.0.0 Ok", "451 4.3.0 second transaction refused");
    }

    @Test
    void aHeloRuleSeesTheNameThisCommandGives() {
        open("  - {on: ehlo, helo: '^bad\\.', reply: 550 5.7.1 Fix your HELO name}\n");

        assertThat(send("EHLO bad.example", "EHLO good.example", "EHLO bad.example"))
                .containsExactly("550 5.7.1 Fix your HELO name", "250-localhost", "550 5.7.1 Fix your HELO name");
    }

    @Test
    void a354ToDataWithoutRecipientsEntersContentModeAndStoresTheMessage() {
        open("  - {on: data, reply: 354 Go ahead}\n");

        assertThat(send("EHLO c.test", "MAIL FROM:<a@example.org>", "DATA")).containsExactly("250-localhost",
                "250 2.1.0 Ok", "354 Go ahead");
        assertThat(session.inputMode()).isEqualTo(InputMode.CONTENT);
        assertThat(message("Subject: x\r\n\r\nbody\r\n")).startsWith("250 2.0.0 Ok: queued as");

        ReceivedMessage stored = journal.messages().get(0);
        assertThat(stored.envelope().sender()).isEqualTo("a@example.org");
        assertThat(stored.envelope().recipients()).isEmpty();
    }

    @Test
    void a354ToDataBeforeAnyMailStoresTheMessageUnderTheNullSender() {
        open("  - {on: data, reply: 354 Go ahead}\n");

        assertThat(send("DATA")).containsExactly("354 Go ahead");
        assertThat(message("hello\r\n")).startsWith("250 2.0.0 Ok: queued as");
        assertThat(journal.messages().get(0).envelope().sender()).isEmpty();
    }

    @Test
    void a354ToDataWithAnArgumentEntersContentMode() {
        open("  - {on: data, reply: 354 Go ahead}\n");
        send("MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>");

        assertThat(send("DATA now")).containsExactly("354 Go ahead");
        assertThat(session.inputMode()).isEqualTo(InputMode.CONTENT);
    }

    @Test
    void a250ToDataCompletesTheCommandWithoutContent() {
        open("  - {on: data, reply: 250 2.0.0 Ok}\n");
        send("MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>");

        assertThat(send("DATA", "NOOP")).containsExactly("250 2.0.0 Ok", "250 2.0.0 Ok");
        assertThat(session.inputMode()).isEqualTo(InputMode.COMMAND);
    }

    @Test
    void a250ToRcptBeforeMailAddsTheRecipientToANullSenderTransaction() {
        open("  - {on: rcpt, reply: 250 2.1.5 Ok}\n");

        assertThat(send("RCPT TO:<r@example.org>", "DATA")).containsExactly("250 2.1.5 Ok",
                "354 End data with <CR><LF>.<CR><LF>");
        message("hello\r\n");

        ReceivedMessage stored = journal.messages().get(0);
        assertThat(stored.envelope().sender()).isEmpty();
        assertThat(stored.envelope().recipients()).extracting(r -> r.address()).containsExactly("r@example.org");
    }

    @Test
    void a250ToRsetWithAnArgumentEndsTheTransaction() {
        open("  - {on: rset, reply: 250 2.0.0 Ok}\n");
        send("MAIL FROM:<a@example.org>");

        assertThat(send("RSET now", "RCPT TO:<r@example.org>")).containsExactly("250 2.0.0 Ok",
                "503 5.5.1 Error: need MAIL command");
    }

    @Test
    void a250ToAnEhloWithoutANameEndsTheTransaction() {
        open("  - {on: ehlo, reply: 250 mx.test}\n");
        send("MAIL FROM:<a@example.org>");

        assertThat(send("EHLO", "RCPT TO:<r@example.org>")).containsExactly("250 mx.test",
                "503 5.5.1 Error: need MAIL command");
    }

    @Test
    void oversizedMatchesAMailWhoseSizeIsOverTheLimitAndAMessageThatWas() {
        journal = new Journal();
        ScenarioRuntime runtime = new ScenarioRuntime(ScenarioLoader.parse("""
                rules:
                  - {on: mail, oversized: true, reply: 552 5.3.4 Message size exceeds fixed maximum message size}
                  - {on: message, oversized: true, reply: ["552 5.2.3 Your message exceeded Google's message size limits.", "See the size guidelines."]}
                """, "t.yaml"));
        session = new Session(Settings.DEFAULTS.withMaxMessageSize(100), runtime, journal.openSession(1, "127.0.0.1:1"),
                1, new QueueIds());
        session.open(false);

        assertThat(send("MAIL FROM:<a@example.org> SIZE=101", "MAIL FROM:<a@example.org> SIZE=100"))
                .containsExactly("552 5.3.4 Message size exceeds fixed maximum message size", "250 2.1.0 Ok");
        send("RCPT TO:<r@example.org>", "DATA");
        assertThat(message("x".repeat(98) + "\r\n\r\n")).isEqualTo("552-5.2.3 Your message exceeded Google's message size limits.");
        send("MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>", "DATA");
        assertThat(message("small\r\n")).startsWith("250 2.0.0 Ok: queued");
    }

    @Test
    void a250ToAMessageWithAnOverlongLineStoresIt() {
        open("  - {on: message, reply: 250 2.0.0 Ok stored anyway}\n");
        send("MAIL FROM:<a@example.org>", "RCPT TO:<r@example.org>", "DATA");
        session.content("x".repeat(1200).getBytes(StandardCharsets.US_ASCII), false, true);

        assertThat(message("\r\n")).isEqualTo("250 2.0.0 Ok stored anyway");
        assertThat(journal.messages()).hasSize(1);
    }
}
