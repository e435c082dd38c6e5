package dev.smtpdouble.scenario;

import java.util.Set;

/**
 * What just happened in a session, as a rule sees it.
 *
 * @param trigger                what happened
 * @param connection             the connection's number on this server (1 = first since the last reset)
 * @param occurrenceInSession    the how-many-th command of this verb in the session (1-based; 0 when not a command)
 * @param occurrenceInTransaction the how-many-th command of this verb in the current transaction (0 outside one)
 * @param transaction            the transaction's number in the session (1-based; 0 before the first MAIL)
 * @param argument               the command's argument as sent; empty when none or not a command
 * @param malformed              whether the default parser rejected the argument (MAIL, RCPT, EHLO, HELO)
 * @param parameters             the ESMTP parameter names of a MAIL / RCPT, upper case
 * @param heloName               the name given in HELO/EHLO, or null
 * @param contentBytes           message bytes received so far (CONTENT, MESSAGE)
 * @param previousContentBytes   message bytes before the latest line (CONTENT)
 * @param idleMillis           how long the connection has been silent (IDLE)
 * @param previousIdleMillis   the silence at the previous check of this silence (IDLE), so a rule fires once per silence
 * @param messages             messages accepted in this session so far
 */
public record Event(Trigger trigger, int connection, int occurrenceInSession, int occurrenceInTransaction,
                    int transaction, String argument, boolean malformed, Set<String> parameters, String heloName,
                    long contentBytes, long previousContentBytes, long idleMillis, long previousIdleMillis,
                    int messages) {

    /** An event outside a silence, before any message was accepted. */
    public Event(Trigger trigger, int connection, int occurrenceInSession, int occurrenceInTransaction,
                 int transaction, String argument, boolean malformed, Set<String> parameters, String heloName,
                 long contentBytes, long previousContentBytes, long idleMillis) {
        this(trigger, connection, occurrenceInSession, occurrenceInTransaction, transaction, argument, malformed,
                parameters, heloName, contentBytes, previousContentBytes, idleMillis, 0, 0);
    }
}
