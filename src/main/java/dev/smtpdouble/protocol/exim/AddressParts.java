package dev.smtpdouble.protocol.exim;

/**
 * The pieces of parse.c that read one part of an address each (comments, a local part, a domain or domain literal,
 * a source route, an addr-spec), on octets in buffers that end with a 0, as the C code does: {@code s} is the text
 * read, {@code t} where the part read is written (each method writes at the index given and ends it with a 0), and
 * each returns where reading stopped. A reason is left in {@link #error}; the last place a comment could have begun
 * in {@link #lastComment} (parse.c's last_comment_position). One instance reads one address.
 */
final class AddressParts {
    final char[] s;
    final char[] t;
    private final boolean utf8Domains;
    int lastComment;
    /** Where the domain begins in {@code t} after {@link #readAddrSpec}; 0 when there is none. */
    int domainStart;
    String error;

    /** @param utf8Domains whether UTF-8 is allowed in domains (allow_utf8_domains) */
    AddressParts(String octets, boolean utf8Domains) {
        this.s = java.util.Arrays.copyOf(octets.toCharArray(), octets.length() + 1);
        this.t = new char[octets.length() + 2];
        this.utf8Domains = utf8Domains;
    }

    /** Skips blanks and (nested, quoted-pair) comments; an unclosed comment runs to the end. */
    int skipComment(int p) {
        lastComment = p;
        while (s[p] != 0) {
            while (Octets.isSpace(s[p])) {
                p++;
            }
            if (s[p] != '(') {
                break;
            }
            int level = 1;
            char c;
            while ((c = s[++p]) != 0) {
                if (c == '(') {
                    level++;
                } else if (c == ')') {
                    if (--level <= 0) {
                        p++;
                        break;
                    }
                } else if (c == '\\' && s[p + 1] != 0) {
                    p++;
                }
            }
        }
        return p;
    }

    /** read_domain: dot-separated labels of letters, digits and hyphens (or UTF-8), or a literal in brackets. */
    int readDomain(int p, int q, boolean messageIdLiterals) {
        int tt = q;
        p = skipComment(p);
        if (s[p] == '[') {
            return readLiteral(p, q, messageIdLiterals);
        }
        for (;;) {
            int label = q;
            if (s[p] != '-') {
                while (true) {
                    if (Octets.isAlnum(s[p]) || s[p] == '-') {
                        t[q++] = s[p++];
                        continue;
                    }
                    if (!utf8Domains || (s[p] & 0xc0) != 0xc0) {
                        break;
                    }
                    int more = utf8Continuations(s[p]);
                    if (more < 0) {
                        return badUtf8(p, tt);
                    }
                    t[q++] = s[p++];
                    while (more-- > 0) {
                        if ((s[p] & 0xc0) != 0x80) {
                            return badUtf8(p, tt);
                        }
                        t[q++] = s[p++];
                    }
                }
            }
            p = skipComment(p);
            t[q] = 0;
            if (q == label) {
                error = "domain missing or malformed";
                t[tt] = 0;
                return p;
            }
            if (s[p] != '.') {
                return p;
            }
            t[q++] = s[p++];
            p = skipComment(p);
        }
    }

    /** How many continuation octets follow a UTF-8 lead octet, or -1 for none that Exim accepts. */
    private static int utf8Continuations(int lead) {
        int d = lead << 2;
        int i;
        for (i = 1; i < 6; i++) {
            if ((d & 0x80) == 0) {
                break;
            }
            d <<= 1;
        }
        return i == 6 ? -1 : i;
    }

    private int badUtf8(int p, int tt) {
        error = "invalid UTF-8 byte sequence";
        t[tt] = 0;
        return p;
    }

    /** A domain literal: hex digits, dots and colons after an optional IPv4: / IPv6: (any printable for msg-ids). */
    private int readLiteral(int p, int q, boolean messageIdLiterals) {
        int tt = q;
        t[q++] = s[p++];
        String rest = string(s, p);
        if (Octets.startsWithIgnoreCase(rest, "IPv6:") || Octets.startsWithIgnoreCase(rest, "IPv4:")) {
            for (int i = 0; i < 5; i++) {
                t[q++] = s[p++];
            }
        }
        if (messageIdLiterals) {
            while ((s[p] >= 33 && s[p] <= 90) || (s[p] >= 94 && s[p] <= 126)) {
                t[q++] = s[p++];
            }
        } else {
            while (s[p] == '.' || s[p] == ':' || Octets.isXdigit(s[p])) {
                t[q++] = s[p++];
            }
        }
        if (s[p] == ']') {
            t[q++] = s[p++];
        } else {
            error = "malformed domain literal";
            t[tt] = 0;
        }
        if (!messageIdLiterals) { // allow_domain_literals is off
            error = "domain literals not allowed";
            t[tt] = 0;
        }
        t[q] = 0;
        return skipComment(p);
    }

    /**
     * read_local_part: dot-separated words (atoms with quoted pairs, or quoted strings); empty words between dots
     * and a trailing dot pass.
     */
    int readLocalPart(int p, int q, boolean allowNull) {
        int tt = q;
        error = null;
        for (;;) {
            int word = q;
            p = skipComment(p);
            if (s[p] == '"') {
                t[q++] = '"';
                char c;
                while ((c = s[++p]) != 0 && c != '"') {
                    t[q++] = c;
                    if (c == '\\' && s[p + 1] != 0) {
                        t[q++] = s[++p];
                    }
                }
                if (c != '"') {
                    error = "unmatched doublequote in local part";
                    return p;
                }
                p++;
                t[q++] = '"';
            } else {
                while (!Octets.isControlOrSpecial(s[p]) || s[p] == '\\') {
                    char c = s[p++];
                    t[q++] = c;
                    if (c == '\\' && s[p] != 0) {
                        t[q++] = s[p++];
                    }
                }
            }
            t[q] = 0;
            p = skipComment(p);
            if (q == word && s[p] != '.') {
                if (q == tt && !allowNull) {
                    error = "missing or malformed local part";
                }
                return p;
            }
            if (s[p] != '.') {
                return p;
            }
            do {
                t[q++] = s[p++];
            } while (s[p] == '.');
        }
    }

    /** read_route: "@domain,@domain:" before an address; Exim drops it. */
    int readRoute(int p, int q) {
        boolean commas = false;
        error = null;
        while (s[p] == '@') {
            t[q++] = '@';
            p = readDomain(p + 1, q, false);
            if (t[q] == 0) {
                return p;
            }
            q += length(q);
            if (s[p] != ',') {
                break;
            }
            t[q++] = s[p++];
            commas = true;
            p = skipComment(p);
        }
        if (s[p] == ':') {
            t[q++] = s[p++];
        } else {
            error = commas ? "colon expected after route list" : "no local part";
        }
        t[q] = 0;
        return skipComment(p);
    }

    /** read_addr_spec: local-part, then '@' and a domain unless the terminator comes first. */
    int readAddrSpec(int p, int q, char terminator) {
        p = readLocalPart(p, q, false);
        if (error == null && s[p] != terminator) {
            if (s[p] != '@') {
                error = "\"@\" or \".\" expected after \"" + string(t, q) + "\"";
            } else {
                q += length(q);
                t[q++] = s[p++];
                domainStart = q;
                p = readDomain(p, q, false);
            }
        }
        return p;
    }

    int length(int q) {
        int n = 0;
        while (t[q + n] != 0) {
            n++;
        }
        return n;
    }

    /** The text of a buffer from {@code from} to its next 0. */
    static String string(char[] buffer, int from) {
        int end = from;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, from, end - from);
    }
}
