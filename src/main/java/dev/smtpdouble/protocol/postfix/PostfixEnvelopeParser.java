package dev.smtpdouble.protocol.postfix;

import dev.smtpdouble.protocol.ArgumentParse;
import dev.smtpdouble.protocol.EnvelopeArgument;
import dev.smtpdouble.protocol.EnvelopeSyntax;
import dev.smtpdouble.protocol.SyntaxError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MAIL FROM / RCPT TO arguments judged as Postfix 3.7's smtpd judges them with its default settings
 * (strict_rfc821_envelopes = no, smtputf8_enable = yes, resolve_dequoted = yes, allow_percent_hack = yes,
 * swap_bangpath = yes, mydestination = the host name and localhost): the command is split into words, the
 * path is parsed as an RFC 822 address list that must hold one address at most, the address is resolved as
 * Postfix's trivial-rewrite resolves it, and the parameters are checked in order.
 *
 * <p>A good address is reported in Postfix's external form (a local part that is no dot-string is quoted), without
 * angle brackets or source route. Instances are immutable and thread-safe.
 */
public final class PostfixEnvelopeParser implements EnvelopeSyntax {
    private static final ArgumentParse MAIL_SYNTAX = new ArgumentParse.Malformed(SyntaxError.MAIL_SYNTAX, null);
    private static final ArgumentParse RCPT_SYNTAX = new ArgumentParse.Malformed(SyntaxError.RCPT_SYNTAX, null);
    private static final ArgumentParse BAD_SENDER = new ArgumentParse.Malformed(SyntaxError.BAD_SENDER, null);
    private static final ArgumentParse BAD_RECIPIENT = new ArgumentParse.Malformed(SyntaxError.BAD_RECIPIENT, null);

    private final AddressResolver resolver;

    /** @param hostname the server's name (Postfix's myhostname and myorigin) */
    public PostfixEnvelopeParser(String hostname) {
        this.resolver = new AddressResolver(hostname);
    }

    @Override
    public ArgumentParse parseMail(String argument) {
        CommandTokens tokens = tokens(argument);
        List<String> words = tokens.words();
        if (words.size() < 2 || !words.get(0).equalsIgnoreCase("from:")) {
            return MAIL_SYNTAX;
        }
        List<String> parameters = words.subList(2, words.size());
        boolean smtputf8 = parameters.stream().anyMatch(word -> PostfixParameters.asciiUpperCase(word).equals("SMTPUTF8"));
        String address = tokens.unended().get(1) ? null : address(words.get(1), true, smtputf8);
        if (address == null) {
            return BAD_SENDER;
        }
        Map<String, String> stored = new LinkedHashMap<>();
        ArgumentParse.Malformed bad = PostfixParameters.mail(parameters, stored);
        return bad != null ? bad : new ArgumentParse.Parsed(new EnvelopeArgument(address, stored));
    }

    @Override
    public ArgumentParse parseRcpt(String argument, boolean smtputf8) {
        CommandTokens tokens = tokens(argument);
        List<String> words = tokens.words();
        if (words.size() < 2 || !words.get(0).equalsIgnoreCase("to:")) {
            return RCPT_SYNTAX;
        }
        String address = tokens.unended().get(1) ? null : address(words.get(1), false, smtputf8);
        if (address == null) {
            return BAD_RECIPIENT;
        }
        Map<String, String> stored = new LinkedHashMap<>();
        ArgumentParse.Malformed bad = PostfixParameters.rcpt(words.subList(2, words.size()), stored);
        return bad != null ? bad : new ArgumentParse.Parsed(new EnvelopeArgument(address, stored));
    }

    /** Postfix handles the command as a C string: a NUL ends it. */
    private static CommandTokens tokens(String argument) {
        int nul = argument.indexOf('\0');
        return CommandTokens.of(nul < 0 ? argument : argument.substring(0, nul));
    }

    /**
     * extract_addr: the path without its outer angle brackets and source route must parse into at most one
     * address, which must not be empty for RCPT and must resolve.
     *
     * @return the address in external form ("" for the null sender), or null when it is malformed
     */
    private String address(String word, boolean mail, boolean smtputf8) {
        String text = word.length() >= 2 && word.startsWith("<") && word.endsWith(">")
                ? word.substring(1, word.length() - 1) : word;
        int colon = text.indexOf(':');
        if (text.startsWith("@") && colon >= 0) {
            text = text.substring(colon + 1);
        }
        Token address = null;
        int addresses = 0;
        for (Token tp = Rfc822Tokens.parse(text); tp != null; tp = tp.next) {
            if (tp.type == Token.ADDR) {
                address = tp;
                addresses++;
            }
        }
        if (addresses > 1) {
            return null;
        }
        String internal = address == null ? "" : Token.internalize(address.head);
        if (internal.isEmpty()) {
            return mail ? "" : null;
        }
        return resolver.isMalformed(internal, smtputf8) ? null : Quoting.quoteLocalPart(internal);
    }
}
