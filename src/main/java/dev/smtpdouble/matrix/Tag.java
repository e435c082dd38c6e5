package dev.smtpdouble.matrix;

import java.util.Arrays;
import java.util.Locale;

/** What kind of fault it is; the matrix can be limited to faults with given tags. */
public enum Tag {
    /** A transient failure (4xx, a dropped or reset connection, a timeout): a retry may succeed. */
    RETRYABLE,
    /** A permanent failure (5xx): retrying cannot help. */
    PERMANENT,
    /** A fault of the connection itself: a reset, an abrupt close, a hang, a slow server. */
    NETWORK,
    /** A STARTTLS or certificate fault. */
    TLS,
    /** An authentication fault. */
    AUTH;

    /** The tag as written in options and reports: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the tags there are */
    public static Tag parse(String text) {
        for (Tag tag : values()) {
            if (tag.label().equalsIgnoreCase(text.strip())) {
                return tag;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a tag; use "
                + String.join(", ", Arrays.stream(values()).map(Tag::label).toList()));
    }
}
