package dev.smtpdouble.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.RawSmtpClient;
import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.protocol.SyntaxMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code postfix} syntax profile against a real Postfix: Debian's Postfix 3.7 (a private instance, see
 * {@link PostfixServer}) and smtp-double receive the same MAIL FROM / RCPT TO lines (the README's examples, the
 * parser's tables and generated lines), and their reply codes and enhanced codes are compared. At least 97 % must
 * agree, and each line where they differ must be listed in the README's table of differences. Without Postfix the
 * test is skipped, unless {@code CI=true}, where it must run ({@code .ci/run} installs Postfix).
 */
@Timeout(900)
class PostfixDifferentialIT {
    static final long SEED = 20_240_512L;
    static final int GENERATED = 600;
    static final double GOAL = 0.97;
    static final String HOSTNAME = "localhost";
    /** Postfix's line_length_limit: both servers take command lines of up to 2048 octets. */
    static final int LINE_LIMIT = 2048;
    static final Path README = Path.of("README.md");
    static final Path REPORT = Path.of("target", "postfix-differential.txt");

    @TempDir
    Path dir;

    @Test
    void replyCodesMatchPostfix() throws Exception {
        ReferenceMta.require("Postfix", PostfixServer.unavailable());
        EnvelopeCases cases = EnvelopeCases.all(README, SEED, GENERATED);
        List<EnvelopeLine> lines = cases.lines();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> postfixCodes;
        List<String> doubleCodes;
        List<String> lenientCodes;
        String timing;
        try (PostfixServer postfix = PostfixServer.start(dir, HOSTNAME);
                SmtpDouble profile = server(SyntaxMode.POSTFIX);
                SmtpDouble lenient = server(SyntaxMode.LENIENT)) {
            long start = System.nanoTime();
            try {
                postfixCodes = codes(postfix.port(), lines);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + "\nPostfix log:\n" + postfix.log(), e);
            }
            long postfixDone = System.nanoTime();
            doubleCodes = codes(profile.port(), lines);
            timing = String.format("Postfix answered in %d ms, smtp-double in %d ms%n", (postfixDone - start) / 1_000_000,
                    (System.nanoTime() - postfixDone) / 1_000_000);
            lenientCodes = codes(lenient.port(), lines);
        }
        Comparison comparison = Comparison.of("Postfix", lines, postfixCodes, doubleCodes);
        Files.createDirectories(REPORT.getParent());
        double lenientAgreement = Comparison.of("Postfix", lines, postfixCodes, lenientCodes).agreement();
        Files.writeString(REPORT, cases.summary() + "\n" + timing + comparison.report()
                + String.format("(for comparison, syntax lenient gets %.1f %% of the lines alike)%n", 100 * lenientAgreement),
                StandardCharsets.UTF_8);

        assertThat(lines).as(cases.summary()).hasSizeGreaterThanOrEqualTo(300);
        assertThat(cases.count("readme")).as("README examples").isPositive();
        assertThat(cases.count("table")).as("parser table cases").isGreaterThan(300);
        assertThat(comparison.agreement()).as("agreement with Postfix (report: %s)\n%s", REPORT, comparison.report())
                .isGreaterThanOrEqualTo(GOAL);
        assertThat(comparison.unlistedIn(Files.readString(README, StandardCharsets.UTF_8)))
                .as("differences from Postfix that the README does not list").isEmpty();
    }

    private static SmtpDouble server(SyntaxMode syntax) {
        return SmtpDouble.builder().hostname(HOSTNAME).syntax(syntax).maxCommandLine(LINE_LIMIT).start();
    }

    /** The code and enhanced code each server gives each line, over one connection with RSET in between. */
    private static List<String> codes(int port, List<EnvelopeLine> lines) throws IOException {
        List<String> codes = new ArrayList<>(lines.size());
        try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", port)) {
            ReferenceMta.expect(client.reply(), "220");
            ReferenceMta.expect(client.command("EHLO client.example"), "250");
            for (EnvelopeLine line : lines) {
                if (!line.mail()) {
                    ReferenceMta.expect(client.command(EnvelopeLine.SENDER + (line.smtputf8() ? " SMTPUTF8" : "")), "250");
                }
                client.send(line.command());
                codes.add(Comparison.codeOf(client.reply(), line));
                ReferenceMta.expect(client.command("RSET"), "250");
            }
            client.command("QUIT");
        }
        return codes;
    }
}
