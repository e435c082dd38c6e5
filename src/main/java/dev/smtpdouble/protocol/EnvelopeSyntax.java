package dev.smtpdouble.protocol;

/**
 * Decides whether the argument of a MAIL FROM or RCPT TO command is well formed, and in whose words MAIL and RCPT
 * are answered. Implementations are immutable.
 */
public interface EnvelopeSyntax {

    /** The replies to MAIL and RCPT of this profile: Postfix's unless the profile has words of its own. */
    default EnvelopeReplies replies() {
        return Replies.ENVELOPE;
    }

    /** argument = the command line after the verb "MAIL" and one space, e.g. "FROM:&lt;a@b.example&gt; SIZE=100". */
    ArgumentParse parseMail(String argument);

    /**
     * argument = the command line after "RCPT" and one space, e.g. "TO:&lt;c@d.example&gt; NOTIFY=SUCCESS,FAILURE".
     *
     * @param smtputf8 whether the transaction's MAIL FROM carried SMTPUTF8
     */
    ArgumentParse parseRcpt(String argument, boolean smtputf8);

    /** argument = the command line after "RCPT" and one space; the transaction's MAIL had no SMTPUTF8. */
    default ArgumentParse parseRcpt(String argument) {
        return parseRcpt(argument, false);
    }
}
