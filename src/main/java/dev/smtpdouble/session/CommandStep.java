package dev.smtpdouble.session;

import dev.smtpdouble.protocol.ArgumentParse;
import dev.smtpdouble.protocol.Command;
import dev.smtpdouble.protocol.EnvelopeArgument;
import dev.smtpdouble.protocol.EnvelopeReplies;
import dev.smtpdouble.protocol.Replies;
import dev.smtpdouble.protocol.SyntaxError;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.protocol.Verb;
import dev.smtpdouble.scenario.Chunking;
import dev.smtpdouble.scenario.Event;
import dev.smtpdouble.scenario.Then;
import dev.smtpdouble.scenario.Trigger;
import dev.smtpdouble.protocol.CommandParser;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The default answer to each command, as RFC 5321 and Postfix give it, handed to the session to conclude.
 * Each step carries the command's effect, which runs when the reply finally sent accepts the command,
 * also when a rule accepts a command the default would refuse: a 250 to a RCPT before any MAIL
 * opens a transaction with the null sender, a 354 to DATA enters content mode whatever came before.
 * The event a rule sees describes the state the command creates (the transaction a MAIL opens, the
 * name an EHLO gives), so that {@code transaction: 1} and {@code helo:} speak of this command.
 */
final class CommandStep {

    private CommandStep() {
    }

    /** RFC 3207 §4 and Postfix's {@code smtpd_tls_security_level=encrypt}: what needs TLS first (AUTH: in AuthStep). */
    private static final Set<Verb> NEED_TLS = EnumSet.of(Verb.MAIL, Verb.RCPT, Verb.DATA, Verb.RSET, Verb.VRFY,
            Verb.BDAT);
    private static final Set<String> NEED_TLS_UNOFFERED = Set.of("ETRN");

    static Outcome answer(Session session, Command command) {
        Verb verb = command.verb();
        int inSession = session.mail().count(verb);
        int inTransaction = session.mail().countInTransaction(verb);
        if (needsTls(session, command)) {
            return simple(session, command, inSession, inTransaction, new Step(Replies.TLS_REQUIRED));
        }
        return switch (verb) {
            case EHLO, HELO -> greet(session, command, inSession, inTransaction);
            case MAIL -> mail(session, command, inSession);
            case RCPT -> rcpt(session, command, inSession, inTransaction);
            case DATA -> data(session, command, inSession, inTransaction);
            case RSET -> simple(session, command, inSession, inTransaction, new Step(command.hasArgument()
                    ? Replies.noArgumentExpected(verb) : Replies.OK, session::endTransaction));
            case NOOP -> simple(session, command, inSession, inTransaction, new Step(Replies.OK));
            case VRFY -> simple(session, command, inSession, inTransaction,
                    new Step(command.hasArgument() ? Replies.CANNOT_VRFY : Replies.VRFY_SYNTAX));
            case HELP -> simple(session, command, inSession, inTransaction, new Step(Replies.HELP));
            case QUIT -> simple(session, command, inSession, inTransaction,
                    new Step(Replies.BYE, Then.QUIT, () -> { }));
            case STARTTLS -> simple(session, command, inSession, inTransaction, startTls(session, command));
            case AUTH -> AuthStep.command(session, command, inSession, inTransaction);
            case BDAT -> session.settings().chunking().offered()
                    ? ChunkStep.command(session, command, inSession, inTransaction)
                    : simple(session, command, inSession, inTransaction, new Step(Replies.NOT_IMPLEMENTED));
            case NOT_IMPLEMENTED -> simple(session, command, inSession, inTransaction,
                    new Step(Replies.NOT_IMPLEMENTED));
            case UNKNOWN -> simple(session, command, inSession, inTransaction, new Step(Replies.UNKNOWN_COMMAND));
        };
    }

    /** TLS is required and not up yet: the reply to AUTH too, which AuthStep gives so the journal keeps the attempt. */
    static boolean tlsMissing(Session session) {
        return session.tls() == null && session.settings().tls().required();
    }

    private static boolean needsTls(Session session, Command command) {
        if (!tlsMissing(session)) {
            return false;
        }
        return NEED_TLS.contains(command.verb()) || (command.verb() == Verb.NOT_IMPLEMENTED
                && NEED_TLS_UNOFFERED.contains(CommandParser.verbWord(command.line())));
    }

    /** Postfix's answers: 502 when TLS is not configured, 554 inside TLS, 501 with an argument. */
    private static Step startTls(Session session, Command command) {
        if (session.tls() != null) {
            return new Step(Replies.TLS_ALREADY_ACTIVE);
        } else if (!session.settings().tls().startTls()) {
            return new Step(Replies.NOT_IMPLEMENTED);
        } else if (command.hasArgument()) {
            return new Step(Replies.STARTTLS_SYNTAX);
        }
        return new Step(Replies.READY_FOR_TLS, Then.START_TLS, () -> { });
    }

    private static Outcome greet(Session session, Command command, int inSession, int inTransaction) {
        String name = command.argument().trim();
        boolean malformed = name.isEmpty();
        Runnable greet = () -> session.greet(name);
        Step step;
        if (malformed) {
            step = new Step(command.verb() == Verb.EHLO ? Replies.EHLO_SYNTAX : Replies.HELO_SYNTAX, greet);
        } else {
            String hostname = session.settings().hostname();
            step = new Step(command.verb() == Verb.EHLO
                    ? StandingReplies.ehlo(session.settings(), session.encrypted())
                    : Replies.helo(hostname), greet);
        }
        return conclude(session, command, inSession, inTransaction, step,
                event -> event.malformed(malformed).heloName(name));
    }

    private static Outcome mail(Session session, Command command, int inSession) {
        ArgumentParse parse = session.envelopeParser().parseMail(command.argument());
        EnvelopeReplies replies = session.envelopeParser().replies();
        Step step;
        Set<String> parameters = Set.of();
        parse = withBinaryMime(session, command, parse);
        if (parse instanceof ArgumentParse.Parsed parsed) {
            EnvelopeArgument sender = parsed.argument();
            parameters = sender.parameters().keySet();
            Runnable start = () -> session.startTransaction(sender.address(), sender.parameters());
            if (session.transaction() != null) {
                step = new Step(replies.nestedMail(), start);
            } else if (session.settings().auth().required() && session.auth().user() == null) {
                step = new Step(Replies.AUTH_REQUIRED, start);
            } else if (declaredSize(sender) > session.settings().maxMessageSize()) {
                step = new Step(replies.sizeExceeded(), start);
            } else {
                step = new Step(replies.senderOk(), start);
            }
        } else {
            ArgumentParse.Malformed malformed = (ArgumentParse.Malformed) parse;
            // Postfix and Exim refuse a MAIL inside a transaction before they look at its argument
            step = new Step(session.transaction() != null ? replies.nestedMail() : replies.forMalformed(malformed),
                    () -> session.startTransaction(command.argument(), Map.of()));
        }
        // MAIL opens a transaction: the event is of that transaction, in which this MAIL is the first.
        boolean malformed = parse instanceof ArgumentParse.Malformed;
        Set<String> names = parameters;
        int opened = session.mail().opened() + 1;
        String sender = malformed ? command.argument() : ((ArgumentParse.Parsed) parse).argument().address();
        boolean oversized = !malformed
                && declaredSize(((ArgumentParse.Parsed) parse).argument()) > session.settings().maxMessageSize();
        return conclude(session, command, inSession, 1, step, event -> event.malformed(malformed).parameters(names)
                .transaction(opened).sender(sender).oversized(oversized));
    }

    /**
     * With BINARYMIME offered, {@code BODY=BINARYMIME} is a valid body type (RFC 3030 §3); the parser,
     * which knows 7BIT and 8BITMIME, reads the rest of the line, and the body type is put back.
     */
    private static ArgumentParse withBinaryMime(Session session, Command command, ArgumentParse parse) {
        if (session.settings().chunking() != Chunking.BINARYMIME
                || !(parse instanceof ArgumentParse.Malformed bad) || bad.error() != SyntaxError.BAD_PARAMETER
                || !BINARYMIME.matcher(command.argument()).find()) {
            return parse;
        }
        ArgumentParse rest = session.envelopeParser().parseMail(BINARYMIME.matcher(command.argument())
                .replaceAll("BODY=8BITMIME"));
        if (!(rest instanceof ArgumentParse.Parsed parsed)) {
            return parse;
        }
        Map<String, String> parameters = new java.util.LinkedHashMap<>(parsed.argument().parameters());
        parameters.put("BODY", "BINARYMIME");
        return new ArgumentParse.Parsed(new EnvelopeArgument(parsed.argument().address(), parameters));
    }

    private static final java.util.regex.Pattern BINARYMIME =
            java.util.regex.Pattern.compile("(?i)(?<=\\s)BODY=BINARYMIME(?=\\s|$)");

    private static long declaredSize(EnvelopeArgument sender) {
        String size = sender.parameters().get("SIZE");
        if (size == null) {
            return 0;
        }
        try {
            return Long.parseLong(size);
        } catch (NumberFormatException tooLarge) {
            return Long.MAX_VALUE;
        }
    }

    private static Outcome rcpt(Session session, Command command, int inSession, int inTransaction) {
        Transaction tx = session.transaction();
        ArgumentParse parse = session.envelopeParser().parseRcpt(command.argument(), tx != null && tx.smtputf8);
        EnvelopeReplies replies = session.envelopeParser().replies();
        boolean malformed = parse instanceof ArgumentParse.Malformed;
        Set<String> parameters = malformed ? Set.of() : ((ArgumentParse.Parsed) parse).argument().parameters().keySet();
        EnvelopeArgument recipient = malformed
                ? new EnvelopeArgument(command.argument(), Map.of())
                : ((ArgumentParse.Parsed) parse).argument();
        Runnable add = () -> session.addRecipient(recipient);
        Step step;
        if (tx == null) {
            step = new Step(replies.needMail(), add);
        } else if (tx.bdat) {
            step = new Step(Replies.RCPT_AFTER_BDAT, add);
        } else if (parse instanceof ArgumentParse.Malformed bad) {
            step = new Step(replies.forMalformed(bad), add);
        } else if (tx.recipients.size() >= session.settings().maxRecipients()) {
            step = new Step(replies.tooManyRecipients(), add);
        } else {
            step = new Step(replies.recipientOk(), add);
        }
        if (tx != null) {
            tx.rcptAttempts++;
        }
        return conclude(session, command, inSession, inTransaction, step,
                event -> event.malformed(malformed).parameters(parameters).recipients(List.of(recipient.address())));
    }

    private static Outcome data(Session session, Command command, int inSession, int inTransaction) {
        Transaction tx = session.transaction();
        Reply reply;
        if (command.hasArgument()) {
            reply = Replies.noArgumentExpected(Verb.DATA);
        } else if (tx == null) {
            reply = Replies.NEED_MAIL;
        } else if (tx.bdat) {
            reply = Replies.DATA_AFTER_BDAT;
        } else if ("BINARYMIME".equals(tx.mailParameters.get("BODY"))) {
            reply = Replies.BINARYMIME_NEEDS_BDAT; // RFC 3030 §3: such a message goes by BDAT only
        } else if (tx.recipients.isEmpty()) {
            reply = tx.rcptAttempts > 0 ? Replies.NO_VALID_RECIPIENTS : Replies.NEED_RCPT;
        } else {
            reply = Replies.START_DATA;
        }
        return simple(session, command, inSession, inTransaction, Step.awaitingMore(reply, session::startData));
    }

    private static Outcome simple(Session session, Command command, int inSession, int inTransaction, Step step) {
        return conclude(session, command, inSession, inTransaction, step, event -> event);
    }

    /** Concludes the step with the command's event as it is. */
    static Outcome conclude(Session session, Command command, int inSession, int inTransaction, Step step) {
        return conclude(session, command, inSession, inTransaction, step, event -> event);
    }

    /** Concludes the step, with the event of the command (when some rule listens) given its details. */
    private static Outcome conclude(Session session, Command command, int inSession, int inTransaction, Step step,
                                    UnaryOperator<Event.Builder> details) {
        Trigger trigger = Trigger.of(command.verb());
        Event event = session.watches(trigger)
                ? details.apply(session.commandEvent(trigger, inSession, inTransaction, command.argument())).build()
                : null;
        return session.conclude(step, event);
    }
}
