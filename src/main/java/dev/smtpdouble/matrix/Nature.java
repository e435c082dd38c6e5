package dev.smtpdouble.matrix;

/** What a fault does to a delivery, which decides the default {@link Expectation}. */
public enum Nature {
    /** No fault: the healthy server every other row is compared with. */
    BASELINE,
    /** A transient failure: deliver once after retries, or surface an error. */
    TRANSIENT,
    /** A permanent failure: surface an error, do not retry. */
    PERMANENT,
    /** One recipient refused permanently: surface it, do not retry, do not report full success. */
    PARTIAL,
    /** The message was stored but the client cannot know: a retry delivers it twice. */
    DUPLICATE,
    /** The server stops answering: give up within the client's timeout, then as {@link #TRANSIENT}. */
    HANG
}
