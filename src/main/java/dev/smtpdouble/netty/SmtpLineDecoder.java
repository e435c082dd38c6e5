package dev.smtpdouble.netty;

import dev.smtpdouble.session.InputMode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frames the byte stream into command lines and message content, one frame per decode call so that
 * the handler can switch modes (after a 354) or pause (during a delay) between two lines.
 *
 * <p>Line-ending policy. Commands end at LF, with or without a CR before it (real MTAs accept LF
 * alone); a bare CR inside a command stays in the line, and the parser rejects it. Message content
 * ends only at CRLF "." CRLF: a bare LF or bare CR inside content never ends a line nor the message,
 * is kept as sent, and is flagged in the journal. So {@code LF . LF} and {@code CR . CR} smuggling
 * sequences are just content here, and the message ends exactly where an RFC 5321 client ends it.
 *
 * <p>Line limits. A command line may have {@code maxCommandLine} octets, an AUTH command and a SASL
 * response (after a 334) up to {@link #MAX_AUTH_LINE}: RFC 4954 §4 lets them be that long.
 */
final class SmtpLineDecoder extends ByteToMessageDecoder {

    private static final InboundLine.EndOfData END_OF_DATA = new InboundLine.EndOfData();
    private static final InboundLine.EndOfChunk END_OF_CHUNK = new InboundLine.EndOfChunk();
    /** The largest piece of a chunk handed on at once, so a large chunk does not sit in one array. */
    private static final int MAX_CHUNK_PIECE = 64 * 1024;
    private static final InboundLine.OverlongCommand OVERLONG = new InboundLine.OverlongCommand();
    /** RFC 4954 §4: 12,288 octets of AUTH command line, without its CRLF. */
    static final int MAX_AUTH_LINE = 12_288 + 2;

    private final int maxCommandLine;
    private final int maxTextLine;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private InputMode mode = InputMode.COMMAND;
    /** In CHUNK mode: the bytes of the chunk still to come. */
    private long chunkLeft;
    private boolean paused;
    private boolean discardAll;
    private boolean skippingOverlong;
    /** The last content piece was part of an overlong line: the next piece continues it, it does not start a line. */
    private boolean midLine;

    SmtpLineDecoder(int maxCommandLine, int maxTextLine) {
        this.maxCommandLine = maxCommandLine;
        this.maxTextLine = maxTextLine;
    }

    /** What the next lines are: message content (after a 354), a SASL response (after a 334), or commands. */
    void mode(InputMode next) {
        mode(next, 0);
    }

    /**
     * What comes next; entering {@link InputMode#CHUNK}, {@code chunkBytes} says how many bytes the
     * chunk has. The decoder counts them down itself and returns to commands after the last.
     */
    void mode(InputMode next, long chunkBytes) {
        if (next == InputMode.CHUNK && mode != InputMode.CHUNK) {
            chunkLeft = chunkBytes;
        }
        mode = next;
        if (next != InputMode.CONTENT) {
            midLine = false;
        }
    }

    /** While paused, bytes stay buffered and undecoded, so that a delayed reply keeps its place. */
    void paused(boolean on) {
        paused = on;
    }

    /**
     * Drops every byte received but not decoded yet: what a client pipelined after STARTTLS must never
     * be executed, in plaintext or inside TLS (RFC 3207 §4.2; CVE-2011-0411).
     */
    void discardBuffered() {
        ByteBuf buffered = internalBuffer();
        buffered.skipBytes(buffered.readableBytes());
        skippingOverlong = false;
    }

    /** After the session ended: read and drop everything. */
    void discardAll() {
        discardAll = true;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discardAll) {
            in.skipBytes(in.readableBytes());
        } else if (!paused) {
            if (mode == InputMode.CONTENT) {
                decodeContent(in, out);
            } else if (mode == InputMode.CHUNK) {
                decodeChunk(in, out);
            } else {
                decodeCommand(in, out);
            }
        }
    }

    /** RFC 3030: exactly the announced number of bytes, whatever they are; then commands again. */
    private void decodeChunk(ByteBuf in, List<Object> out) {
        int length = (int) Math.min(chunkLeft, Math.min(in.readableBytes(), MAX_CHUNK_PIECE));
        if (length > 0) {
            byte[] piece = new byte[length];
            in.readBytes(piece);
            chunkLeft -= length;
            out.add(new InboundLine.ChunkData(piece));
        }
        if (chunkLeft == 0) {
            mode = InputMode.COMMAND;
            out.add(END_OF_CHUNK);
        }
    }

    private void decodeCommand(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (skippingOverlong) {
            if (lf < 0) {
                in.skipBytes(in.readableBytes());
            } else {
                in.readerIndex(lf + 1);
                skippingOverlong = false;
                out.add(OVERLONG);
            }
            return;
        }
        if (lf < 0) {
            if (tooLong(in, start, in.readableBytes())) {
                in.skipBytes(in.readableBytes());
                skippingOverlong = true;
            }
            return;
        }
        int length = lf + 1 - start;
        if (tooLong(in, start, length)) {
            in.readerIndex(lf + 1);
            out.add(OVERLONG);
            return;
        }
        in.readerIndex(lf + 1);
        int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        out.add(text(in, start, end - start));
    }

    /**
     * Whether a line of this length (CRLF included) is over its limit: a SASL response may have
     * {@link #MAX_AUTH_LINE} octets, a command {@code maxCommandLine}, an AUTH command at least as much
     * as a SASL response.
     */
    private boolean tooLong(ByteBuf in, int start, int length) {
        if (mode == InputMode.SASL) {
            return length > MAX_AUTH_LINE;
        }
        return length > maxCommandLine && (length > MAX_AUTH_LINE || !startsWithAuth(in, start));
    }

    private static boolean startsWithAuth(ByteBuf in, int start) {
        if (in.writerIndex() - start < 5) {
            return false;
        }
        return (in.getByte(start) | 0x20) == 'a' && (in.getByte(start + 1) | 0x20) == 'u'
                && (in.getByte(start + 2) | 0x20) == 't' && (in.getByte(start + 3) | 0x20) == 'h'
                && in.getByte(start + 4) == ' ';
    }

    private InboundLine text(ByteBuf in, int start, int length) {
        if (isAscii(in, start, length)) {
            return new InboundLine.CommandLine(in.toString(start, length, StandardCharsets.US_ASCII));
        }
        ByteBuffer bytes = in.nioBuffer(start, length);
        try {
            CharBuffer chars = utf8.reset().decode(bytes);
            return new InboundLine.CommandLine(chars.toString());
        } catch (CharacterCodingException e) {
            return new InboundLine.BadEncoding(in.toString(start, length, StandardCharsets.UTF_8));
        }
    }

    private static boolean isAscii(ByteBuf in, int start, int length) {
        return in.forEachByte(start, length, b -> b >= 0) < 0;
    }

    private void decodeContent(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int limit = Math.min(in.writerIndex(), start + maxTextLine);
        boolean bare = false;
        byte previous = 0;
        for (int i = start; i < limit; i++) {
            byte b = in.getByte(i);
            if (b == '\n') {
                if (previous == '\r') {
                    emitContent(in, start, i + 1 - start, bare, false, out);
                    return;
                }
                bare = true;
            } else if (previous == '\r') {
                bare = true;
            }
            previous = b;
        }
        if (limit - start >= maxTextLine) {
            // No CRLF within the limit: hand over what we have (keeping a trailing CR for the next piece).
            int length = previous == '\r' ? limit - start - 1 : limit - start;
            emitContent(in, start, length, bare, true, out);
        }
    }

    private void emitContent(ByteBuf in, int start, int length, boolean bare, boolean overlong, List<Object> out) {
        if (!overlong && !midLine && length == 3 && in.getByte(start) == '.') {
            in.skipBytes(3);
            mode = InputMode.COMMAND;
            out.add(END_OF_DATA);
            return;
        }
        midLine = overlong;
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        out.add(new InboundLine.ContentLine(bytes, bare, overlong));
    }
}
