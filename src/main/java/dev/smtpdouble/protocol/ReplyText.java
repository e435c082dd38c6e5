package dev.smtpdouble.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a reply written as text, the way a scenario file writes it: {@code "421 4.3.2 System shutting down"},
 * or several lines where the first carries the code (and status) and the others only text.
 */
public final class ReplyText {

    private ReplyText() {
    }

    /** @throws IllegalArgumentException with a sentence saying what is wrong */
    public static Reply parse(List<String> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs at least one line");
        }
        String first = lines.get(0).strip();
        if (first.length() < 3 || !first.substring(0, 3).chars().allMatch(c -> c >= '0' && c <= '9')
                || (first.length() > 3 && first.charAt(3) != ' ')) {
            throw new IllegalArgumentException("a reply must start with a three-digit code, e.g. "
                    + "'421 4.3.2 Service not available': '" + first + "'");
        }
        int code = Integer.parseInt(first.substring(0, 3));
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code " + code + " is not 2xx-5xx");
        }
        String rest = first.length() > 4 ? first.substring(4).strip() : "";
        EnhancedStatus status = null;
        int space = rest.indexOf(' ');
        String head = space < 0 ? rest : rest.substring(0, space);
        if (head.matches("\\d+\\.\\d+\\.\\d+")) {
            status = EnhancedStatus.parse(head);
            if (status == null) {
                throw new IllegalArgumentException("'" + head + "' is not an enhanced status code (class 2, 4 or 5, "
                        + "subject and detail 0-999)");
            }
            if (status.statusClass() != code / 100) {
                throw new IllegalArgumentException("enhanced status " + status + " does not match reply code " + code
                        + ": its class must be " + (code / 100));
            }
            rest = space < 0 ? "" : rest.substring(space + 1).strip();
        }
        List<String> texts = new ArrayList<>();
        texts.add(rest.isEmpty() ? defaultText(code) : rest);
        for (String line : lines.subList(1, lines.size())) {
            texts.add(line.strip());
        }
        for (String text : texts) {
            if (text.chars().anyMatch(c -> c < ' ' || c == 127)) {
                throw new IllegalArgumentException("reply text must not contain control characters: '" + text + "'");
            }
        }
        return new Reply(code, status, texts);
    }

    private static String defaultText(int code) {
        return code < 400 ? "Ok" : code < 500 ? "Try again later" : "Rejected";
    }
}
