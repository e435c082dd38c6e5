package dev.smtpdouble.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.journal.Recipient;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.protocol.SyntaxMode;
import dev.smtpdouble.scenario.Director;
import dev.smtpdouble.scenario.Settings;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The words of a syntax profile in a session: with {@code exim}, MAIL and RCPT are answered as Exim 4.96 answers
 * them (measured on Debian 12's Exim), without enhanced status codes and so without ENHANCEDSTATUSCODES in EHLO;
 * every other command as Postfix does. Sequence checks come in the order both MTAs use.
 */
class SyntaxProfileRepliesTest {

    private Journal journal;
    private Session session;

    private void open(Settings settings) {
        journal = new Journal();
        session = new Session(settings, Director.NONE, journal.openSession(1, "test"), 1, new QueueIds());
        session.open(false);
    }

    private List<String> send(String... commands) {
        return Arrays.stream(commands).map(command -> {
            Reply reply = session.command(command).reply();
            return reply == null ? null : reply.toString();
        }).toList();
    }

    @Test
    void eximWordsMailAndRcptItsOwnWay() {
        open(Settings.DEFAULTS.withSyntax(SyntaxMode.EXIM));

        assertThat(send("EHLO client.example", "RCPT TO:<c@d.example>", "MAIL FROM:<a@b.example>",
                "MAIL FROM:<x@y.example>", "RCPT TO:<c@d.example>", "RCPT TO:<c@[192.0.2.1]>", "RCPT TO:<postmaster>"))
                .containsExactly("250-localhost | 250-PIPELINING | 250-SIZE 10240000 | 250-8BITMIME | 250-DSN"
                                + " | 250 SMTPUTF8",
                        "503 sender not yet given", "250 OK", "503 sender already given", "250 Accepted",
                        "501 <c@[192.0.2.1]>: domain literals not allowed", "250 Accepted");
    }

    @Test
    void otherCommandsStayPostfixLikeUnderExim() {
        open(Settings.DEFAULTS.withSyntax(SyntaxMode.EXIM));

        assertThat(send("EHLO client.example", "MAIL FROM:<a@b.example>", "DATA", "RSET", "NOOP", "BDAT 1", "QUIT"))
                .containsExactly("250-localhost | 250-PIPELINING | 250-SIZE 10240000 | 250-8BITMIME | 250-DSN"
                                + " | 250 SMTPUTF8", "250 OK",
                        "503 5.5.1 Error: need RCPT command", "250 2.0.0 Ok", "250 2.0.0 Ok",
                        "502 5.5.1 Error: command not implemented", "221 2.0.0 Bye");
    }

    @Test
    void eximLimitsInItsWords() {
        open(Settings.DEFAULTS.withSyntax(SyntaxMode.EXIM).withMaxMessageSize(1000).withMaxRecipients(1));

        assertThat(send("MAIL FROM:<a@b.example> SIZE=1001", "MAIL FROM:<a@b.example> SIZE=-1",
                "MAIL FROM:<a@b.example> SIZE=1000", "RCPT TO:<c@d.example>", "RCPT TO:<e@d.example>"))
                .containsExactly("552 Message size exceeds maximum permitted",
                        "552 Message size exceeds maximum permitted", "250 OK", "250 Accepted",
                        "452 too many recipients");
    }

    @Test
    void eximRecordsTheEnvelopeAsItKeepsIt() {
        open(Settings.DEFAULTS.withSyntax(SyntaxMode.EXIM));

        send("EHLO client.example", "MAIL FROM:<@r.example:a@b.example> BODY=8BITMIME", "RCPT TO:<Postmaster>",
                "RCPT TO:<c d@e.example> NOTIFY=NEVER", "DATA");
        Transaction tx = session.transaction();
        assertThat(tx.sender).isEqualTo("a@b.example");
        assertThat(tx.mailParameters).isEqualTo(Map.of("BODY", "8BITMIME"));
        assertThat(tx.recipients).containsExactly(new Recipient("Postmaster@localhost", Map.of()),
                new Recipient("c=d@e.example", Map.of("NOTIFY", "NEVER")));
    }

    @Test
    void aMailInsideATransactionIsNestedBeforeItsArgumentIsRead() {
        open(Settings.DEFAULTS.withSyntax(SyntaxMode.EXIM));
        assertThat(send("MAIL FROM:<a@b.example>", "MAIL FROM:<a@b..c>", "MAIL FROM :<a@b.example>"))
                .containsExactly("250 OK", "503 sender already given", "503 sender already given");

        open(Settings.DEFAULTS.withSyntax(SyntaxMode.POSTFIX));
        assertThat(send("MAIL FROM:<a@b.example>", "MAIL FROM:<a@b..c>", "MAIL FROM :<a@b.example>"))
                .containsExactly("250 2.1.0 Ok", "503 5.5.1 Error: nested MAIL command",
                        "503 5.5.1 Error: nested MAIL command");
    }
}
