package dev.smtpdouble.session;

/** What the session expects the client's next line to be; the framing at the edge follows it. */
public enum InputMode {
    /** A command line (RFC 5321 §4.5.3.1.4: 512 octets, longer for AUTH with an initial response). */
    COMMAND,
    /** Message content after a 354, ending at CRLF.CRLF. */
    CONTENT,
    /** A SASL response after a 334 challenge: up to 12,288 octets (RFC 4954 §4), never a command. */
    SASL,
    /** The bytes of a BDAT chunk (RFC 3030): exactly as many as the command said, taken as they are. */
    CHUNK
}
