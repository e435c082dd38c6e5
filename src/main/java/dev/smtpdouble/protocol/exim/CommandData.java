package dev.smtpdouble.protocol.exim;

import java.util.Arrays;

/**
 * Exim's smtp_cmd_data: the argument of a MAIL FROM / RCPT TO after the keyword, as octets in a buffer that ends
 * with a 0. ESMTP options are cut off its end one by one ({@link #extractOption()}), by writing 0s into it, and an
 * option Exim does not know is put back ({@link #restore(Option)}); the address is parsed from what is left.
 */
final class CommandData {

    /** An option cut off the end: {@code name} and {@code value} are where their texts begin in the buffer. */
    record Option(int name, int value) {
    }

    private final char[] buffer;

    CommandData(String octets) {
        this.buffer = Arrays.copyOf(octets.toCharArray(), octets.length() + 1);
    }

    /** The argument as it stands now: up to the first 0. */
    String text() {
        return string(0);
    }

    String string(Option option, boolean name) {
        return string(name ? option.name() : option.value());
    }

    private String string(int from) {
        int end = from;
        while (buffer[end] != 0) {
            end++;
        }
        return new String(buffer, from, end - from);
    }

    /**
     * extract_option: the last blank-separated word, when it is an option: {@code NAME=value} with a name of
     * letters only, or a word without '='. Quoted strings are skipped over, so a blank inside a quoted local part
     * does not end a word. Trailing blanks are cut off on the way, even when no option follows.
     *
     * @return the option, cut off the buffer, or null when there is none (then the buffer is the address)
     */
    Option extractOption() {
        int length = string(0).length();
        if (length <= 0) {
            return null;
        }
        int v = length - 1;
        while (v > 0 && Octets.isSpace(buffer[v])) {
            v--;
        }
        buffer[v + 1] = 0;
        while (v > 0 && buffer[v] != '=' && !Octets.isSpace(buffer[v])) {
            if (buffer[v] == '"') {
                do {
                    v--;
                } while (v > 0 && buffer[v] != '"');
                if (v <= 0) {
                    return null;
                }
            }
            v--;
        }
        if (v <= 0) {
            return null;
        }
        int n = v;
        if (buffer[v] == '=') {
            while (n > 0 && Octets.isAlpha(buffer[n - 1])) {
                n--;
            }
            if (n <= 0 || !Octets.isSpace(buffer[n - 1])) {
                return null;
            }
            buffer[n - 1] = 0;
        } else {
            n++;
        }
        buffer[v++] = 0;
        return new Option(n, v);
    }

    /**
     * Puts an unknown option of MAIL back where the address parser will see it: {@code " NAME=value"}, or
     * {@code " WORD"} for a word without '='.
     */
    void restore(Option option) {
        buffer[option.value() - 1] = '=';
        buffer[option.name() - 1] = ' ';
    }

    /**
     * Puts an unknown option of RCPT back as Exim's RCPT does, in the other order: a word without '=' is joined to
     * what stands before it with a '=' instead of its blank, so {@code <a b@c.example>} becomes the address
     * {@code a=b@c.example} and {@code <a@b.example >} the malformed {@code <a@b.example=>}.
     */
    void restoreAsRcpt(Option option) {
        buffer[option.name() - 1] = ' ';
        buffer[option.value() - 1] = '=';
    }
}
