package dev.smtpdouble.netty;

import dev.smtpdouble.session.Outcome;
import dev.smtpdouble.session.Session;

/** What the line decoder hands to the session handler: one framed unit of input, and how the session takes it. */
sealed interface InboundLine {

    /** Hands this input to the session; returns its answer. */
    Outcome feedTo(Session session);

    /** A command line, decoded from UTF-8, without its line ending. */
    record CommandLine(String text) implements InboundLine {
        @Override
        public Outcome feedTo(Session session) {
            return session.command(text);
        }
    }

    /** A command line that is not valid UTF-8; {@code lossyText} has replacement characters. */
    record BadEncoding(String lossyText) implements InboundLine {
        @Override
        public Outcome feedTo(Session session) {
            return session.badEncoding(lossyText);
        }
    }

    /** A command line over the limit; its bytes were discarded. */
    record OverlongCommand() implements InboundLine {
        @Override
        public Outcome feedTo(Session session) {
            return session.overlongCommand();
        }
    }

    /** A line of message content including its CRLF, dot-stuffing intact. */
    record ContentLine(byte[] bytes, boolean bare, boolean overlong) implements InboundLine {
        @Override
        public Outcome feedTo(Session session) {
            return session.content(bytes, bare, overlong);
        }
    }

    /** The line with the single dot that ends the message content. */
    record EndOfData() implements InboundLine {
        @Override
        public Outcome feedTo(Session session) {
            return session.endOfData();
        }
    }

    /** Bytes of a BDAT chunk, as they came: no lines, no dot-stuffing. */
    record ChunkData(byte[] bytes) implements InboundLine {
        @Override
        public Outcome feedTo(Session session) {
            return session.chunk(bytes);
        }
    }

    /** The last byte of a BDAT chunk has come: the chunk can be answered. */
    record EndOfChunk() implements InboundLine {
        @Override
        public Outcome feedTo(Session session) {
            return session.endOfChunk();
        }
    }
}
