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
 * The {@code exim} syntax profile against a real Exim: Debian 12's Exim 4.96 (a private daemon, see
 * {@link EximServer}) and smtp-double receive the same MAIL FROM / RCPT TO lines as in the comparison with Postfix
 * (the README's examples, the parser's tables, generated lines) and the lines of the exim profile's own table
 * ({@code EximEnvelopeParserTest}), each on a connection of its own after EHLO. The
 * reply codes are compared (at least 97 % must agree) and so are the whole reply texts, Exim's control characters
 * but TAB read as '?' as smtp-double echoes them; every line whose code or text differs must be listed in the
 * README's table of differences. Without Exim the test is skipped, unless {@code CI=true}, where it must run
 * ({@code .ci/run} unpacks Exim with {@code .ci/prepare-exim}).
 */
@Timeout(900)
class EximDifferentialIT {
    static final String HOSTNAME = "localhost";
    /** Exim reads command lines of up to 16384 octets; smtp-double is given as much. */
    static final int LINE_LIMIT = 16_384;
    static final long SIZE_LIMIT = 10_240_000;
    static final Path README = Path.of("README.md");
    static final Path REPORT = Path.of("target", "exim-differential.txt");

    @TempDir
    Path dir;

    @Test
    void replyCodesAndTextsMatchExim() throws Exception {
        ReferenceMta.require("Exim", EximServer.unavailable());
        EnvelopeCases cases = EnvelopeCases.all(README, PostfixDifferentialIT.SEED, PostfixDifferentialIT.GENERATED);
        int profileRows = cases.replyTable("exim.EximEnvelopeParserTest", "replies");
        List<EnvelopeLine> lines = cases.lines();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> eximReplies;
        List<String> doubleReplies;
        List<String> postfixReplies;
        String timing;
        try (EximServer exim = EximServer.start(dir, HOSTNAME, SIZE_LIMIT);
                SmtpDouble profile = server(SyntaxMode.EXIM);
                SmtpDouble postfix = server(SyntaxMode.POSTFIX)) {
            long start = System.nanoTime();
            try {
                eximReplies = replies(exim.port(), lines);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + "\nExim's log:\n" + exim.log(), e);
            }
            long eximDone = System.nanoTime();
            doubleReplies = replies(profile.port(), lines);
            timing = String.format("Exim answered in %d ms, smtp-double in %d ms (a connection per line)%n",
                    (eximDone - start) / 1_000_000, (System.nanoTime() - eximDone) / 1_000_000);
            postfixReplies = replies(postfix.port(), lines);
        }
        List<String> eximTexts = eximReplies.stream().map(EximDifferentialIT::controlsAsQuestionMarks).toList();
        Comparison codes = Comparison.of("Exim", lines, codes(eximReplies), codes(doubleReplies));
        Comparison texts = Comparison.of("Exim", lines, eximTexts, doubleReplies);
        double postfixAgreement = Comparison.of("Exim", lines, codes(eximReplies), codes(postfixReplies)).agreement();
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, cases.summary() + "\n" + timing + "Reply codes: " + codes.report()
                + String.format("(for comparison, syntax postfix gets %.1f %% of the codes alike)%n", 100 * postfixAgreement)
                + "Reply texts: " + texts.report(), StandardCharsets.UTF_8);

        assertThat(lines).as(cases.summary()).hasSizeGreaterThanOrEqualTo(300);
        assertThat(cases.count("readme")).as("README examples").isPositive();
        assertThat(cases.count("table")).as("parser table cases").isGreaterThan(300);
        assertThat(profileRows).as("rows of the exim profile's own table").isGreaterThan(60);
        assertThat(codes.agreement()).as("agreement with Exim's reply codes (report: %s)\n%s", REPORT, codes.report())
                .isGreaterThanOrEqualTo(PostfixDifferentialIT.GOAL);
        assertThat(texts.unlistedIn(Files.readString(README, StandardCharsets.UTF_8)))
                .as("differences from Exim (code or text) that the README does not list").isEmpty();
    }

    private static SmtpDouble server(SyntaxMode syntax) {
        return SmtpDouble.builder().hostname(HOSTNAME).syntax(syntax).maxCommandLine(LINE_LIMIT)
                .maxMessageSize(SIZE_LIMIT).start();
    }

    /**
     * Each server's reply to each line, each line on a connection of its own: Exim keeps allowing UTF-8 domains
     * for the rest of a connection once a MAIL said SMTPUTF8, which would make a line's answer depend on the lines
     * before it.
     */
    private static List<String> replies(int port, List<EnvelopeLine> lines) throws IOException {
        List<String> replies = new ArrayList<>(lines.size());
        for (EnvelopeLine line : lines) {
            try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", port)) {
                ReferenceMta.expect(client.reply(), "220");
                ReferenceMta.expect(client.command("EHLO client.example"), "250");
                if (!line.mail()) {
                    ReferenceMta.expect(client.command(EnvelopeLine.SENDER + (line.smtputf8() ? " SMTPUTF8" : "")), "250");
                }
                client.send(line.command());
                String reply = client.reply();
                if (reply == null) {
                    throw new IOException("no reply to " + line.display());
                }
                replies.add(reply);
                // not waiting for 221: Exim holds it back up to 200 ms, hoping the client closes first
                client.send("QUIT\r\n");
            }
        }
        return replies;
    }

    private static List<String> codes(List<String> replies) {
        return replies.stream().map(reply -> reply.substring(0, 3)).toList();
    }

    /** Exim echoes control characters as they came; smtp-double makes them '?' (TAB stays). */
    private static String controlsAsQuestionMarks(String reply) {
        StringBuilder out = new StringBuilder(reply.length());
        reply.codePoints().forEach(c -> out.appendCodePoint((c < ' ' && c != '\t') || c == 127 ? '?' : c));
        return out.toString();
    }
}
