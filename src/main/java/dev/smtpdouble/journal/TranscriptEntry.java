package dev.smtpdouble.journal;

import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.protocol.TlsInfo;
import java.time.Instant;

/** One line of a session transcript: what the client sent, what the server replied, or how TLS went. */
public sealed interface TranscriptEntry {

    Instant at();

    /** A command line as the client sent it (message content is not part of the transcript). */
    record ClientCommand(Instant at, String line) implements TranscriptEntry {
        @Override
        public String toString() {
            return "C: " + line;
        }
    }

    /**
     * A line the client sent in answer to a {@code 334} challenge (SASL). Shown masked: {@code <hidden>},
     * or as sent when it gives nothing away ({@code *} to cancel, an empty line).
     */
    record ClientResponse(Instant at, String line) implements TranscriptEntry {
        @Override
        public String toString() {
            return "C: " + line;
        }
    }

    /**
     * A reply the server sent.
     *
     * @param rule   the name of the scenario rule that produced it, or null for the default behaviour
     * @param detail what the rule's limit or greylist saw, e.g. {@code limit reached: 30 of 30 messages per 1m
     *               (sliding) by sender_domain, key example.org}; null otherwise
     */
    record ServerReply(Instant at, Reply reply, String rule, String detail) implements TranscriptEntry {

        public ServerReply(Instant at, Reply reply, String rule) {
            this(at, reply, rule, null);
        }

        @Override
        public String toString() {
            return "S: " + reply + (rule == null ? "" : "  [" + RuleLabel.of(rule) + (detail == null ? "" : ": " + detail) + "]");
        }
    }

    /**
     * The end of a TLS handshake.
     *
     * @param info    what was negotiated; null when the handshake failed
     * @param failure why it failed, as the TLS library said it; null when it succeeded
     */
    record TlsHandshake(Instant at, TlsInfo info, String failure) implements TranscriptEntry {
        @Override
        public String toString() {
            return info != null ? "TLS: " + info : "TLS failed: " + failure;
        }
    }
}
