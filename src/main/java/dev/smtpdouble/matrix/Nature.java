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
    HANG,
    /**
     * The server's certificate cannot be trusted (expired, wrong name, unknown CA...): nothing may be
     * delivered to it, the code must surface an error.
     */
    UNTRUSTED,
    /**
     * The server sends, before the TLS handshake, a reply the client must never read (the catalogue's
     * {@code 554}): a correct client discards it and delivers, or refuses to go on; one that reports the
     * injected reply took it as an answer inside TLS.
     */
    INJECTED,
    /**
     * Harmless to a correct client (it logs in as configured, say): delivered
     * once, success, as on the baseline; an error means the code has the flaw the fault looks for.
     */
    HARMLESS
}
