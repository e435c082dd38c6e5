package dev.smtpdouble.differential;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replies of two servers to the same lines, compared by reply code and enhanced code (the texts differ by
 * design and are not compared).
 */
record Comparison(int lines, List<Difference> differences, Map<String, Integer> postfixCodes) {
    private static final Pattern CODES = Pattern.compile("^(\\d{3})[ -](\\d\\.\\d{1,3}\\.\\d{1,3})?");

    /** A line the two servers answer differently. */
    record Difference(EnvelopeLine line, String postfix, String smtpDouble) {
        @Override
        public String toString() {
            return "`" + line.display() + "` Postfix " + postfix + ", smtp-double " + smtpDouble;
        }
    }

    static Comparison of(List<EnvelopeLine> lines, List<String> postfix, List<String> smtpDouble) {
        List<Difference> differences = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!postfix.get(i).equals(smtpDouble.get(i))) {
                differences.add(new Difference(lines.get(i), postfix.get(i), smtpDouble.get(i)));
            }
        }
        Map<String, Integer> histogram = new TreeMap<>();
        postfix.forEach(code -> histogram.merge(code, 1, Integer::sum));
        return new Comparison(lines.size(), List.copyOf(differences), histogram);
    }

    /** "501 5.1.7" for "501 5.1.7 Bad sender address syntax", "354" for a reply without an enhanced code. */
    static String codeOf(String reply, EnvelopeLine line) throws IOException {
        Matcher m = reply == null ? null : CODES.matcher(reply);
        if (m == null || !m.find()) {
            throw new IOException("no reply code for " + line.display() + ": " + reply);
        }
        return m.group(2) == null ? m.group(1) : m.group(1) + " " + m.group(2);
    }

    double agreement() {
        return lines == 0 ? 0 : (lines - differences.size()) / (double) lines;
    }

    String report() {
        StringBuilder out = new StringBuilder(String.format("%d of %d lines answered alike (%.2f %%), %d differ%n",
                lines - differences.size(), lines, 100 * agreement(), differences.size()));
        out.append("Postfix's answers: ").append(postfixCodes).append('\n');
        for (Difference difference : differences) {
            out.append("  ").append(difference).append(" (").append(difference.line().source()).append(")\n");
        }
        return out.toString();
    }
}
