package dev.smtpdouble.protocol;

/** The result of parsing a MAIL FROM / RCPT TO argument: either well formed, or what is wrong with it. */
public sealed interface ArgumentParse {

    record Parsed(EnvelopeArgument argument) implements ArgumentParse {
    }

    /**
     * @param parameter the offending ESMTP parameter name for BAD_PARAMETER / UNSUPPORTED_PARAMETER, else null
     * @param detail    the reply text of a profile whose replies say more than the kind of error, such as Exim's
     *                  {@code <a@b..c>: domain missing or malformed}; null when the kind says it all
     */
    record Malformed(SyntaxError error, String parameter, String detail) implements ArgumentParse {
        public Malformed(SyntaxError error, String parameter) {
            this(error, parameter, null);
        }
    }
}
