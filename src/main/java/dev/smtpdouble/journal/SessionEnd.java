package dev.smtpdouble.journal;

/** How a session ended. */
public enum SessionEnd {
    /** The client sent QUIT and got 221. */
    CLIENT_QUIT,
    /** The client closed the connection without QUIT. */
    CLIENT_CLOSED,
    /** The server closed the connection (after a 421, a rule, a timeout or a shutdown). */
    SERVER_CLOSED,
    /** The server reset the connection (TCP RST). */
    SERVER_RESET
}
