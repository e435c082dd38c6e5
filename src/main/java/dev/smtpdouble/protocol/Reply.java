package dev.smtpdouble.protocol;

import java.util.List;

/**
 * One SMTP reply: a three-digit code, an optional enhanced status and one or more text lines.
 * A multi-line reply renders as {@code 250-first}, ..., {@code 250 last}; the enhanced status, when
 * present, prefixes every line as Postfix does.
 */
public record Reply(int code, EnhancedStatus status, List<String> lines) {

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
