package dev.smtpdouble.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.smtpdouble.Generators;
import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.protocol.SyntaxMode;
import dev.smtpdouble.scenario.Director;
import dev.smtpdouble.scenario.Settings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the session over generated dialogues: whatever a client sends, every answer is a
 * well-formed reply from the default MTA, never an internal error; every 250 "queued" is one message
 * in the journal; and a well-formed transaction arrives in the journal exactly as it was sent.
 */
class SessionPropertiesTest {

    /** One session fed line by line, as the network edge frames them; records the replies. */
    private static final class Dialogue {
        final Journal journal = new Journal();
        final Session session;
        final List<Reply> replies = new ArrayList<>();

        Dialogue(SyntaxMode mode) {
            session = new Session(Settings.DEFAULTS.withSyntax(mode).withMaxMessageSize(5000), Director.NONE,
                    journal.openSession(1, "property"), 1, new QueueIds());
            take(session.open(false));
        }

        void send(String line) {
            if (session.inputMode() == InputMode.CONTENT) {
                take(line.equals(".") ? session.endOfData()
                        : session.content((line + "\r\n").getBytes(StandardCharsets.UTF_8), false, false));
            } else {
                take(session.command(line));
            }
        }

        private void take(Outcome outcome) {
            if (outcome.reply() != null) {
                replies.add(outcome.reply());
            }
        }
    }

    private static Gen<String> lines() {
        Gen<String> commands = Generate.pick(List.of("EHLO client.test", "HELO x", "MAIL FROM:<a@b.test>",
                "MAIL FROM:<>", "RCPT TO:<c@d.test>", "RCPT TO:<e@f.test> NOTIFY=NEVER", "DATA", "RSET", "NOOP",
                "VRFY postmaster", "HELP", "QUIT", ".", "Subject: x", "", "..dot", "BDAT 10", "STARTTLS"));
        return Generate.oneOf(commands, commands, commands, Generators.hostileText().map(s -> s.replace("\r", "")
                .replace("\n", "")));
    }

    @Test
    void anyDialogueGetsOnlyWellFormedRepliesAndEveryQueuedMessageIsKept() {
        qt().withExamples(1500).forAll(lists().of(lines()).ofSizeBetween(0, 40), Generate.enumValues(SyntaxMode.class))
                .checkAssert((lines, mode) -> {
                    Dialogue dialogue = new Dialogue(mode);
                    lines.forEach(dialogue::send);

                    assertThat(dialogue.replies).allSatisfy(reply -> {
                        assertThat(reply.code()).isBetween(200, 599);
                        assertThat(reply.toString()).doesNotContain("4.3.0").doesNotContain("\r").doesNotContain("\n");
                    });
                    long queued = dialogue.replies.stream().filter(r -> r.toString().contains("queued as")).count();
                    assertThat(dialogue.journal.messages()).hasSize((int) queued);
                    if (dialogue.session.isFinished()) {
                        int last = dialogue.replies.get(dialogue.replies.size() - 1).code();
                        assertThat(last).as("a session ends only with 221 or 421").isIn(221, 421);
                    }
                });
    }

    /** A transaction: sender, recipients and body lines, all well formed. */
    private record Transaction(String sender, List<String> recipients, List<String> body) {
    }

    private static Gen<Transaction> transactions() {
        Gen<String> bodyLine = Generate.oneOf(Generators.text("abc XYZ.:;-_", 0, 60),
                Generators.text(".", 1, 3), Generate.pick(List.of("Subject: hello", "", ".", "..")));
        return Generators.mailboxes().zip(lists().of(Generators.mailboxes()).ofSizeBetween(1, 5),
                lists().of(bodyLine).ofSizeBetween(0, 20), Transaction::new);
    }

    @Test
    void wellFormedTransactionsArriveInTheJournalExactlyAsSent() {
        qt().withExamples(500).forAll(lists().of(transactions()).ofSizeBetween(1, 4))
                .checkAssert(transactions -> {
                    Dialogue dialogue = new Dialogue(SyntaxMode.STRICT);
                    dialogue.send("EHLO client.test");
                    for (Transaction tx : transactions) {
                        dialogue.send("MAIL FROM:<" + tx.sender() + ">");
                        tx.recipients().forEach(r -> dialogue.send("RCPT TO:<" + r + ">"));
                        dialogue.send("DATA");
                        tx.body().forEach(line -> dialogue.send(line.startsWith(".") ? "." + line : line));
                        dialogue.send(".");
                    }

                    List<ReceivedMessage> messages = dialogue.journal.messages();
                    assertThat(messages).hasSize(transactions.size());
                    for (int i = 0; i < transactions.size(); i++) {
                        Transaction tx = transactions.get(i);
                        ReceivedMessage message = messages.get(i);
                        assertThat(message.envelope().sender()).isEqualTo(tx.sender());
                        assertThat(message.envelope().recipientAddresses()).isEqualTo(tx.recipients());
                        String body = tx.body().stream().map(line -> line + "\r\n").reduce("", String::concat);
                        assertThat(message.rawText()).isEqualTo(body);
                    }
                });
    }
}
