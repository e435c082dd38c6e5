package dev.smtpdouble.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.protocol.SyntaxMode;
import dev.smtpdouble.scenario.Director;
import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.session.QueueIds;
import dev.smtpdouble.session.Session;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded random input — SMTP words, addresses, parameters, control bytes, invalid UTF-8, long runs,
 * split anywhere — must only ever draw well-formed replies: never an internal error, never a crash.
 */
class RandomInputTest {

    private static final String[] WORDS = {"EHLO x", "HELO y", "MAIL FROM:", "RCPT TO:", "DATA", "RSET", "NOOP",
        "VRFY", "HELP", "QUIT", "STARTTLS", "AUTH PLAIN", "BDAT 10", "<a@b.example>", "<>", "<@r.example:a@b>",
        "<\"q u\"@b>", "<a@[1.2.3.4]>", "<a@[IPv6:::1]>", "<a@[IPv6:1::2::3]>", " SIZE=", "99999999999999999999",
        " BODY=8BITMIME", " SMTPUTF8", " NOTIFY=SUCCESS,NEVER", " ORCPT=rfc822;a@b", " ENVID=x+2B", " AUTH=<>",
        " RET=HDRS", "=", ":", "<", ">", "\"", "\\", ".", "..", "\r", "\n", "\r\n", "\u0000", "\t", "é", "😀",
        "\r\n.\r\n", "\n.\n"};

    @ParameterizedTest
    @EnumSource(SyntaxMode.class)
    void randomInputOnlyEverDrawsWellFormedReplies(SyntaxMode mode) {
        Random random = new Random(20261128L + mode.ordinal());
        for (int run = 0; run < 300; run++) {
            Journal journal = new Journal();
            Settings settings = Settings.DEFAULTS.withSyntax(mode).withMaxMessageSize(2000);
            Session session = new Session(settings, Director.NONE, journal.openSession(1, "fuzz"), 1, new QueueIds());
            SmtpLineDecoder decoder = new SmtpLineDecoder(settings.maxCommandLine(), settings.maxTextLine());
            EmbeddedChannel channel = new EmbeddedChannel(decoder, SmtpReplyEncoder.INSTANCE,
                    new SmtpSessionHandler(session, decoder, new AtomicInteger(), new TlsContexts(), false));
            byte[] input = randomInput(random);
            int at = 0;
            while (at < input.length && channel.isOpen()) {
                int piece = 1 + random.nextInt(Math.min(64, input.length - at));
                channel.writeInbound(Unpooled.wrappedBuffer(input, at, piece));
                at += piece;
            }
            String output = Outbound.drain(channel);
            for (String line : output.split("\r\n")) {
                if (!line.isEmpty()) {
                    assertThat(line).as("run %d, input %s", run, printable(input)).matches("[2-5]\\d\\d[ -].*");
                }
            }
            assertThat(output).as("run %d, input %s", run, printable(input)).doesNotContain("4.3.0");
            channel.finishAndReleaseAll();
        }
    }

    private static byte[] randomInput(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pieces = 1 + random.nextInt(40);
        for (int i = 0; i < pieces; i++) {
            int kind = random.nextInt(12);
            if (kind >= 10) {
                out.writeBytes(envelopeLine(random).getBytes(StandardCharsets.UTF_8));
            } else if (kind < 7) {
                out.writeBytes(WORDS[random.nextInt(WORDS.length)].getBytes(StandardCharsets.UTF_8));
            } else if (kind < 9) {
                byte[] noise = new byte[1 + random.nextInt(8)];
                random.nextBytes(noise);
                out.writeBytes(noise);
            } else {
                out.writeBytes("x".repeat(random.nextInt(1500)).getBytes(StandardCharsets.US_ASCII));
            }
            if (random.nextInt(3) == 0) {
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    /** A MAIL or RCPT line built from parts, some of them with a control character slipped in. */
    private static String envelopeLine(Random random) {
        StringBuilder line = new StringBuilder(random.nextBoolean() ? "MAIL FROM:" : "RCPT TO:");
        line.append(WORDS[13 + random.nextInt(7)]); // the addresses
        for (int p = random.nextInt(4); p > 0; p--) {
            line.append(WORDS[20 + random.nextInt(9)]); // the parameters
        }
        if (random.nextBoolean()) {
            char[] controls = {'\r', '\u0000', '\t', '\u007f', '\u001b'};
            line.insert(random.nextInt(line.length() + 1), controls[random.nextInt(controls.length)]);
        }
        return line.append("\r\n").toString();
    }

    private static String printable(byte[] input) {
        StringBuilder text = new StringBuilder();
        for (byte b : input) {
            int c = b & 0xff;
            text.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return text.length() > 400 ? text.substring(0, 400) + "..." : text.toString();
    }
}
