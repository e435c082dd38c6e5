package dev.smtpdouble.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The ESMTP parameters of MAIL FROM (SIZE, BODY, SMTPUTF8, RET, ENVID, AUTH) and RCPT TO (NOTIFY, ORCPT), and the
 * grammars of their values (RFC 1870, 6152, 6531, 3461, 4954, 6533).
 */
final class EsmtpParameters {
    static final String SIZE = "SIZE";
    static final String BODY = "BODY";
    static final String SMTPUTF8 = "SMTPUTF8";
    static final String RET = "RET";
    static final String ENVID = "ENVID";
    static final String AUTH = "AUTH";
    static final String NOTIFY = "NOTIFY";
    static final String ORCPT = "ORCPT";

    private static final int MAX_SIZE_DIGITS = 20;
    private static final int MAX_ENVID_CHARS = 100;

    private EsmtpParameters() {
    }

    /** esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-"), for {@code s[from, to)} with from &lt; to. */
    static boolean isKeyword(String s, int from, int to) {
        if (!AddressGrammar.isLetDig(s.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!AddressGrammar.isLetDig(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Whether the upper-cased {@code name} is a parameter this server supports on the command. */
    static boolean supported(String name, boolean mail) {
        return switch (name) {
            case SIZE, BODY, SMTPUTF8, RET, ENVID, AUTH -> mail;
            case NOTIFY, ORCPT -> !mail;
            default -> false;
        };
    }

    /** Lenient mode lets a repeated SIZE, BODY or SMTPUTF8 replace the earlier one, as Postfix does. */
    static boolean mayRepeat(String name, boolean lenient) {
        return lenient && (name.equals(SIZE) || name.equals(BODY) || name.equals(SMTPUTF8));
    }

    /**
     * Checks the value of a supported parameter.
     *
     * @param value the text after "=", or null when there was no "="
     * @return the value to store (keyword values upper-cased, "" for SMTPUTF8), or null if the value is bad
     */
    static String value(String name, String value, boolean lenient) {
        if (name.equals(SMTPUTF8)) {
            return value == null ? "" : null;
        }
        if (value == null || !isEsmtpValue(value)) {
            return null;
        }
        return switch (name) {
            case SIZE -> isDigits(value, MAX_SIZE_DIGITS) ? value : null;
            case BODY -> oneOf(value, "7BIT", "8BITMIME");
            case RET -> oneOf(value, "FULL", "HDRS");
            case ENVID -> value.length() <= MAX_ENVID_CHARS && isXtext(value, 0, value.length(), lenient) ? value : null;
            case AUTH -> isAuth(value, lenient) ? value : null;
            case NOTIFY -> isNotify(value) ? value.toUpperCase(Locale.ROOT) : null;
            case ORCPT -> isOrcpt(value, lenient) ? value : null;
            default -> throw new IllegalArgumentException("not a supported parameter: " + name);
        };
    }

    /** esmtp-value = 1*(%d33-60 / %d62-126 / UTF8-non-ascii). */
    private static boolean isEsmtpValue(String v) {
        if (v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x80 ? c < 33 || c == '=' || c > 126 : AddressGrammar.nonAsciiWidth(v, i, v.length()) == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String v, int maxDigits) {
        if (v.length() > maxDigits) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String oneOf(String v, String first, String second) {
        return v.equalsIgnoreCase(first) ? first : v.equalsIgnoreCase(second) ? second : null;
    }

    /** NOTIFY = "NEVER" / 1#( "SUCCESS" / "FAILURE" / "DELAY" ), RFC 3461 §4.1. */
    private static boolean isNotify(String v) {
        if (v.equalsIgnoreCase("NEVER")) {
            return true;
        }
        int start = 0;
        while (true) {
            int comma = v.indexOf(',', start);
            int end = comma < 0 ? v.length() : comma;
            int length = end - start;
            if (!(length == 7 && (v.regionMatches(true, start, "SUCCESS", 0, 7)
                    || v.regionMatches(true, start, "FAILURE", 0, 7))
                    || length == 5 && v.regionMatches(true, start, "DELAY", 0, 5))) {
                return false;
            }
            if (comma < 0) {
                return true;
            }
            start = comma + 1;
        }
    }

    /** ORCPT = addr-type ";" xtext (RFC 3461 §4.2); for addr-type utf-8 also utf-8-addr-unitext (RFC 6533). */
    private static boolean isOrcpt(String v, boolean lenient) {
        int semicolon = v.indexOf(';');
        if (semicolon <= 0 || semicolon == v.length() - 1) {
            return false;
        }
        for (int i = 0; i < semicolon; i++) {
            if (!AddressGrammar.isAsciiAtext(v.charAt(i))) {
                return false;
            }
        }
        if (semicolon == 5 && v.regionMatches(true, 0, "utf-8", 0, 5)) {
            return isUtf8AddrText(v, semicolon + 1);
        }
        return isXtext(v, semicolon + 1, v.length(), lenient);
    }

    /** AUTH = "&lt;&gt;" / xtext encoding a mailbox (RFC 4954 §5). */
    private static boolean isAuth(String v, boolean lenient) {
        if (v.equals("<>")) {
            return true;
        }
        if (!isXtext(v, 0, v.length(), lenient)) {
            return false;
        }
        String mailbox = decodeXtext(v);
        return mailbox.equals("<>")
                || AddressGrammar.mailbox(mailbox, 0, mailbox.length(), lenient, false) == mailbox.length();
    }

    /**
     * xtext = *( xchar / hexchar ), xchar = %d33-126 except "+" and "=", hexchar = "+" 2HEXDIG with upper-case
     * hex digits (lenient mode also takes lower-case ones).
     */
    private static boolean isXtext(String v, int from, int to, boolean lenient) {
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c == '+') {
                if (i + 2 >= to || !isXtextHex(v.charAt(i + 1), lenient) || !isXtextHex(v.charAt(i + 2), lenient)) {
                    return false;
                }
                i += 2;
            } else if (c < 33 || c > 126 || c == '=') {
                return false;
            }
        }
        return true;
    }

    private static boolean isXtextHex(char c, boolean lenient) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || lenient && c >= 'a' && c <= 'f';
    }

    private static String decodeXtext(String v) {
        if (v.indexOf('+') < 0) {
            return v;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '+') {
                bytes.write(Integer.parseInt(v, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * utf-8-addr-unitext = 1*( QUCHAR / EmbeddedUnicodeChar ), QUCHAR = printable ASCII except "+", "=", "\"
     * or UTF-8 non-ASCII, EmbeddedUnicodeChar = "\x{" 2*6HEXDIG "}".
     */
    private static boolean isUtf8AddrText(String v, int from) {
        int end = v.length();
        for (int i = from; i < end; i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                int close = v.indexOf('}', i);
                if (close < 0 || !v.startsWith("x{", i + 1) || close - (i + 3) < 2 || close - (i + 3) > 6) {
                    return false;
                }
                for (int h = i + 3; h < close; h++) {
                    if (Character.digit(v.charAt(h), 16) < 0 || v.charAt(h) >= 0x80) {
                        return false;
                    }
                }
                i = close;
            } else if (c >= 0x80) {
                int width = AddressGrammar.nonAsciiWidth(v, i, end);
                if (width == 0) {
                    return false;
                }
                i += width - 1;
            } else if (c < 33 || c > 126 || c == '+' || c == '=') {
                return false;
            }
        }
        return true;
    }
}
