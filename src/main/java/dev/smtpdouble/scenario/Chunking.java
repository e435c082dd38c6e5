package dev.smtpdouble.scenario;

/**
 * Whether the server offers BDAT (RFC 3030 CHUNKING), and with it the BINARYMIME body type. Off by
 * default, as Postfix-like servers of the catalogue do not announce it; Exchange and Gmail do.
 */
public enum Chunking {
    /** BDAT is answered 502, as an unknown extension. */
    OFF,
    /** CHUNKING is advertised and BDAT accepted. */
    ON,
    /** CHUNKING and BINARYMIME are advertised: {@code MAIL ... BODY=BINARYMIME}, then BDAT only. */
    BINARYMIME;

    public boolean offered() {
        return this != OFF;
    }
}
