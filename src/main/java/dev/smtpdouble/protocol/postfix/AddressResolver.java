package dev.smtpdouble.protocol.postfix;

import java.util.List;
import java.util.Set;

/**
 * Whether Postfix's address resolver (trivial-rewrite's resolve_addr and rewrite_tree in Postfix 3.7, default
 * settings) flags an envelope address as malformed. It strips local domains, follows {@code %}, {@code !} and
 * quoted {@code @} routing in the local part, appends {@code @myorigin} to a bare local part, and then checks
 * the domain that is left: a host name, a U-label name, or an address literal.
 */
final class AddressResolver {
    private static final String EMPTY_ADDRESS = "MAILER-DAEMON";
    /** Postfix gives up (a temporary failure, not a syntax error) after more rounds than the address is long. */
    private static final String GAVE_UP = "@";

    private final String myhostname;
    private final Set<String> localDomains;

    /** @param myhostname the server's name: myhostname, myorigin, and with "localhost" the mydestination list */
    AddressResolver(String myhostname) {
        this.myhostname = myhostname;
        this.localDomains = Set.copyOf(List.of(PostfixParameters.asciiUpperCase(myhostname), "LOCALHOST"));
    }

    /**
     * @param address  the address in internal (unquoted) form, not empty
     * @param smtputf8 whether the transaction declared SMTPUTF8 (without it a non-ASCII domain is refused)
     */
    boolean isMalformed(String address, boolean smtputf8) {
        String resolved = resolve(address);
        if (resolved == null) {
            return true;
        }
        String domain = resolved.substring(resolved.lastIndexOf('@') + 1);
        return !smtputf8 && !domain.isEmpty() && !HostnameRules.isAscii(domain);
    }

    /**
     * What smtpd asks of trivial-rewrite: the address rewritten in the local context (smtpd_resolve.c), then
     * resolved. Returns the resolved recipient, or null when the resolver flags the address as an error.
     */
    private String resolve(String address) {
        String rewritten = Quoting.unquoteLocalPart(rewriteExternal(Quoting.quoteLocalPart(address)));
        String recipient = resolveRewritten(rewritten);
        // allow_min_user = no: a recipient that starts with '-' could pass for an option of a delivery command
        return recipient == null || recipient.startsWith("-") ? null : recipient;
    }

    /** rewrite_addr: the external form in, rewrite_tree, the external form out; "" stays "". */
    private String rewriteExternal(String external) {
        Token tree = new Token(Token.ADDR);
        tree.head = Rfc822Tokens.scan(external);
        if (tree.head == null) {
            return external;
        }
        tree.tail = last(tree.head);
        rewrite(tree);
        return Quoting.quoteLocalPart(Token.internalize(tree.head));
    }

    /** resolve_addr, for an address in internal form. */
    private String resolveRewritten(String address) {
        Token tree = new Token(Token.ADDR);
        tree.head = Rfc822Tokens.scan(Quoting.quoteLocalPart(address));
        tree.tail = last(tree.head);
        Token savedDomain = null;
        Token domain;
        int maxLoops = address.length() + 100;
        for (int loop = 0; ; loop++) {
            if (loop > maxLoops) {
                return GAVE_UP;
            }
            stripTrailingDot(tree);
            domain = Token.findBackwards(tree.tail, '@');
            if (domain != null) {
                if (domain.next != null && !isLocal(Token.internalize(domain.next))) {
                    break;
                }
                Token.subKeepBefore(tree, domain);
                savedDomain = domain;
                domain = null;
            }
            if (Token.findBackwards(tree.tail, '@') != null || Token.findBackwards(tree.tail, '!') != null
                    || Token.findBackwards(tree.tail, '%') != null) {
                rewrite(tree);
                continue;
            }
            if (crackQuotedLocalPart(tree)) {
                rewrite(tree);
                continue;
            }
            if (tree.head != null && tree.head == tree.tail && tree.head.type == Token.QSTRING
                    && tree.head.text.length() == 0) {
                tree.head = null;
            }
            if (tree.head == null) {
                tree.head = Rfc822Tokens.scan(EMPTY_ADDRESS);
                tree.tail = last(tree.head);
                continue;
            }
            if (savedDomain == null) {
                appendAtMyhostname(tree);
                continue;
            }
            break;
        }
        if (domain == null) {
            if (savedDomain != null) {
                Token.subAppend(tree, savedDomain);
            } else {
                appendAtMyhostname(tree);
            }
        }
        String recipient = Token.internalize(tree);
        String rcptDomain = recipient.substring(recipient.lastIndexOf('@') + 1);
        boolean valid = rcptDomain.startsWith("[") ? HostnameRules.isValidLiteral(rcptDomain)
                : isWellFormedUtf16(recipient) && HostnameRules.isValidDomain(rcptDomain);
        return valid ? recipient : null;
    }

    /** A quoted local part holding "@", "%" or "!" is opened up and resolved again (resolve_dequoted = yes). */
    private static boolean crackQuotedLocalPart(Token tree) {
        if (tree.head == null || tree.head != tree.tail || tree.head.type != Token.QSTRING) {
            return false;
        }
        StringBuilder local = tree.head.text;
        int operator = local.lastIndexOf("@");
        if (operator < 0) {
            operator = local.lastIndexOf("%");
        }
        if (operator < 0) {
            operator = local.lastIndexOf("!");
        }
        if (operator < 0) {
            return false;
        }
        boolean at = local.charAt(operator) != '!';
        local.setCharAt(operator, at ? '@' : '!');
        String text = Token.internalize(tree.head);
        tree.head = Rfc822Tokens.scan(at ? Quoting.quoteLocalPart(text) : text);
        tree.tail = last(tree.head);
        return true;
    }

    private void appendAtMyhostname(Token tree) {
        Token.subAppend(tree, new Token('@'));
        Token.subAppend(tree, Rfc822Tokens.scan(myhostname));
    }

    /** rewrite_tree in the local context (swap_bangpath, allow_percent_hack, append_at_myorigin = yes). */
    private void rewrite(Token tree) {
        if (tree.head == tree.tail && tree.tail.type == Token.QSTRING && tree.tail.text.length() == 0) {
            return;
        }
        if (tree.head == tree.tail && tree.tail.type == '@') {
            Token.subKeepBefore(tree, tree.tail);
            Token.subAppend(tree, new Token(Token.QSTRING));
            return;
        }
        Token colon;
        if (tree.head.type == '@' && (colon = Token.find(tree.head, ':')) != null && colon != tree.tail) {
            Token.subKeepAfter(tree, colon);
        }
        if (Token.findBackwards(tree.tail, '@') == null) {
            Token bang = Token.find(tree.head, '!');
            Token percent;
            if (bang != null) {
                Token.subKeepBefore(tree, bang);
                Token local = Token.cutAfter(bang);
                Token.subPrepend(tree, new Token('@'));
                if (local != null) {
                    Token.subPrepend(tree, local);
                }
            } else if ((percent = Token.findBackwards(tree.tail, '%')) != null) {
                percent.type = '@';
            } else {
                appendAtMyhostname(tree);
            }
        }
        Token tail = tree.tail;
        if (tail.type == '.' && tail.prev != null && tail.prev.type != '.' && tail.prev.type != '@') {
            Token.subKeepBefore(tree, tail);
        }
    }

    /** Strips a trailing dot after a domain, but not "..", "@." or a dot without an "@" before it. */
    private static void stripTrailingDot(Token tree) {
        Token tail = tree.tail;
        if (tail != null && tail.type == '.' && Token.findBackwards(tail, '@') != null && tail.prev.type != '.'
                && tail.prev.type != '@') {
            Token.subKeepBefore(tree, tail);
        }
    }

    /** resolve_local: a name of mydestination, or an address literal of this host (127.0.0.1). */
    private boolean isLocal(String domain) {
        String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (name.isEmpty() || name.endsWith(".")) {
            return false;
        }
        if (localDomains.contains(PostfixParameters.asciiUpperCase(name))) {
            return true;
        }
        if (name.length() > 2 && name.startsWith("[") && name.endsWith("]")) {
            String inner = name.substring(1, name.length() - 1);
            return HostnameRules.isValidIpv4(inner) && isLoopback(inner);
        }
        return false;
    }

    private static boolean isLoopback(String ipv4) {
        String[] parts = ipv4.split("\\.");
        return Integer.parseInt(parts[0]) == 127 && Integer.parseInt(parts[1]) == 0 && Integer.parseInt(parts[2]) == 0
                && Integer.parseInt(parts[3]) == 1;
    }

    private static boolean isWellFormedUtf16(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static Token last(Token head) {
        Token tp = head;
        while (tp != null && tp.next != null) {
            tp = tp.next;
        }
        return tp;
    }
}
