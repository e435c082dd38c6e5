package dev.smtpdouble.protocol;

import java.util.Objects;
import java.util.function.Function;

/**
 * The replies to MAIL FROM and RCPT TO in one MTA's words: Postfix's ({@link Replies#ENVELOPE}) or those of
 * another syntax profile. A profile's {@link EnvelopeSyntax} names its words, so a session answers in one voice.
 *
 * @param senderOk          MAIL accepted
 * @param recipientOk       RCPT accepted
 * @param nestedMail        MAIL inside a transaction
 * @param needMail          RCPT before MAIL
 * @param sizeExceeded      MAIL with a SIZE over the limit
 * @param tooManyRecipients RCPT over the recipient limit
 * @param malformed         the reply to a malformed argument
 */
public record EnvelopeReplies(Reply senderOk, Reply recipientOk, Reply nestedMail, Reply needMail,
                              Reply sizeExceeded, Reply tooManyRecipients,
                              Function<ArgumentParse.Malformed, Reply> malformed) {

    public EnvelopeReplies {
        Objects.requireNonNull(senderOk, "senderOk");
        Objects.requireNonNull(recipientOk, "recipientOk");
        Objects.requireNonNull(nestedMail, "nestedMail");
        Objects.requireNonNull(needMail, "needMail");
        Objects.requireNonNull(sizeExceeded, "sizeExceeded");
        Objects.requireNonNull(tooManyRecipients, "tooManyRecipients");
        Objects.requireNonNull(malformed, "malformed");
    }

    /** The reply to a MAIL FROM / RCPT TO argument the profile's parser found malformed. */
    public Reply forMalformed(ArgumentParse.Malformed error) {
        return malformed.apply(error);
    }
}
