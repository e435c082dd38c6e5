package dev.smtpdouble.protocol;

/** The result of parsing a MAIL FROM / RCPT TO argument: either well formed, or what is wrong with it. */
public sealed interface ArgumentParse {

    record Parsed(EnvelopeArgument argument) implements ArgumentParse {
    }

    /** @param parameter the offending ESMTP parameter name for BAD_PARAMETER / UNSUPPORTED_PARAMETER, else null */
    record Malformed(SyntaxError error, String parameter) implements ArgumentParse {
    }
}
