package dev.smtpdouble.sasl;

/** Why an AUTH attempt failed; each has its own reply (Postfix with Cyrus SASL words them). */
public enum SaslFailure {
    /** Wrong password or token, unknown user, or an authorization identity other than the user's. */
    AUTHENTICATION_FAILURE,
    /** A response that is not base64, an empty line at a prompt, or a response the mechanism cannot read. */
    BAD_PROTOCOL,
    /** Base64 whose length is not a multiple of four, such as the empty initial response {@code =}. */
    ANOTHER_STEP,
    /** The client answered {@code *}. */
    ABORTED
}
