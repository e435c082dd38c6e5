package dev.smtpdouble.differential;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One MAIL FROM or RCPT TO command line to send to both servers, as raw bytes (so that invalid UTF-8 can be
 * sent too). A RCPT line is sent after {@code MAIL FROM:<s@example.com>}, with SMTPUTF8 when {@code smtputf8}.
 *
 * @param mail     MAIL (true) or RCPT
 * @param argument the bytes after "MAIL " or "RCPT "
 * @param smtputf8 for RCPT: whether the MAIL before it declares SMTPUTF8
 * @param source   where the line comes from: "readme", "table", "generated"
 */
record EnvelopeLine(boolean mail, byte[] argument, boolean smtputf8, String source) {
    /** The MAIL before a RCPT line. */
    static final String SENDER = "MAIL FROM:<s@example.com>";
    private static final int RUN = 8;

    static EnvelopeLine mail(String argument, String source) {
        return new EnvelopeLine(true, argument.getBytes(StandardCharsets.UTF_8), false, source);
    }

    static EnvelopeLine rcpt(String argument, boolean smtputf8, String source) {
        return new EnvelopeLine(false, argument.getBytes(StandardCharsets.UTF_8), smtputf8, source);
    }

    /** The whole command line with CRLF. */
    byte[] command() {
        byte[] verb = (mail ? "MAIL " : "RCPT ").getBytes(StandardCharsets.US_ASCII);
        byte[] line = Arrays.copyOf(verb, verb.length + argument.length + 2);
        System.arraycopy(argument, 0, line, verb.length, argument.length);
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        return line;
    }

    /** The bytes as Latin-1 text: a key that tells lines apart. */
    String key() {
        return (mail ? "MAIL " : smtputf8 ? "RCPT+ " : "RCPT ") + new String(argument, StandardCharsets.ISO_8859_1);
    }

    /**
     * The line for people: control characters as {@code \r}, {@code \0}, {@code \xNN}, invalid UTF-8 as
     * {@code \xNN}, and a run of more than 8 equal characters as {@code c{count}}. RCPT lines after a MAIL with
     * SMTPUTF8 get " (after SMTPUTF8)".
     */
    String display() {
        StringBuilder out = new StringBuilder(mail ? "MAIL " : "RCPT ");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(argument)).toString();
        } catch (CharacterCodingException invalid) {
            text = null;
        }
        if (text == null) {
            for (byte b : argument) {
                int c = b & 0xff;
                out.append(c >= 0x20 && c < 0x7f && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02X", c));
            }
        } else {
            appendCollapsed(out, text);
        }
        return out.append(!mail && smtputf8 ? " (after SMTPUTF8)" : "").toString();
    }

    private static void appendCollapsed(StringBuilder out, String text) {
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            int run = 1;
            while (i + run * width < text.length() && text.codePointAt(i + run * width) == c) {
                run++;
            }
            String shown = printable(c);
            if (run > RUN) {
                out.append(shown).append('{').append(run).append('}');
                i += run * width;
            } else {
                out.append(shown);
                i += width;
            }
        }
    }

    private static String printable(int c) {
        return switch (c) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case 0 -> "\\0";
            case '\\' -> "\\\\";
            default -> c < 0x20 || c == 0x7f ? String.format("\\x%02X", c) : new String(Character.toChars(c));
        };
    }
}
