package dev.smtpdouble.protocol.exim;

import java.nio.charset.StandardCharsets;

/**
 * Exim reads a command as octets and classifies them with the C library in the "C" locale: these are those tests.
 * A text here holds one octet per char (0-255), made with {@link #of(String)} from the UTF-8 of a command.
 */
final class Octets {

    private Octets() {
    }

    /** The UTF-8 octets of the text, one per char. */
    static String of(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** The octets read as UTF-8 again (a sequence cut in two becomes U+FFFD). */
    static String text(String octets) {
        return new String(octets.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** isspace(): blank, TAB, LF, VT, FF, CR. */
    static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlnum(int c) {
        return isAlpha(c) || isDigit(c);
    }

    static boolean isXdigit(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** mac_iscntrl_or_special: a control octet, DEL, or one of the RFC 822 specials and the blank. */
    static boolean isControlOrSpecial(int c) {
        return c < 32 || c == 127 || " ()<>@,;:\\\".[]".indexOf(c) >= 0;
    }

    /** strcmpic: equal but for the case of ASCII letters. */
    static boolean equalsIgnoreCase(String a, String b) {
        return a.length() == b.length() && startsWithIgnoreCase(a, b);
    }

    /** strncmpic of the prefix: the text begins with {@code prefix}, but for the case of ASCII letters. */
    static boolean startsWithIgnoreCase(String text, String prefix) {
        if (text.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (lower(text.charAt(i)) != lower(prefix.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /** The text with trailing isspace() octets removed, as Exim removes them from every command line. */
    static String stripTrailingSpace(String octets) {
        int end = octets.length();
        while (end > 0 && isSpace(octets.charAt(end - 1))) {
            end--;
        }
        return octets.substring(0, end);
    }
}
