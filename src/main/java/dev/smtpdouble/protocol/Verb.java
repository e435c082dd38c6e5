package dev.smtpdouble.protocol;

import java.util.Locale;

/** The SMTP commands the server knows; everything else is {@link #UNKNOWN}. */
public enum Verb {
    EHLO, HELO, MAIL, RCPT, DATA, RSET, NOOP, VRFY, HELP, QUIT,
    /** RFC 3207: answered 502 unless TLS is configured. */
    STARTTLS,
    /** RFC 4954: answered 502 unless accounts are configured. */
    AUTH,
    /** RFC 3030: answered 502 unless CHUNKING is offered. */
    BDAT,
    /** Commands real MTAs know but this server does not offer: EXPN, ETRN, TURN. */
    NOT_IMPLEMENTED,
    UNKNOWN;

    /** The verb for the first word of a command line, case-insensitive. */
    public static Verb of(String word) {
        Verb verb = exactly(word);
        return verb != UNKNOWN ? verb : exactly(word.toUpperCase(Locale.ROOT));
    }

    /** Most clients write verbs in upper case: this look-up needs no new string. */
    private static Verb exactly(String word) {
        switch (word) {
            case "EHLO": return EHLO;
            case "HELO": return HELO;
            case "MAIL": return MAIL;
            case "RCPT": return RCPT;
            case "DATA": return DATA;
            case "RSET": return RSET;
            case "NOOP": return NOOP;
            case "VRFY": return VRFY;
            case "HELP": return HELP;
            case "QUIT": return QUIT;
            case "STARTTLS": return STARTTLS;
            case "AUTH": return AUTH;
            case "BDAT": return BDAT;
            case "EXPN": case "ETRN": case "TURN": case "ATRN":
                return NOT_IMPLEMENTED;
            default: return UNKNOWN;
        }
    }
}
