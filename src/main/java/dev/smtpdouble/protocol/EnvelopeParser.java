package dev.smtpdouble.protocol;

import static dev.smtpdouble.protocol.AddressGrammar.FAIL;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Parses the arguments of MAIL FROM and RCPT TO: the reverse- or forward-path and the ESMTP parameters
 * (RFC 5321 §4.1.1.2, §4.1.1.3, §4.1.2, §4.1.3, §4.5.3.1).
 *
 * <p>{@link SyntaxMode#STRICT} follows the RFC grammar and limits exactly. {@link SyntaxMode#LENIENT} accepts what
 * Postfix accepts with strict_rfc821_envelopes=no: blanks after the colon, between parameters and at the end,
 * a path without angle brackets, an address without a domain, dots anywhere in a Dot-string, over-long local
 * parts and paths, UTF-8 without SMTPUTF8, and a repeated SIZE, BODY or SMTPUTF8 (the last one wins). Both modes
 * reject control characters, malformed address literals and domains, and unbalanced brackets.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EnvelopeParser implements EnvelopeSyntax {
    private static final int MAX_PATH_OCTETS = 256;

    private static final ArgumentParse MAIL_SYNTAX = malformed(SyntaxError.MAIL_SYNTAX);
    private static final ArgumentParse RCPT_SYNTAX = malformed(SyntaxError.RCPT_SYNTAX);
    private static final ArgumentParse BAD_SENDER = malformed(SyntaxError.BAD_SENDER);
    private static final ArgumentParse BAD_RECIPIENT = malformed(SyntaxError.BAD_RECIPIENT);
    private static final ArgumentParse UTF8_NOT_ENABLED = malformed(SyntaxError.UTF8_NOT_ENABLED);

    private final boolean lenient;

    /** @param mode {@link SyntaxMode#LENIENT} or {@link SyntaxMode#STRICT} */
    public EnvelopeParser(SyntaxMode mode) {
        if (Objects.requireNonNull(mode, "mode") != SyntaxMode.LENIENT && mode != SyntaxMode.STRICT) {
            throw new IllegalArgumentException("the " + mode.name().toLowerCase(java.util.Locale.ROOT)
                    + " profile has a parser of its own (PostfixEnvelopeParser, EximEnvelopeParser)");
        }
        this.lenient = mode == SyntaxMode.LENIENT;
    }

    @Override
    public ArgumentParse parseMail(String argument) {
        return parse(argument, true, false);
    }

    /**
     * argument = the command line after "RCPT" and one space, e.g. "TO:&lt;c@d.example&gt; NOTIFY=SUCCESS,FAILURE".
     *
     * @param smtputf8 whether the transaction's MAIL FROM carried SMTPUTF8 (only strict mode cares)
     */
    @Override
    public ArgumentParse parseRcpt(String argument, boolean smtputf8) {
        return parse(argument, false, smtputf8);
    }

    private ArgumentParse parse(String s, boolean mail, boolean smtputf8) {
        ArgumentParse syntax = mail ? MAIL_SYNTAX : RCPT_SYNTAX;
        ArgumentParse badAddress = mail ? BAD_SENDER : BAD_RECIPIENT;
        if (s == null) {
            return syntax;
        }
        int n = s.length();
        int i = lenient ? skipBlanks(s, 0, n) : 0;
        String prefix = mail ? "FROM:" : "TO:";
        if (!s.regionMatches(true, i, prefix, 0, prefix.length())) {
            return syntax;
        }
        i += prefix.length();
        if (lenient) {
            i = skipBlanks(s, i, n);
        } else if (i < n && isBlank(s.charAt(i))) {
            return syntax;
        }
        if (i == n) {
            return syntax;
        }

        int pathStart = i;
        boolean bracketed = s.charAt(i) == '<';
        if (!bracketed && !lenient) {
            return badAddress;
        }
        int p = bracketed ? i + 1 : i;
        int addressStart;
        int addressEnd;
        if (bracketed && p < n && s.charAt(p) == '>') {
            if (!mail) {
                return badAddress;
            }
            addressStart = p;
            addressEnd = p;
        } else {
            boolean routed = bracketed && p < n && s.charAt(p) == '@';
            if (routed && (p = sourceRoute(s, p, n)) == FAIL) {
                return badAddress;
            }
            addressStart = p;
            addressEnd = AddressGrammar.mailbox(s, p, n, lenient, !mail && !routed);
            if (addressEnd == FAIL) {
                return badAddress;
            }
            if (bracketed && (addressEnd == n || s.charAt(addressEnd) != '>')) {
                return badAddress;
            }
        }
        int pathEnd = bracketed ? addressEnd + 1 : addressEnd;
        if (pathEnd < n && !isBlank(s.charAt(pathEnd))
                || !lenient && AddressGrammar.utf8Length(s, pathStart, pathEnd) > MAX_PATH_OCTETS) {
            return badAddress;
        }

        Map<String, String> parameters = Map.of();
        p = pathEnd;
        while (p < n) {
            if (lenient) {
                p = skipBlanks(s, p, n);
                if (p == n) {
                    break;
                }
            } else {
                if (s.charAt(p) != ' ' || ++p == n || isBlank(s.charAt(p))) {
                    return syntax;
                }
            }
            int tokenEnd = p;
            int equals = -1;
            while (tokenEnd < n && !isBlank(s.charAt(tokenEnd))) {
                if (equals < 0 && s.charAt(tokenEnd) == '=') {
                    equals = tokenEnd;
                }
                tokenEnd++;
            }
            int nameEnd = equals < 0 ? tokenEnd : equals;
            if (nameEnd == p) {
                return syntax;
            }
            String name = s.substring(p, nameEnd).toUpperCase(Locale.ROOT);
            if (!EsmtpParameters.isKeyword(s, p, nameEnd) || !EsmtpParameters.supported(name, mail)) {
                return new ArgumentParse.Malformed(SyntaxError.UNSUPPORTED_PARAMETER, name);
            }
            String value = EsmtpParameters.value(name, equals < 0 ? null : s.substring(equals + 1, tokenEnd), lenient);
            if (value == null) {
                return new ArgumentParse.Malformed(SyntaxError.BAD_PARAMETER, name);
            }
            if (parameters.isEmpty()) {
                parameters = new LinkedHashMap<>(8);
            }
            if (parameters.put(name, value) != null && !EsmtpParameters.mayRepeat(name, lenient)) {
                return new ArgumentParse.Malformed(SyntaxError.BAD_PARAMETER, name);
            }
            p = tokenEnd;
        }

        if (!lenient && !(mail ? parameters.containsKey(EsmtpParameters.SMTPUTF8) : smtputf8)
                && AddressGrammar.containsNonAscii(s, pathStart, pathEnd)) {
            return UTF8_NOT_ENABLED;
        }
        return new ArgumentParse.Parsed(new EnvelopeArgument(s.substring(addressStart, addressEnd), parameters));
    }

    /** A-d-l ":" with A-d-l = At-domain *( "," At-domain ), At-domain = "@" Domain; returns the index after ":". */
    private static int sourceRoute(String s, int i, int n) {
        while (true) {
            if (i >= n || s.charAt(i) != '@') {
                return FAIL;
            }
            i = AddressGrammar.domain(s, i + 1, n);
            if (i == FAIL || i == n) {
                return FAIL;
            }
            char c = s.charAt(i++);
            if (c == ':') {
                return i;
            }
            if (c != ',') {
                return FAIL;
            }
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static int skipBlanks(String s, int i, int n) {
        while (i < n && isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static ArgumentParse malformed(SyntaxError error) {
        return new ArgumentParse.Malformed(error, null);
    }
}
