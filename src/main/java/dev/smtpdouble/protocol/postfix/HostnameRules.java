package dev.smtpdouble.protocol.postfix;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Postfix's checks of a destination domain (valid_hostname, valid_ipv4_hostaddr, valid_ipv6_hostaddr,
 * valid_mailhost_literal and valid_utf8_hostname in Postfix 3.7). They differ from RFC 5321 in places: an
 * underscore is allowed, an all-numeric name is not, and IPv6 literals are checked by counting colons.
 */
final class HostnameRules {
    private static final int MAX_LABEL = 63;
    private static final int MAX_HOSTNAME = 255;
    /** Postfix copies a literal into a buffer of INET6_ADDRSTRLEN (46) octets, terminator included. */
    private static final int MAX_LITERAL_TEXT = 45;

    private HostnameRules() {
    }

    /**
     * valid_utf8_hostname with SMTPUTF8 support on: a non-ASCII name must convert to ASCII (Postfix uses ICU's
     * UTS #46 non-transitional processing) and the result must pass {@link #isValidHostname}. The conversion here
     * is Java's IDNA 2003 ({@link IDN}), with UTS #46's label rules added: no combining mark first, no hyphen
     * first, last or in positions 3 and 4, no unassigned or private-use code point.
     */
    static boolean isValidDomain(String name) {
        if (name.isEmpty()) {
            return false;
        }
        if (isAscii(name)) {
            return isValidHostname(name);
        }
        String dotted = name.replace('\u3002', '.').replace('\uff0e', '.').replace('\uff61', '.');
        for (String label : dotted.split("\\.", -1)) {
            if (!isValidUts46Label(label)) {
                return false;
            }
        }
        try {
            return isValidHostname(IDN.toASCII(name, IDN.ALLOW_UNASSIGNED));
        } catch (IllegalArgumentException notConvertible) {
            return false;
        }
    }

    private static boolean isValidUts46Label(String label) {
        String mapped = Normalizer.normalize(Normalizer.normalize(label, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT),
                Normalizer.Form.NFKC);
        if (mapped.isEmpty() || mapped.startsWith("xn--")) {
            return true;
        }
        int firstType = Character.getType(mapped.codePointAt(0));
        if (firstType == Character.NON_SPACING_MARK || firstType == Character.COMBINING_SPACING_MARK
                || firstType == Character.ENCLOSING_MARK) {
            return false;
        }
        if (mapped.startsWith("-") || mapped.endsWith("-") || mapped.length() >= 4 && mapped.startsWith("--", 2)) {
            return false;
        }
        return mapped.codePoints().noneMatch(c -> Character.getType(c) == Character.UNASSIGNED
                || Character.getType(c) == Character.PRIVATE_USE || Character.getType(c) == Character.SURROGATE);
    }

    static boolean isValidHostname(String name) {
        if (name.isEmpty()) {
            return false;
        }
        int labelLength = 0;
        boolean nonNumeric = false;
        int n = name.length();
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean last = i + 1 == n;
            if (isAlnum(c) || c == '_') {
                if (++labelLength > MAX_LABEL) {
                    return false;
                }
                nonNumeric |= !isDigit(c);
            } else if (c == '.') {
                if (labelLength == 0 || last) {
                    return false;
                }
                labelLength = 0;
            } else if (c == '-') {
                nonNumeric = true;
                if (++labelLength == 1 || last || name.charAt(i + 1) == '.') {
                    return false;
                }
            } else {
                return false;
            }
        }
        return nonNumeric && n <= MAX_HOSTNAME;
    }

    /** "[" address "]" with nothing after the first "]": an IPv4 address, or "IPv6:" and an IPv6 address. */
    static boolean isValidLiteral(String literal) {
        int close = literal.indexOf(']');
        if (!literal.startsWith("[") || close < 0 || close != literal.length() - 1) {
            return false;
        }
        String inner = literal.substring(1, close);
        return inner.length() <= MAX_LITERAL_TEXT && isAscii(inner) && isValidMailhostAddress(inner);
    }

    /** valid_mailhost_addr: "IPv6:" (any case) and an IPv6 address, or an IPv4 address. */
    static boolean isValidMailhostAddress(String address) {
        if (address.regionMatches(true, 0, "IPv6:", 0, 5)) {
            return isValidIpv6(address.substring(5));
        }
        return isValidIpv4(address);
    }

    static boolean isValidIpv4(String address) {
        boolean inByte = false;
        int byteCount = 0;
        int byteValue = 0;
        int n = address.length();
        for (int i = 0; i < n; i++) {
            char c = address.charAt(i);
            if (isDigit(c)) {
                if (!inByte) {
                    inByte = true;
                    byteValue = 0;
                    byteCount++;
                }
                byteValue = byteValue * 10 + c - '0';
                if (byteValue > 255) {
                    return false;
                }
            } else if (c == '.') {
                if (!inByte || i + 1 == n) {
                    return false;
                }
                // Postfix allows 0.0.0.0 but not 0.1.2.3
                if (byteCount == 1 && byteValue == 0 && !onlyZerosAndDots(address)) {
                    return false;
                }
                inByte = false;
            } else {
                return false;
            }
        }
        return byteCount == 4;
    }

    private static boolean onlyZerosAndDots(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '0' && s.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }

    /** Eight hex fields, or fewer around one "::", the last two may be an IPv4 address; at most 7 colons. */
    static boolean isValidIpv6(String address) {
        int nullField = 0;
        int field = 0;
        int len = 0;
        int i = 0;
        int n = address.length();
        while (true) {
            char c = i < n ? address.charAt(i) : 0;
            if (c == 0) {
                return field >= 2 && (len != 0 || nullField == field - 1);
            } else if (c == '.') {
                return field >= 2 && field <= 6 && isValidIpv4(address.substring(i - len));
            } else if (c == ':') {
                if (field == 0 && len == 0 && i + 1 < n && isAlnum(address.charAt(i + 1))) {
                    return false;
                }
                if (++field > 7) {
                    return false;
                }
                i++;
                len = 0;
                if (i < n && address.charAt(i) == ':') {
                    if (nullField > 0) {
                        return false;
                    }
                    nullField = field;
                }
            } else {
                len = 0;
                while (i + len < n && Character.digit(address.charAt(i + len), 16) >= 0 && address.charAt(i + len) < 0x80) {
                    len++;
                }
                if (len == 0 || len > 4) {
                    return false;
                }
                i += len;
            }
        }
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
