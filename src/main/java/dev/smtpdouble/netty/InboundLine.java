package dev.smtpdouble.netty;

/** What the line decoder hands to the session handler: one framed unit of input. */
sealed interface InboundLine {

    /** A command line, decoded from UTF-8, without its line ending. */
    record CommandLine(String text) implements InboundLine {
    }

    /** A command line that is not valid UTF-8; {@code lossyText} has replacement characters. */
    record BadEncoding(String lossyText) implements InboundLine {
    }

    /** A command line over the limit; its bytes were discarded. */
    record OverlongCommand() implements InboundLine {
    }

    /** A line of message content including its CRLF, dot-stuffing intact. */
    record ContentLine(byte[] bytes, boolean bare, boolean overlong) implements InboundLine {
    }

    /** The line with the single dot that ends the message content. */
    record EndOfData() implements InboundLine {
    }

    /** Bytes of a BDAT chunk, as they came: no lines, no dot-stuffing. */
    record ChunkData(byte[] bytes) implements InboundLine {
    }

    /** The last byte of a BDAT chunk has come: the chunk can be answered. */
    record EndOfChunk() implements InboundLine {
    }
}
