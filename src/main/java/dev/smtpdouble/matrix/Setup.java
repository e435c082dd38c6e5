package dev.smtpdouble.matrix;

/** What the matrix does around the code under test to bring a fault about. */
public enum Setup {
    /** Nothing: call the code once. */
    NONE,
    /** Hold one connection open while the code's first connection arrives (a connection limit of 1). */
    HOLD_A_CONNECTION,
    /** Call the code, wait until the server has closed every connection, call it again (a stale pooled connection). */
    SEND_TWICE
}
