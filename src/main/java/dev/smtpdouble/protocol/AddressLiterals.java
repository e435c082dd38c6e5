package dev.smtpdouble.protocol;

import static dev.smtpdouble.protocol.AddressGrammar.FAIL;

/**
 * address-literal = "[" ( IPv4-address-literal / IPv6-address-literal / General-address-literal ) "]"
 * (RFC 5321 §4.1.3). Both modes reject malformed literals; they differ only in how many explicit IPv6 groups
 * may accompany "::" (RFC 5321: at most 6; lenient: at most 7, like inet_pton).
 */
final class AddressLiterals {
    private static final int STRICT_MAX_COMPRESSED_GROUPS = 6;
    private static final int LENIENT_MAX_COMPRESSED_GROUPS = 7;

    private AddressLiterals() {
    }

    /** {@code s.charAt(i)} is '['. Returns the index after the closing ']', or FAIL. */
    static int literal(String s, int i, int end, boolean lenient) {
        int from = i + 1;
        int close = -1;
        int colon = -1;
        for (int j = from; j < end; j++) {
            char c = s.charAt(j);
            if (c == ']') {
                close = j;
                break;
            }
            if (c == ':' && colon < 0) {
                colon = j;
            }
        }
        if (close < 0) {
            return FAIL;
        }
        boolean valid;
        if (colon < 0) {
            valid = ipv4(s, from, close) == close;
        } else if (colon - from == 4 && s.regionMatches(true, from, "IPv6", 0, 4)) {
            valid = ipv6(s, colon + 1, close, lenient);
        } else {
            valid = general(s, from, colon, close);
        }
        return valid ? close + 1 : FAIL;
    }

    /** IPv4-address-literal = Snum 3("." Snum), Snum = 1*3DIGIT with a value of 0 to 255. */
    static int ipv4(String s, int i, int to) {
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (i >= to || s.charAt(i) != '.') {
                    return FAIL;
                }
                i++;
            }
            int value = 0;
            int digits = 0;
            while (i < to && digits < 4) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                digits++;
                i++;
            }
            if (digits == 0 || digits > 3 || value > 255) {
                return FAIL;
            }
        }
        return i;
    }

    /**
     * IPv6-addr = IPv6-full / IPv6-comp / IPv6v4-full / IPv6v4-comp: eight 16-bit groups of 1 to 4 hex digits
     * (the IPv4 form counts as two), or fewer around a single "::".
     */
    static boolean ipv6(String s, int i, int to, boolean lenient) {
        int groups = 0;
        boolean compressed = false;
        if (to - i >= 2 && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
            compressed = true;
            i += 2;
            if (i == to) {
                return true;
            }
        }
        while (true) {
            if (dotBeforeColon(s, i, to)) {
                if (ipv4(s, i, to) != to) {
                    return false;
                }
                groups += 2;
                break;
            }
            int digits = 0;
            while (i < to && digits <= 4 && isHex(s.charAt(i))) {
                i++;
                digits++;
            }
            if (digits == 0 || digits > 4) {
                return false;
            }
            groups++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
                if (i == to) {
                    break;
                }
            } else if (i == to) {
                return false;
            }
        }
        if (!compressed) {
            return groups == 8;
        }
        return groups <= (lenient ? LENIENT_MAX_COMPRESSED_GROUPS : STRICT_MAX_COMPRESSED_GROUPS);
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean dotBeforeColon(String s, int i, int to) {
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                return true;
            }
            if (c == ':') {
                return false;
            }
        }
        return false;
    }

    /**
     * General-address-literal = Standardized-tag ":" 1*dcontent, Standardized-tag = Ldh-str,
     * dcontent = %d33-90 / %d94-126.
     */
    static boolean general(String s, int from, int colon, int close) {
        if (colon == from || !AddressGrammar.isLetDig(s.charAt(colon - 1)) || colon + 1 == close) {
            return false;
        }
        for (int j = from; j < colon; j++) {
            char c = s.charAt(j);
            if (!AddressGrammar.isLetDig(c) && c != '-') {
                return false;
            }
        }
        for (int j = colon + 1; j < close; j++) {
            char c = s.charAt(j);
            if (c < 33 || c > 126 || c >= 91 && c <= 93) {
                return false;
            }
        }
        return true;
    }
}
