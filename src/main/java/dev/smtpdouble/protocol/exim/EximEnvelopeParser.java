package dev.smtpdouble.protocol.exim;

import dev.smtpdouble.protocol.ArgumentParse;
import dev.smtpdouble.protocol.EnvelopeArgument;
import dev.smtpdouble.protocol.EnvelopeReplies;
import dev.smtpdouble.protocol.EnvelopeSyntax;
import dev.smtpdouble.protocol.SyntaxError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MAIL FROM / RCPT TO judged as Exim 4.96's smtp_in.c judges them after EHLO, with Exim's defaults and DSN and
 * SMTPUTF8 advertised (as this server advertises them), every ACL accepting: a NUL refuses the line; the command
 * is {@code MAIL FROM:} / {@code RCPT TO:} exactly (one blank, the colon right after), else it is no command at all
 * (500); trailing blanks go; options are cut off the end and checked ({@link EnvelopeOptions}); what is left must
 * be one RFC 822 address ({@link AddressParser}) with a domain (but {@code postmaster}).
 *
 * <p>A good address is reported as Exim keeps it: the source route dropped, quotes kept; {@code postmaster}
 * qualified with the host name. Instances are immutable and thread-safe.
 */
public final class EximEnvelopeParser implements EnvelopeSyntax {
    private static final ArgumentParse MAIL_SYNTAX = new ArgumentParse.Malformed(SyntaxError.MAIL_SYNTAX, null);
    private static final ArgumentParse RCPT_SYNTAX = new ArgumentParse.Malformed(SyntaxError.RCPT_SYNTAX, null);

    private final String hostname;

    /** @param hostname the server's name (Exim's qualify_recipient), which qualifies {@code RCPT TO:<postmaster>} */
    public EximEnvelopeParser(String hostname) {
        this.hostname = hostname;
    }

    @Override
    public EnvelopeReplies replies() {
        return EximReplies.ENVELOPE;
    }

    @Override
    public ArgumentParse parseMail(String argument) {
        if (argument.indexOf('\0') >= 0) {
            return bad(true, EximReplies.NUL_CHARACTERS);
        }
        CommandData data = data(argument, "FROM:");
        if (data == null) {
            return MAIL_SYNTAX;
        }
        if (data.text().isEmpty()) {
            return bad(true, EximReplies.MAIL_OPERAND);
        }
        EnvelopeOptions options = new EnvelopeOptions(data);
        ArgumentParse.Malformed refused = options.mail();
        if (refused != null) {
            return refused;
        }
        AddressParser.Extracted sender = AddressParser.extract(data.text(), true, options.smtputf8());
        if (sender.error() != null) {
            return bad(true, EximReplies.echoed(data.text(), sender.error()));
        }
        if (!sender.domain() && !sender.address().isEmpty()) {
            return bad(true, EximReplies.echoed(data.text(), EximReplies.SENDER_DOMAIN));
        }
        return parsed(sender.address(), options.parameters());
    }

    @Override
    public ArgumentParse parseRcpt(String argument, boolean smtputf8) {
        if (argument.indexOf('\0') >= 0) {
            return bad(false, EximReplies.NUL_CHARACTERS);
        }
        CommandData data = data(argument, "TO:");
        if (data == null) {
            return RCPT_SYNTAX;
        }
        if (data.text().isEmpty()) {
            return bad(false, EximReplies.RCPT_OPERAND);
        }
        EnvelopeOptions options = new EnvelopeOptions(data);
        ArgumentParse.Malformed refused = options.rcpt();
        if (refused != null) {
            return refused;
        }
        AddressParser.Extracted recipient = AddressParser.extract(data.text(), false, smtputf8);
        if (recipient.error() != null) {
            return bad(false, EximReplies.echoed(data.text(), recipient.error()));
        }
        String address = recipient.address();
        if (!recipient.domain()) {
            if (!Octets.equalsIgnoreCase(address, "postmaster")) {
                return bad(false, EximReplies.echoed(data.text(), EximReplies.RECIPIENT_DOMAIN));
            }
            address = address + "@" + Octets.of(hostname);
        }
        return parsed(address, options.parameters());
    }

    /**
     * smtp_read_command and the MAIL / RCPT cases: the line loses its trailing blanks, must go on with the keyword
     * ("FROM:" after "MAIL "), and the data is what follows the keyword and any blanks.
     *
     * @return the data, or null when the line is no MAIL FROM: / RCPT TO: command for Exim
     */
    private static CommandData data(String argument, String keyword) {
        String line = Octets.stripTrailingSpace(Octets.of(argument));
        if (!Octets.startsWithIgnoreCase(line, keyword)) {
            return null;
        }
        int start = keyword.length();
        while (start < line.length() && Octets.isSpace(line.charAt(start))) {
            start++;
        }
        return new CommandData(line.substring(start));
    }

    private static ArgumentParse bad(boolean mail, String detail) {
        return new ArgumentParse.Malformed(mail ? SyntaxError.BAD_SENDER : SyntaxError.BAD_RECIPIENT, null,
                Octets.text(detail));
    }

    private static ArgumentParse parsed(String address, List<Map.Entry<String, String>> parameters) {
        Map<String, String> named = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : parameters) {
            named.putIfAbsent(parameter.getKey(), Octets.text(parameter.getValue()));
        }
        return new ArgumentParse.Parsed(new EnvelopeArgument(Octets.text(address), named));
    }
}
