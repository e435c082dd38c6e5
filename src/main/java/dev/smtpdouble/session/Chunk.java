package dev.smtpdouble.session;

import dev.smtpdouble.protocol.Reply;
import java.io.ByteArrayOutputStream;

/**
 * A BDAT chunk while its bytes come in: what the command said, what the answer will be unless a rule
 * decides otherwise, and the bytes kept so far (none beyond the message size limit).
 */
final class Chunk {

    final long size;
    final boolean last;
    /** The default answer when the chunk cannot be taken (no recipients, an earlier error...); null when it can. */
    final Reply refusal;
    final String argument;
    final int inSession;
    final int inTransaction;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long received;
    /** Bytes went beyond the size limit and were dropped. */
    boolean overLimit;
    /** A content rule answered while the bytes came: the chunk gets no answer of its own. */
    boolean answered;

    Chunk(long size, boolean last, Reply refusal, String argument, int inSession, int inTransaction) {
        this.size = size;
        this.last = last;
        this.refusal = refusal;
        this.argument = argument;
        this.inSession = inSession;
        this.inTransaction = inTransaction;
    }
}
