package dev.smtpdouble.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.smtpdouble.matrix.Matrix;
import dev.smtpdouble.matrix.Tag;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The matrix as dynamic tests: a violation fails its test with the transcript, a fault never met is skipped, the card is printed and written. */
class ResilienceMatrixTest {

    private static final Path REPORTS = Path.of("target", "resilience-matrix-test");

    @Test
    void dynamicTestsFailSkipAndWriteTheCard() throws IOException {
        deleteReports();
        SwallowingMailer.OUT.reset();

        Events tests = Examples.run(SwallowingMailer.class).testEvents();

        tests.assertStatistics(stats -> stats.started(4).succeeded(1).failed(2).aborted(1));
        tests.assertThatEvents()
                .haveExactly(1, event(displayName("accept-all: a healthy server (the baseline)"), finishedSuccessfully()))
                .haveExactly(1, event(displayName("sender-501: 501 to MAIL FROM"),
                        finishedWithFailure(instanceOf(AssertionFailedError.class), message(m -> m.startsWith(
                                "sender-501 (501 to MAIL FROM): FAIL: reported success, but the server accepted nothing")
                                && m.contains("expected: an error; no retry")
                                && m.contains("S: 501 5.1.7 Bad sender address syntax  [rule 'reject every sender']")))))
                .haveExactly(1, event(displayName("recipient-501: 501 to every RCPT TO"),
                        finishedWithFailure(message(m -> m.contains("C: RCPT TO:<ada@example.org>")))))
                .haveExactly(1, event(displayName("second-recipient-501: 501 to the second RCPT TO only"),
                        abortedWithReason(instanceOf(TestAbortedException.class),
                                message("second-recipient-501 not exercised: send to at least two recipients"))));

        String printed = SwallowingMailer.OUT.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("### Resilience matrix: swallowing mailer")
                .contains("4 faults: 1 passed, 2 failed, 1 not exercised.")
                .contains("(written to " + REPORTS.resolve("swallowing-mailer.md"));
        String markdown = Files.readString(REPORTS.resolve("swallowing-mailer.md"));
        assertThat(printed).contains(markdown);
        assertThat(markdown).contains("| `sender-501` 501 to MAIL FROM | an error; no retry | 1 | 0 |");
        assertThat(Files.readString(REPORTS.resolve("swallowing-mailer.json")))
                .contains("\"verdict\" : \"fail\"", "\"verdict\" : \"not exercised\"", "\"transcript\" : ");
    }

    private static void deleteReports() throws IOException {
        if (Files.exists(REPORTS)) {
            try (Stream<Path> files = Files.walk(REPORTS)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @OnlyInEngineTestKit
    static class SwallowingMailer {

        static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();

        @TestFactory
        Stream<DynamicTest> survivesPermanentFailures() {
            Matrix matrix = Matrix.builder("swallowing mailer", SwallowingMailer::send).tags(Tag.PERMANENT)
                    .reportDirectory(REPORTS).build();
            return ResilienceMatrix.of(matrix, new PrintStream(OUT, true, StandardCharsets.UTF_8)).dynamicTests();
        }

        /** One recipient, and every failure swallowed. */
        static void send(String host, int port) {
            Properties properties = new Properties();
            properties.put("mail.smtp.host", host);
            properties.put("mail.smtp.port", String.valueOf(port));
            properties.put("mail.smtp.timeout", "2000");
            try {
                MimeMessage message = new MimeMessage(Session.getInstance(properties));
                message.setFrom(new InternetAddress("shop@example.org"));
                message.setRecipient(Message.RecipientType.TO, new InternetAddress("ada@example.org"));
                message.setText("Hello");
                Transport.send(message);
            } catch (MessagingException ignored) {
                // "mail is best effort"
            }
        }
    }
}
