package dev.smtpdouble.protocol.exim;

/**
 * Exim 4.96's parse_extract_address (parse.c) with the settings of an SMTP envelope and Exim's defaults
 * (allow_domain_literals, strip_excess_angle_brackets and strip_trailing_dot off; no group syntax): the operative
 * address of an RFC 822 mailbox, or the reason it has none, in Exim's words. Comments are skipped, a phrase before
 * {@code <} is ignored, a source route is dropped, a local part keeps its quotes. Works on octets in buffers that end
 * with a 0, as the C code does, so that each step can be compared with the original. One instance parses one text.
 */
final class AddressParser {
    /** EXIM_EMAILADDR_MAX: longer addresses are "ridiculously long". */
    private static final int ADDRESS_MAX = 256;

    /**
     * @param address the address as octets, source route dropped; "" for {@code <>}
     * @param domain  whether it has a domain (a bare local part does not)
     * @param error   why there is no address, or null
     */
    record Extracted(String address, boolean domain, String error) {
    }

    private final String mailbox;
    private final AddressParts parts;
    private final char[] s;
    private final char[] t;

    private AddressParser(String mailbox, boolean utf8Domains) {
        this.mailbox = mailbox;
        this.parts = new AddressParts(mailbox, utf8Domains);
        this.s = parts.s;
        this.t = parts.t;
    }

    /**
     * @param mailbox     the octets of the command's argument, options cut off
     * @param allowNull   whether {@code <>} is an address (MAIL) or not (RCPT)
     * @param utf8Domains whether UTF-8 is allowed in domains (the MAIL declared SMTPUTF8)
     */
    static Extracted extract(String mailbox, boolean allowNull, boolean utf8Domains) {
        return new AddressParser(mailbox, utf8Domains).extract(allowNull);
    }

    private Extracted extract(boolean allowNull) {
        int p = parts.skipComment(0);
        int start = p;
        int end;
        int domain = 0;
        p = parts.readLocalPart(p, 0, true);
        if (parts.error != null) {
            return failed();
        }
        if (s[p] != '@' && s[p] != '<') {
            if (s[p] == 0 || s[p] == ';') {
                if (t[0] == 0) {
                    return failed("empty address");
                }
                return succeeded(p, start, parts.lastComment, 0);
            }
            while (s[p] != '<') { // a phrase: words up to the '<'
                p = parts.readLocalPart(p, 0, false);
                if (parts.error != null) {
                    return failed(parts.error + " (expected word or \"<\")");
                }
            }
        }
        if (s[p] == '<') {
            boolean sourceRouted = false;
            p++;
            start = p;
            p = parts.skipComment(p);
            if (s[p] == '@') {
                p = parts.readRoute(p, 0);
                if (parts.error != null) {
                    return failed();
                }
                t[0] = 0;
                sourceRouted = true;
            }
            if (allowNull && !sourceRouted && s[p] == '>') {
                t[0] = 0;
                parts.error = null;
            } else {
                parts.domainStart = 0;
                p = parts.readAddrSpec(p, 0, '>');
                if (parts.error != null) {
                    return failed();
                }
                domain = parts.domainStart;
                if (sourceRouted && domain == 0) {
                    return failed("domain missing in source-routed address");
                }
            }
            end = p;
            if (s[p++] != '>') {
                return failed(s[p - 1] == 0 ? "'>' missing at end of address" : mayNotFollow(p - 1, p - 1));
            }
            p = parts.skipComment(p);
        } else if (t[0] == 0) { // "@route:local@domain" without angle brackets
            p = parts.readRoute(p, 0);
            if (parts.error != null) {
                return failed();
            }
            t[0] = 0;
            parts.domainStart = 0;
            p = parts.readAddrSpec(p, 0, (char) 0);
            if (parts.error != null) {
                return failed();
            }
            domain = parts.domainStart;
            end = parts.lastComment;
            if (domain == 0) {
                return failed("domain missing in source-routed address");
            }
        } else { // local-part@domain without angle brackets: message-id style literals pass here
            int q = parts.length(0);
            t[q++] = s[p++];
            domain = q;
            p = parts.readDomain(p, q, true);
            if (t[q] == 0) {
                return failed();
            }
            end = parts.lastComment;
        }
        return succeeded(p, start, end, domain);
    }

    private Extracted succeeded(int p, int start, int end, int domain) {
        if (s[p] != 0) {
            return failed(mayNotFollow(p, p));
        }
        while (end > 0 && Octets.isSpace(s[end - 1])) {
            end--;
        }
        String address = AddressParts.string(t, 0);
        if (end - start > ADDRESS_MAX) {
            return failed("address is ridiculously long: " + prefix(address, 64) + "...");
        }
        return new Extracted(address, domain != 0, null);
    }

    private Extracted failed(String message) {
        parts.error = message;
        return failed();
    }

    private Extracted failed() {
        return new Extracted(null, false, parts.error);
    }

    /** "malformed address: %.32s may not follow %.*s". */
    private String mayNotFollow(int from, int before) {
        return "malformed address: " + prefix(AddressParts.string(s, from), 32) + " may not follow "
                + mailbox.substring(0, Math.min(before, mailbox.length()));
    }

    /** printf's %.Ns: at most n octets. */
    static String prefix(String octets, int n) {
        return octets.length() <= n ? octets : octets.substring(0, n);
    }
}
