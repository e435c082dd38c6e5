package dev.smtpdouble.differential;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answers of a real MTA (the reference) and of smtp-double to the same lines, compared: reply code and
 * enhanced code for Postfix, reply code or whole reply text for Exim.
 */
record Comparison(String reference, int lines, List<Difference> differences, Map<String, Integer> referenceAnswers) {
    private static final Pattern CODES = Pattern.compile("^(\\d{3})[ -](\\d\\.\\d{1,3}\\.\\d{1,3})?");

    /** A line the two servers answer differently. */
    record Difference(String reference, EnvelopeLine line, String expected, String actual) {
        @Override
        public String toString() {
            return "`" + line.display() + "` " + reference + " " + expected + ", smtp-double " + actual;
        }
    }

    static Comparison of(String reference, List<EnvelopeLine> lines, List<String> expected, List<String> actual) {
        List<Difference> differences = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                differences.add(new Difference(reference, lines.get(i), expected.get(i), actual.get(i)));
            }
        }
        Map<String, Integer> histogram = new TreeMap<>();
        expected.forEach(answer -> histogram.merge(answer, 1, Integer::sum));
        return new Comparison(reference, lines.size(), List.copyOf(differences), histogram);
    }

    /** "501 5.1.7" for "501 5.1.7 Bad sender address syntax", "354" for a reply without an enhanced code. */
    static String codeOf(String reply, EnvelopeLine line) throws IOException {
        Matcher m = reply == null ? null : CODES.matcher(reply);
        if (m == null || !m.find()) {
            throw new IOException("no reply code for " + line.display() + ": " + reply);
        }
        return m.group(2) == null ? m.group(1) : m.group(1) + " " + m.group(2);
    }

    /** The differences whose line the text does not show in backquotes (as {@code `MAIL FROM:<a@b>`}). */
    List<String> unlistedIn(String text) {
        return differences.stream().filter(difference -> !text.contains("`" + difference.line().display() + "`"))
                .map(Difference::toString).toList();
    }

    double agreement() {
        return lines == 0 ? 0 : (lines - differences.size()) / (double) lines;
    }

    String report() {
        StringBuilder out = new StringBuilder(String.format("%d of %d lines answered alike (%.2f %%), %d differ%n",
                lines - differences.size(), lines, 100 * agreement(), differences.size()));
        if (referenceAnswers.size() <= 40) {
            out.append(reference).append("'s answers: ").append(referenceAnswers).append('\n');
        }
        for (Difference difference : differences) {
            out.append("  ").append(difference).append(" (").append(difference.line().source()).append(")\n");
        }
        return out.toString();
    }
}
