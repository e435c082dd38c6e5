package dev.smtpdouble.protocol.postfix;

/**
 * quote_822_local (8-bit clean) in Postfix 3.7: the local part of an address in internal form stays as it is when
 * it is an RFC 822 dot-string, and becomes a quoted string otherwise. A source route and the domain are kept.
 */
final class Quoting {
    private static final String SPECIALS = "()<>@,;:\\\"[]";

    private Quoting() {
    }

    static String quoteLocalPart(String mailbox) {
        int colon = mailbox.indexOf(':');
        int start = mailbox.startsWith("@") && colon >= 0 ? colon + 1 : 0;
        int at = mailbox.lastIndexOf('@');
        int end = at >= start ? at : mailbox.length();
        if (isDotString(mailbox, start, end)) {
            return mailbox;
        }
        StringBuilder quoted = new StringBuilder(mailbox.length() + 4).append(mailbox, 0, start).append('"');
        for (int i = start; i < end; i++) {
            char c = mailbox.charAt(i);
            if (c == '"' || c == '\\' || c == '\r') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').append(mailbox, end, mailbox.length()).toString();
    }

    /** unquote_822_local: quotes and backslashes of the local part removed; the route and the domain kept. */
    static String unquoteLocalPart(String mailbox) {
        int colon = mailbox.indexOf(':');
        int start = mailbox.startsWith("@") && colon >= 0 ? colon + 1 : 0;
        StringBuilder out = new StringBuilder(mailbox.length()).append(mailbox, 0, start);
        boolean inQuote = false;
        int bareAtOut = -1;
        int bareAtIn = -1;
        for (int i = start; i < mailbox.length(); i++) {
            char c = mailbox.charAt(i);
            if (c == '"') {
                inQuote = !inQuote;
                continue;
            } else if (c == '@' && !inQuote) {
                bareAtOut = out.length();
                bareAtIn = i;
            } else if (c == '\\') {
                if (i + 1 == mailbox.length()) {
                    continue;
                }
                c = mailbox.charAt(++i);
            }
            out.append(c);
        }
        if (bareAtOut >= 0) {
            out.setLength(bareAtOut);
            out.append(mailbox, bareAtIn, mailbox.length());
        }
        return out.toString();
    }

    private static boolean isDotString(String s, int start, int end) {
        if (start == end || s.charAt(start) == '.') {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '.' && i + 1 < end && s.charAt(i + 1) == '.' || c == ' ' || c < 0x20 || c == 0x7f
                    || SPECIALS.indexOf(c) >= 0) {
                return false;
            }
        }
        return s.charAt(end - 1) != '.';
    }
}
