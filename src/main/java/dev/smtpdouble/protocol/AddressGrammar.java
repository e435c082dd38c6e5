package dev.smtpdouble.protocol;

/**
 * Scanners for the mailbox part of RFC 5321 §4.1.2 (Mailbox, Local-part, Dot-string, Quoted-string, Domain),
 * extended with UTF-8 as RFC 6531 allows it (the caller decides whether UTF-8 is acceptable).
 *
 * <p>Every scanner takes the text, a start index and an end index, and returns the index just after what it
 * recognised, or {@link #FAIL}. Scanners stop at the first character that cannot continue their production;
 * the caller checks that the expected terminator follows. Nothing here allocates.
 */
final class AddressGrammar {
    static final int FAIL = -1;
    static final int MAX_LOCAL_PART_OCTETS = 64;
    static final int MAX_DOMAIN_OCTETS = 255;
    static final int MAX_LABEL_OCTETS = 63;

    /** RFC 5322 atext, ASCII part. */
    private static final boolean[] ATEXT = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            ATEXT[c] = true;
            ATEXT[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ATEXT[c] = true;
        }
        for (char c : "!#$%&'*+-/=?^_`{|}~".toCharArray()) {
            ATEXT[c] = true;
        }
    }

    private AddressGrammar() {
    }

    /**
     * Mailbox = Local-part "@" ( Domain / address-literal ). In lenient mode a Local-part alone is accepted too;
     * {@code postmasterAlone} accepts the bare {@code Postmaster} of RCPT TO in strict mode.
     */
    static int mailbox(String s, int i, int end, boolean lenient, boolean postmasterAlone) {
        int at = localPart(s, i, end, lenient);
        if (at == FAIL) {
            return FAIL;
        }
        if (!lenient && utf8Length(s, i, at) > MAX_LOCAL_PART_OCTETS) {
            return FAIL;
        }
        if (at < end && s.charAt(at) == '@') {
            return domainOrLiteral(s, at + 1, end, lenient);
        }
        if (lenient || postmasterAlone && at - i == 10 && s.regionMatches(true, i, "Postmaster", 0, 10)) {
            return at;
        }
        return FAIL;
    }

    /** Local-part = Dot-string / Quoted-string. */
    static int localPart(String s, int i, int end, boolean lenient) {
        if (i >= end) {
            return FAIL;
        }
        return s.charAt(i) == '"' ? quotedString(s, i, end) : dotString(s, i, end, lenient);
    }

    /**
     * Dot-string = Atom *("." Atom). Lenient mode accepts leading, trailing and doubled dots, as Postfix does
     * with strict_rfc821_envelopes=no.
     */
    static int dotString(String s, int i, int end, boolean lenient) {
        int start = i;
        boolean afterDot = true;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '.') {
                if (afterDot && !lenient) {
                    return FAIL;
                }
                afterDot = true;
                i++;
            } else {
                int width = c < 0x80 ? (ATEXT[c] ? 1 : 0) : nonAsciiWidth(s, i, end);
                if (width == 0) {
                    break;
                }
                afterDot = false;
                i += width;
            }
        }
        if (i == start || afterDot && !lenient) {
            return FAIL;
        }
        return i;
    }

    /**
     * Quoted-string = DQUOTE *QcontentSMTP DQUOTE, QcontentSMTP = qtextSMTP / quoted-pairSMTP,
     * quoted-pairSMTP = "\" %d32-126. Control characters cannot appear, not even quoted.
     */
    static int quotedString(String s, int i, int end) {
        i++;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= end || !isPrintableAscii(s.charAt(i + 1))) {
                    return FAIL;
                }
                i += 2;
            } else if (isPrintableAscii(c)) {
                i++;
            } else {
                int width = nonAsciiWidth(s, i, end);
                if (width == 0) {
                    return FAIL;
                }
                i += width;
            }
        }
        return FAIL;
    }

    static int domainOrLiteral(String s, int i, int end, boolean lenient) {
        if (i < end && s.charAt(i) == '[') {
            return AddressLiterals.literal(s, i, end, lenient);
        }
        return domain(s, i, end);
    }

    /**
     * Domain = sub-domain *("." sub-domain), sub-domain = Let-dig [Ldh-str] (or a U-label: non-ASCII
     * characters count as letters). Labels of at most 63 octets, the domain at most 255 octets.
     */
    static int domain(String s, int i, int end) {
        int octets = 0;
        while (true) {
            int labelStart = i;
            int labelOctets = 0;
            char last = 0;
            while (i < end) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    if (!isLetDig(c) && c != '-') {
                        break;
                    }
                    labelOctets++;
                    i++;
                    last = c;
                } else {
                    int width = nonAsciiWidth(s, i, end);
                    if (width == 0) {
                        break;
                    }
                    labelOctets += width == 2 ? 4 : c < 0x800 ? 2 : 3;
                    i += width;
                    last = 'x';
                }
            }
            if (i == labelStart || s.charAt(labelStart) == '-' || last == '-' || labelOctets > MAX_LABEL_OCTETS) {
                return FAIL;
            }
            octets += labelOctets;
            if (i < end && s.charAt(i) == '.') {
                octets++;
                i++;
            } else {
                return octets > MAX_DOMAIN_OCTETS ? FAIL : i;
            }
        }
    }

    static boolean isLetDig(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    static boolean isAsciiAtext(char c) {
        return c < 0x80 && ATEXT[c];
    }

    private static boolean isPrintableAscii(char c) {
        return c >= 0x20 && c <= 0x7e;
    }

    /**
     * The number of chars (1 or 2) of the well-formed non-ASCII code point at {@code i}, or 0 if the char is
     * ASCII or an unpaired surrogate.
     */
    static int nonAsciiWidth(String s, int i, int end) {
        char c = s.charAt(i);
        if (c < 0x80) {
            return 0;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1)) ? 2 : 0;
        }
        return Character.isLowSurrogate(c) ? 0 : 1;
    }

    /** The UTF-8 length in octets of {@code s[from, to)}. */
    static int utf8Length(String s, int from, int to) {
        int octets = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                octets++;
            } else if (c < 0x800) {
                octets += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                octets += 4;
                i++;
            } else {
                octets += 3;
            }
        }
        return octets;
    }

    static boolean containsNonAscii(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) >= 0x80) {
                return true;
            }
        }
        return false;
    }
}
