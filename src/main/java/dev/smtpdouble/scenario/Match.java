package dev.smtpdouble.scenario;

import java.util.regex.Pattern;

/**
 * The conditions of a rule besides its trigger, all optional (null = any) and combined with AND.
 *
 * @param connection              the connection's number on the server
 * @param occurrence              the command's occurrence in the session
 * @param occurrenceInTransaction the command's occurrence in the current transaction
 * @param transaction             the transaction's number in the session
 * @param argument                a regex found in the command's argument
 * @param malformed               whether the default parser rejected the argument
 * @param parameter               an ESMTP parameter name that must be present (MAIL, RCPT)
 * @param helo                    a regex found in the HELO/EHLO name
 * @param state                   the scenario state that must be current
 * @param probability             the chance to fire, drawn from the scenario's seeded generator
 * @param afterBytes              CONTENT: fire once the message content reaches this many bytes
 * @param afterMillis             IDLE: fire once the silence reaches this, once per silence
 * @param messages                how many messages the session has had accepted so far
 */
public record Match(IntRange connection, IntRange occurrence, IntRange occurrenceInTransaction, IntRange transaction,
                    Pattern argument, Boolean malformed, String parameter, Pattern helo, String state,
                    Double probability, Long afterBytes, Long afterMillis, IntRange messages) {

    public static final Match ANY = new Match(null, null, null, null, null, null, null, null, null, null, null, null);

    /** Without a condition on the number of accepted messages. */
    public Match(IntRange connection, IntRange occurrence, IntRange occurrenceInTransaction, IntRange transaction,
                 Pattern argument, Boolean malformed, String parameter, Pattern helo, String state,
                 Double probability, Long afterBytes, Long afterMillis) {
        this(connection, occurrence, occurrenceInTransaction, transaction, argument, malformed, parameter, helo, state,
                probability, afterBytes, afterMillis, null);
    }

    /** Everything but state and probability, which the runtime checks. */
    boolean matches(Event event) {
        return in(connection, event.connection())
                && in(occurrence, event.occurrenceInSession())
                && in(occurrenceInTransaction, event.occurrenceInTransaction())
                && in(transaction, event.transaction())
                && (argument == null || argument.matcher(event.argument()).find())
                && (malformed == null || malformed == event.malformed())
                && (parameter == null || event.parameters().contains(parameter))
                && (helo == null || (event.heloName() != null && helo.matcher(event.heloName()).find()))
                && (afterBytes == null || crossed(afterBytes, event))
                && (afterMillis == null || (event.previousIdleMillis() < afterMillis
                        && event.idleMillis() >= afterMillis))
                && in(messages, event.messages());
    }

    /** The content reached the threshold with the latest line; a threshold of 0 is reached by the first line. */
    private static boolean crossed(long threshold, Event event) {
        return event.contentBytes() >= threshold
                && (event.previousContentBytes() < threshold || event.previousContentBytes() == 0);
    }

    private static boolean in(IntRange range, long value) {
        return range == null || range.contains(value);
    }
}
