package dev.smtpdouble.journal;

import dev.smtpdouble.journal.TranscriptEntry.ClientCommand;
import dev.smtpdouble.journal.TranscriptEntry.ClientResponse;
import dev.smtpdouble.journal.TranscriptEntry.ServerReply;
import dev.smtpdouble.protocol.Reply;

/**
 * Estimates of the memory the journal keeps for each thing it records: the text it holds plus a
 * fixed allowance for the objects around it (headers, references, timestamps). Estimates, not
 * measurements: they make the byte bounds hold whatever the clients send, cheaply.
 */
final class Sizes {

    /** A session record without its transcript: ids, address, timestamps, the list. */
    static final long SESSION = 256;
    /** One transcript entry besides its text: the entry, its timestamp, the list slot. */
    static final long ENTRY = 64;
    /** One message besides its bytes and envelope text: the record, the envelope, the maps and lists. */
    static final long MESSAGE = 320;
    /** One recipient besides its address: the record, its parameters. */
    static final long RECIPIENT = 96;

    private Sizes() {
    }

    static long of(TranscriptEntry entry) {
        if (entry instanceof ClientCommand command) {
            return ENTRY + command.line().length();
        }
        if (entry instanceof ClientResponse response) {
            return ENTRY + response.line().length();
        }
        if (!(entry instanceof ServerReply serverReply)) {
            return ENTRY + 128; // a TLS handshake: protocol, cipher suite, server name or the failure
        }
        Reply reply = serverReply.reply();
        long text = 0;
        for (String line : reply.lines()) {
            text += line.length();
        }
        return ENTRY + text;
    }

    static long of(ReceivedMessage message) {
        long size = MESSAGE + message.size() + message.id().length() + message.envelope().sender().length();
        for (Recipient recipient : message.envelope().recipients()) {
            size += RECIPIENT + recipient.address().length();
        }
        return size;
    }
}
