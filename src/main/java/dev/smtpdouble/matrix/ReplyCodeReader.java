package dev.smtpdouble.matrix;

import java.util.OptionalInt;

/**
 * Finds the SMTP reply code an exception carries, for exception types the matrix cannot read by
 * itself (it reads {@code getReturnCode()} — Jakarta Mail's and JavaMail's SMTP exceptions — and
 * replies quoted in messages, such as {@code 421 4.3.2 ...}).
 */
@FunctionalInterface
public interface ReplyCodeReader {

    /** @return the code carried by this exception alone (not its causes), or empty */
    OptionalInt replyCode(Throwable exception);
}
