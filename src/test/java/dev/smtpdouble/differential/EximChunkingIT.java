package dev.smtpdouble.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.scenario.Chunking;
import dev.smtpdouble.scenario.Scenarios;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * BDAT with a real client that speaks it: Exim 4.96 as a sender ({@link EximClient}) uses CHUNKING whenever the
 * server offers it. A message goes out as {@code BDAT n LAST} and arrives whole; a 421 to the chunk is a deferral
 * for Exim, a 554 to the last chunk a permanent failure, each with the server's words in Exim's log. Skipped
 * without Exim, except under {@code CI=true}, where {@code .ci/prepare-exim} has unpacked it.
 */
@Timeout(300)
class EximChunkingIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String MESSAGE = "From: app@shop.test\nTo: bob@example.org\nSubject: chunked\n\nHello over BDAT.\n";

    @TempDir
    Path dir;

    @BeforeAll
    static void eximIsHere() {
        ReferenceMta.require("Exim", EximServer.unavailable());
    }

    @Test
    void aMessageGoesOutAsOneLastChunkAndArrivesWhole() throws Exception {
        try (SmtpDouble smtp = SmtpDouble.builder().chunking(Chunking.ON).start()) {
            String log = EximClient.to(smtp.port(), dir).send("app@shop.test", "bob@example.org", MESSAGE);

            String raw = new String(smtp.journal().awaitMessages(1, WAIT).get(0).raw(), StandardCharsets.US_ASCII);
            assertThat(raw).as(log).contains("Subject: chunked\r\n").endsWith("\r\n\r\nHello over BDAT.\r\n");
            SessionRecord session = smtp.journal().sessions().get(0);
            assertThat(session.commands()).as(log).anyMatch(line -> line.matches("BDAT \\d+ LAST"))
                    .doesNotContain("DATA");
            assertThat(log).contains("=> bob@example.org").contains("C=\"250 2.0.0 Ok: " + raw.length() + " bytes queued as");
        }
    }

    @Test
    void a421ToTheChunkIsADeferralAndNothingIsStored() throws Exception {
        String rules = "rules:\n  - on: bdat\n    reply: 421 4.3.2 System shutting down\n";
        try (SmtpDouble smtp = SmtpDouble.builder().chunking(Chunking.ON)
                .scenario(Scenarios.fromYaml(rules, "bdat-421.yaml")).start()) {
            String log = EximClient.to(smtp.port(), dir).send("app@shop.test", "bob@example.org", MESSAGE);

            assertThat(log).contains("== bob@example.org").contains("421 4.3.2 System shutting down");
            SessionRecord session = smtp.journal().awaitSession(s -> !s.isOpen(), WAIT);
            assertThat(session.commands()).as(log).anyMatch(line -> line.matches("BDAT \\d+ LAST"));
            assertThat(session.replies()).extracting(Object::toString).as(log).contains("421 4.3.2 System shutting down");
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }

    @Test
    void a554ToTheLastChunkIsAPermanentFailure() throws Exception {
        String rules = "rules:\n  - on: message\n    reply: 554 5.7.1 Message refused\n";
        try (SmtpDouble smtp = SmtpDouble.builder().chunking(Chunking.ON)
                .scenario(Scenarios.fromYaml(rules, "bdat-554.yaml")).start()) {
            String log = EximClient.to(smtp.port(), dir).send("app@shop.test", "bob@example.org", MESSAGE);

            assertThat(log).contains("** bob@example.org").contains("554 5.7.1 Message refused");
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }
}
