package dev.smtpdouble.differential;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The MAIL FROM / RCPT TO lines of the comparison: every example of the README, every case of the parser's
 * tables (read from the test classes themselves, so new rows join by themselves), and lines generated from a
 * fixed seed. Lines are unique; a line holding a bare LF is left out (on the wire it is two commands).
 */
final class EnvelopeCases {
    private static final String PROTOCOL_TESTS = "dev.smtpdouble.protocol.";
    private static final Pattern README_COMMAND = Pattern.compile("`((?:MAIL FROM|RCPT TO)[^`]*)`");
    private static final Pattern README_PATH = Pattern.compile("`(<[^`]*>)`");
    private static final Pattern README_PARAMETER = Pattern.compile("`((SIZE|BODY|RET|ENVID|AUTH|NOTIFY|ORCPT)=[^`]*)`");

    private final Map<String, EnvelopeLine> lines = new LinkedHashMap<>();
    private int withLineFeed;

    /** All lines: README, tables, then {@code generated} lines from {@code seed}. */
    static EnvelopeCases all(Path readme, long seed, int generated) throws Exception {
        EnvelopeCases cases = new EnvelopeCases();
        cases.readme(Files.readString(readme, StandardCharsets.UTF_8));
        cases.tables();
        EnvelopeGenerator generator = new EnvelopeGenerator(new Random(seed));
        for (int i = 0; i < generated; i++) {
            cases.add(generator.next());
        }
        generator.systematic().forEach(cases::add);
        return cases;
    }

    List<EnvelopeLine> lines() {
        return new ArrayList<>(lines.values());
    }

    long count(String source) {
        return lines.values().stream().filter(line -> line.source().equals(source)).count();
    }

    int leftOutForLineFeed() {
        return withLineFeed;
    }

    private void add(EnvelopeLine line) {
        for (byte b : line.argument()) {
            if (b == '\n') {
                withLineFeed++;
                return;
            }
        }
        lines.putIfAbsent(line.key(), line);
    }

    private void path(String path, String source) {
        add(EnvelopeLine.mail("FROM:" + path, source));
        add(EnvelopeLine.rcpt("TO:" + path, false, source));
    }

    /** Backquoted commands, paths and parameters of the README (escaped forms with '\' or '{' are descriptions). */
    void readme(String text) {
        for (Matcher m = README_COMMAND.matcher(text); m.find(); ) {
            String line = m.group(1);
            if (isLiteral(line)) {
                add(line.startsWith("MAIL ") ? EnvelopeLine.mail(line.substring(5), "readme")
                        : EnvelopeLine.rcpt(line.substring(5), false, "readme"));
            }
        }
        for (Matcher m = README_PATH.matcher(text); m.find(); ) {
            if (isLiteral(m.group(1))) {
                path(m.group(1), "readme");
            }
        }
        for (Matcher m = README_PARAMETER.matcher(text); m.find(); ) {
            if (isLiteral(m.group(1))) {
                boolean rcpt = m.group(2).equals("NOTIFY") || m.group(2).equals("ORCPT");
                add(rcpt ? EnvelopeLine.rcpt("TO:<c@d.example> " + m.group(1), false, "readme")
                        : EnvelopeLine.mail("FROM:<a@b.example> " + m.group(1), "readme"));
            }
        }
    }

    private static boolean isLiteral(String text) {
        return text.indexOf('\\') < 0 && text.indexOf('{') < 0 && !text.contains("…") && !text.contains("(after ");
    }

    /** The rows of the EnvelopeParser*Test tables. */
    void tables() throws Exception {
        for (String path : csvColumn("EnvelopeParserTest", "paths")) {
            path(path, "table");
        }
        csvColumn("EnvelopeParserCommandTest", "mail").forEach(a -> add(EnvelopeLine.mail(a, "table")));
        csvColumn("EnvelopeParserCommandTest", "rcpt").forEach(a -> add(EnvelopeLine.rcpt(a, false, "table")));
        csvColumn("EnvelopeParserParameterTest", "mail")
                .forEach(p -> add(EnvelopeLine.mail("FROM:<a@b.example> " + p, "table")));
        csvColumn("EnvelopeParserParameterTest", "rcpt")
                .forEach(p -> add(EnvelopeLine.rcpt("TO:<c@d.example> " + p, false, "table")));
        for (String testClass : List.of("EnvelopeParserCharactersTest", "EnvelopeParserLimitsTest")) {
            for (Object[] row : rows(testClass, "paths")) {
                path((String) row[1], "table");
            }
            for (Object[] row : rows(testClass, "mailArguments")) {
                add(EnvelopeLine.mail((String) row[1], "table"));
            }
        }
        for (Object[] row : rows("EnvelopeParserCharactersTest", "recipients")) {
            add(EnvelopeLine.rcpt((String) row[2], (Boolean) row[3], "table"));
        }
    }

    /**
     * The lines of a profile's own table of replies (the second column of its CsvSource: whole MAIL / RCPT lines,
     * control characters written as Java escapes), as source "profile table". RCPT lines follow a MAIL without
     * SMTPUTF8. Rows that are lines of the corpus already keep their first source.
     *
     * @return how many rows the table has
     */
    int replyTable(String testClass, String method) throws ClassNotFoundException {
        List<String> rows = csvColumn(testClass, method);
        for (String line : rows) {
            String command = line.translateEscapes();
            add(command.startsWith("MAIL ") ? EnvelopeLine.mail(command.substring(5), "profile table")
                    : EnvelopeLine.rcpt(command.substring(5), false, "profile table"));
        }
        return rows.size();
    }

    /** The second column of the CsvSource table on the test method {@code name}. */
    private static List<String> csvColumn(String testClass, String name) throws ClassNotFoundException {
        for (Method method : Class.forName(PROTOCOL_TESTS + testClass).getDeclaredMethods()) {
            CsvSource csv = method.getAnnotation(CsvSource.class);
            if (method.getName().equals(name) && csv != null) {
                List<String> column = new ArrayList<>();
                for (String row : csv.textBlock().split("\n")) {
                    if (!row.isBlank() && !row.trim().startsWith("#")) {
                        column.add(cell(row, 1));
                    }
                }
                return column;
            }
        }
        throw new IllegalStateException(testClass + "." + name + " has no @CsvSource table");
    }

    /** A cell of a '|'-separated CsvSource row: trimmed, or the text between single quotes ('' is a quote). */
    private static String cell(String row, int index) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : row.toCharArray()) {
            quoted ^= c == '\'';
            if (c == '|' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        String text = cells.get(index).strip();
        return text.length() >= 2 && text.startsWith("'") && text.endsWith("'")
                ? text.substring(1, text.length() - 1).replace("''", "'") : text;
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(String testClass, String factory) throws Exception {
        Method method = Class.forName(PROTOCOL_TESTS + testClass).getDeclaredMethod(factory);
        method.setAccessible(true);
        List<Object[]> rows = new ArrayList<>();
        ((Stream<Arguments>) method.invoke(null)).forEach(arguments -> rows.add(arguments.get()));
        return rows;
    }

    /** For a failure message or the report: how many lines came from where. */
    String summary() throws IOException {
        long profile = count("profile table");
        return lines.size() + " lines (" + count("readme") + " from the README, " + count("table")
                + " from the parser's tables, " + (profile > 0 ? profile + " from the profile's table, " : "")
                + count("generated") + " generated; " + withLineFeed
                + " left out for holding a bare LF)";
    }
}
