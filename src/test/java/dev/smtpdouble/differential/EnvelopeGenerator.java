package dev.smtpdouble.differential;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated MAIL FROM / RCPT TO lines: local parts, domains, address literals, path forms, blanks, parameters,
 * UTF-8, control characters and lengths, combined at random from a seed, plus a systematic part that pairs every
 * local part and every domain with a plain counterpart.
 */
final class EnvelopeGenerator {
    private static final String SOURCE = "generated";

    static final List<String> LOCAL_PARTS = List.of("a", "john.doe", "x+tag", "o'brien", ".a", "a.", "a..b", "\"a b\"",
            "\"a\\\"b\"", "\"\"", "a\"b\"", "\"a@b\"", "\"a%b\"", "\"a!b\"", "a@b", "a%b", "b!a", "!a", "a(comment)",
            "(comment)a", "j\u00f6rg", "\u7528\u6237", "x".repeat(65), "x".repeat(300), "a b", "a\tb", "a,b", "a;b",
            "a:b", "a\\b", "a[b", "a]b", "-", "_", "=", "{x}", "a|b", "postmaster", "Postmaster", "MAILER-DAEMON",
            "\"a\\\\b\"", "a\\ b", "\"a\u00f6\"", "a%b%c", "@", "a@", "\"a\" b");
    static final List<String> DOMAINS = List.of("b.example", "localhost", "example", "EXAMPLE.COM", "b..c", ".b",
            "b.", "-b.example", "b-.example", "b_c.example", "123.45.example", "192.0.2.1", "1.2.3", "b\u00fccher.example",
            "\u4f8b\u5b50.\u5e7f\u544a", "xn--bcher-kva.example", "xn--zz.example", "a".repeat(63) + ".example",
            "a".repeat(64) + ".example", label(250), label(256), "[192.0.2.1]", "[1.2.3.999]", "[0.1.2.3]", "[0.0.0.0]",
            "[127.0.0.1]", "[1.2.3]", "[IPv6:::1]", "[IPv6:2001:db8::1]", "[ipv6:1:2:3:4:5:6:7:8]", "[IPv6:1::2::3]",
            "[IPv6:1:2:3:4:5:6:7::]", "[IPv6:::ffff:1.2.3.4]", "[IPv6:1:2:3:4:5:6:1.2.3.4]", "[2001:db8::1]",
            "[tag:content]", "[x]", "[]", "[1.2.3.4]x", "b.example(comment)", "b.example.", "b example", "b.example:25",
            "[IPv6:" + "1:".repeat(7) + "12345]", "b\u00fccher..example", "\u00fc".repeat(40) + ".example", "b.e_x-a.mple");
    /** U-labels where IDNA 2003 and UTS #46 could disagree, sent with SMTPUTF8. */
    static final List<String> U_LABEL_DOMAINS = List.of("\ud83d\ude00.example", "\u00fc_x.example", "\u0301a.example",
            "\u00fcx--y.example", "\u0627b.example", "\u05d0\u05d1.example", "B\u00dcCHER.example",
            "\u00fc\u3002example", "fa\u00df.example", "ab\u200dc.example", "\u216b.example", "\u2488.example",
            "\u00fc\u0378.example", "\u00fc\u3000x.example", "x\u00ad.example", "\uff41.example");
    private static final List<String> PATHS = List.of("<%s>", "<%s>", "<%s>", "%s", "<@r.example:%s>",
            "<@r1.example,@r2.example:%s>", "<<%s>>", "<%s", "%s>", "<%s>x", "<%s> <y@z.example>", "< %s >", "<%s >",
            "(c) <%s>", "<%s> (c)", "\"x\" <%s>", "<%s>,<y@z.example>", "<@r..example:%s>", "@r.example:%s");
    private static final List<String> MAIL_PARAMETERS = List.of("SIZE=100", "SIZE=abc", "SIZE=", "SIZE", "SIZE=99999999",
            "SIZE=10240001", "SIZE=" + "9".repeat(25), "SIZE=1 SIZE=2", "BODY=8BITMIME", "BODY=BINARYMIME", "BODY=8bitmime",
            "BODY", "BODY=7BIT BODY=8BITMIME", "SMTPUTF8", "SMTPUTF8=yes", "smtputf8", "RET=HDRS", "RET=ALL",
            "RET=FULL RET=HDRS", "RET=full", "ENVID=abc", "ENVID=a+2B", "ENVID=a+zz", "ENVID=", "ENVID=a+00b",
            "ENVID=a+0", "ENVID=x ENVID=y", "ENVID=caf\u00e9", "AUTH=<>", "AUTH=x@y.example", "AUTH=x AUTH=y",
            "AUTH=<> AUTH=x", "AUTH=x AUTH=<>", "AUTH=", "XVERP", "FOO=bar", "SIZE=1\tBODY=7BIT", "NOTIFY=NEVER",
            "ORCPT=rfc822;a@b", "SIZE=1 FOO", "BODY=7BIT SIZE=x");
    private static final List<String> RCPT_PARAMETERS = List.of("NOTIFY=NEVER", "NOTIFY=SUCCESS,FAILURE",
            "NOTIFY=never,success", "NOTIFY=SUCCESS,,DELAY", "NOTIFY=", "NOTIFY=BOGUS", "NOTIFY=NEVER,DELAY",
            "NOTIFY=SUCCESS NOTIFY=DELAY", "NOTIFY", "ORCPT=rfc822;a@b.example", "ORCPT=rfc822;", "ORCPT=;a",
            "ORCPT=rfc822", "ORCPT=utf-8;j\\x{F6}rg@b.example", "ORCPT=utf-8;\\x{110000}", "ORCPT=utf-8;\\x{zz}",
            "ORCPT=rfc822;a+zz", "ORCPT=x;a ORCPT=x;b", "SIZE=1", "FOO", "RET=FULL");
    private static final List<String> KEYWORDS_MAIL = List.of("FROM:", "FROM:", "FROM:", "from:", "FROM: ", "FROM:\t",
            " FROM:", "FROM :", "FROM", "FROM:  ", "FrOm:");
    private static final List<String> KEYWORDS_RCPT = List.of("TO:", "TO:", "TO:", "to:", "TO: ", "TO:\t", " TO:",
            "TO :", "TO", "tO:");
    private static final List<String> CONTROLS = List.of("\0", "\r", "\t", "\u0001", "\u007f", "\u000b", "\u000c",
            "\u001b");

    private final Random random;

    EnvelopeGenerator(Random random) {
        this.random = random;
    }

    /** One random line. */
    EnvelopeLine next() {
        boolean mail = random.nextBoolean();
        String mailbox = pick(LOCAL_PARTS) + (random.nextInt(10) == 0 ? "" : "@" + pick(DOMAINS));
        String path = String.format(random.nextInt(3) == 0 ? pick(PATHS) : "<%s>", mailbox);
        String keyword = random.nextInt(4) == 0 ? pick(mail ? KEYWORDS_MAIL : KEYWORDS_RCPT) : mail ? "FROM:" : "TO:";
        StringBuilder line = new StringBuilder(keyword).append(path);
        if (random.nextInt(3) == 0) {
            line.append(random.nextInt(6) == 0 ? "  " : " ").append(pick(mail ? MAIL_PARAMETERS : RCPT_PARAMETERS));
        }
        if (random.nextInt(8) == 0) {
            line.append(random.nextBoolean() ? " " : "");
        }
        if (random.nextInt(7) == 0) {
            line.insert(random.nextInt(line.length() + 1), pick(CONTROLS));
        }
        return mail ? EnvelopeLine.mail(line.toString(), SOURCE)
                : EnvelopeLine.rcpt(line.toString(), random.nextInt(4) == 0, SOURCE);
    }

    /** Every local part at a plain domain, every domain after a plain local part, and invalid UTF-8. */
    List<EnvelopeLine> systematic() {
        List<EnvelopeLine> lines = new ArrayList<>();
        for (String local : LOCAL_PARTS) {
            lines.add(EnvelopeLine.mail("FROM:<" + local + "@b.example>", SOURCE));
            lines.add(EnvelopeLine.rcpt("TO:<" + local + ">", false, SOURCE));
        }
        for (String domain : DOMAINS) {
            lines.add(EnvelopeLine.mail("FROM:<a@" + domain + ">", SOURCE));
            lines.add(EnvelopeLine.rcpt("TO:<a@" + domain + ">", true, SOURCE));
        }
        for (String domain : U_LABEL_DOMAINS) {
            lines.add(EnvelopeLine.mail("FROM:<a@" + domain + "> SMTPUTF8", SOURCE));
            lines.add(EnvelopeLine.rcpt("TO:<a@" + domain + ">", true, SOURCE));
        }
        // longer than Postfix's line_length_limit (2048), which both servers are given
        lines.add(EnvelopeLine.mail("FROM:<" + "x".repeat(2100) + "@b.example>", SOURCE));
        for (String bytes : List.of("\u00ff", "\u00c3", "\u00c0\u00af", "\u00ed\u00a0\u0080", "\u00f4\u0090\u0080\u0080")) {
            byte[] raw = ("FROM:<a" + bytes + "@b.example>").getBytes(StandardCharsets.ISO_8859_1);
            lines.add(new EnvelopeLine(true, raw, false, SOURCE));
        }
        return lines;
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A domain of exactly {@code octets} octets in labels of at most 63. */
    private static String label(int octets) {
        StringBuilder domain = new StringBuilder();
        while (domain.length() < octets) {
            if (domain.length() > 0) {
                domain.append('.');
            }
            domain.append("d".repeat(Math.min(62, Math.max(1, octets - domain.length()))));
        }
        return domain.substring(0, octets).endsWith(".") ? domain.substring(0, octets - 1) + "e"
                : domain.substring(0, octets);
    }
}
