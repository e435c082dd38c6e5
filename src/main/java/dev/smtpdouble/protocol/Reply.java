package dev.smtpdouble.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMTP reply: a three-digit code, an optional enhanced status and one or more text lines.
 * A multi-line reply renders as {@code 250-first}, ..., {@code 250 last}; the enhanced status, when
 * present, prefixes every line as Postfix does.
 */
public record Reply(int code, EnhancedStatus status, List<String> lines) {

    /** A value to fill in: {@code {client_ip}}, {@code {recipient}}... */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    public Reply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code must be 200-599: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs at least one line");
        }
        for (String line : lines) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("reply text must not contain CR or LF: " + line);
            }
        }
    }

    public static Reply of(int code, String status, String text) {
        return new Reply(code, status == null ? null : EnhancedStatus.of(status), List.of(text));
    }

    public static Reply of(int code, String text) {
        return new Reply(code, null, List.of(text));
    }

    /** RFC 5321 §3.8: a 421 reply always closes the transmission channel. */
    public boolean closesConnection() {
        return code == 421;
    }

    public boolean isPositive() {
        return code < 400;
    }

    /** Whether the text names values to fill in, such as {@code {client_ip}}: see {@link #fill}. */
    public boolean hasPlaceholders() {
        for (String line : lines) {
            if (PLACEHOLDER.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }

    /** The names of the placeholders in the text, in order, each once. */
    public java.util.Set<String> placeholders() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (String line : lines) {
            Matcher found = PLACEHOLDER.matcher(line);
            while (found.find()) {
                names.add(found.group(1));
            }
        }
        return names;
    }

    /**
     * The reply with each placeholder {@code {name}} replaced by {@code values.apply(name)}; a
     * placeholder without a value stays as it is. The values must be printable text on one line.
     */
    public Reply fill(UnaryOperator<String> values) {
        List<String> filled = new ArrayList<>(lines.size());
        for (String line : lines) {
            Matcher found = PLACEHOLDER.matcher(line);
            StringBuilder out = new StringBuilder(line.length() + 32);
            while (found.find()) {
                String value = values.apply(found.group(1));
                found.appendReplacement(out, Matcher.quoteReplacement(value == null ? found.group() : value));
            }
            found.appendTail(out);
            filled.add(out.toString());
        }
        return new Reply(code, status, filled);
    }

    /** The reply as it goes on the wire, CRLF after each line. */
    public String render() {
        StringBuilder out = new StringBuilder(32 * lines.size());
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (status != null) {
                out.append(status).append(' ');
            }
            out.append(lines.get(i)).append("\r\n");
        }
        return out.toString();
    }

    /** The reply on one line without CRLF, for logs and transcripts: {@code 250 2.0.0 Ok}. */
    @Override
    public String toString() {
        String text = render();
        return text.substring(0, text.length() - 2).replace("\r\n", " | ");
    }
}
