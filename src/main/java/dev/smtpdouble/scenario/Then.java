package dev.smtpdouble.scenario;

/** What the connection does after the reply, if any, went out. */
public enum Then {
    /** Keep the session open (a 421 reply turns this into CLOSE). */
    CONTINUE,
    /** Flush, half-close, read and discard until the client closes or a short timeout, then close. */
    CLOSE,
    /** Close at once after flushing, without waiting for the client. */
    CLOSE_NOW,
    /** Close with a TCP reset (SO_LINGER 0); no reply is sent. */
    RESET,
    /** Never answer again; read and discard until the client gives up. */
    HANG,
    /** The client said QUIT: flush and close. */
    QUIT,
    /** After the 220 to STARTTLS: flush it, drop what the client pipelined, and start the TLS handshake. */
    START_TLS,
    /** After the 220 to STARTTLS: flush it, then a TCP reset instead of the handshake. */
    TLS_RESET,
    /** After the 220 to STARTTLS: flush it, answer the client's first handshake bytes with a fatal TLS alert, close. */
    TLS_ALERT;

    public boolean endsSession() {
        return this != CONTINUE && this != START_TLS;
    }
}
