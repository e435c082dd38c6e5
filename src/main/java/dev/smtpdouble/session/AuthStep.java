package dev.smtpdouble.session;

import dev.smtpdouble.journal.AuthAttempt;
import dev.smtpdouble.protocol.Command;
import dev.smtpdouble.protocol.Replies;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.protocol.SyntaxMode;
import dev.smtpdouble.sasl.AuthSettings;
import dev.smtpdouble.sasl.Mechanism;
import dev.smtpdouble.sasl.SaslExchange;
import dev.smtpdouble.sasl.SaslFailure;
import dev.smtpdouble.sasl.SaslStep;
import dev.smtpdouble.scenario.Event;
import dev.smtpdouble.scenario.Then;
import dev.smtpdouble.scenario.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * AUTH (RFC 4954) in the session: the checks Postfix makes before an exchange starts, the {@code 334}
 * challenges, and the reply that ends the attempt, which is where {@code on: auth} rules act. The
 * journal gets every attempt with its mechanism and user, and the transcript never a secret: the
 * initial response and every SASL response line are masked ({@link SecretMask}).
 */
final class AuthStep {

    private AuthStep() {
    }

    /** The AUTH command; the line is in the transcript already, masked by {@link SecretMask}. */
    static Outcome command(Session session, Command command, int inSession, int inTransaction) {
        List<String> words = words(command.argument(), session.settings().syntax());
        String mechanismWord = words.isEmpty() ? "" : words.get(0);
        Reply refusal = refusal(session, words);
        if (refusal != null) {
            return end(session, new Step(refusal), new AuthState.Attempt(null, mechanismWord, inSession, inTransaction),
                    null);
        }
        AuthSettings settings = session.settings().auth();
        Mechanism mechanism = Mechanism.named(mechanismWord).orElseThrow();
        String challenge = SaslExchange.cramMd5Challenge(ThreadLocalRandom.current().nextInt() & 0x7fffffff,
                session.clock().instant().getEpochSecond(), session.settings().hostname());
        SaslExchange exchange = SaslExchange.start(mechanism, settings.credentials(), challenge);
        session.auth().begin(new AuthState.Attempt(exchange, mechanismWord, inSession, inTransaction));
        return follow(session, exchange.begin(words.size() == 2 ? words.get(1) : null));
    }

    /**
     * The words of AUTH's argument. Postfix and Exim split a command on C's isspace(), to which a bare CR (and a
     * vertical tab or form feed) is white space; the lenient and strict grammars know only space and tab, so a CR
     * stays in its word and the word is refused, as MAIL FROM and RCPT TO refuse it in those modes.
     */
    private static List<String> words(String argument, SyntaxMode mode) {
        boolean cSpace = mode == SyntaxMode.POSTFIX || mode == SyntaxMode.EXIM;
        List<String> words = new ArrayList<>(2);
        int i = 0;
        while (i < argument.length()) {
            int start = i;
            while (i < argument.length() && !isSeparator(argument.charAt(i), cSpace)) {
                i++;
            }
            if (i > start) {
                words.add(argument.substring(start, i));
            }
            i++;
        }
        return words;
    }

    private static boolean isSeparator(char c, boolean cSpace) {
        return c == ' ' || c == '\t' || cSpace && c >= '\n' && c <= '\r';
    }

    /** Postfix's checks, in its order (TLS required first, as its command loop does); null when the exchange may start. */
    private static Reply refusal(Session session, List<String> words) {
        AuthSettings settings = session.settings().auth();
        if (CommandStep.tlsMissing(session)) {
            return Replies.TLS_REQUIRED;
        } else if (!settings.enabled()) {
            return Replies.NOT_IMPLEMENTED;
        } else if (!EhloKeywords.offersAuth(session.settings(), session.encrypted())) {
            return Replies.AUTH_NOT_ENABLED;
        } else if (session.transaction() != null) {
            return Replies.AUTH_IN_TRANSACTION;
        } else if (session.auth().user() != null) {
            return Replies.ALREADY_AUTHENTICATED;
        } else if (words.isEmpty() || words.size() > 2) {
            return Replies.AUTH_SYNTAX;
        }
        Mechanism mechanism = Mechanism.named(words.get(0)).orElse(null);
        return mechanism == null || !settings.mechanisms().contains(mechanism) ? Replies.AUTH_NO_MECHANISM : null;
    }

    /** A line answering a {@code 334}. */
    static Outcome response(Session session, String line) {
        session.log().response(SecretMask.response(line));
        return follow(session, session.auth().attempt().exchange().respond(line));
    }

    /** A response line that is not valid UTF-8, so not base64 either. */
    static Outcome undecodableResponse(Session session) {
        session.log().response(SecretMask.HIDDEN);
        return follow(session, new SaslStep.Failure(SaslFailure.BAD_PROTOCOL));
    }

    /** A response line over RFC 4954's 12,288 octets; its bytes were discarded. */
    static Outcome overlongResponse(Session session) {
        session.log().response("(line longer than 12288 octets)");
        return end(session, new Step(Replies.SASL_RESPONSE_TOO_LONG), session.auth().attempt(), null);
    }

    private static Outcome follow(Session session, SaslStep step) {
        AuthState.Attempt attempt = session.auth().attempt();
        if (step instanceof SaslStep.Challenge challenge) {
            session.expectSaslResponse(true);
            session.log().authUnderWay(record(session, attempt, false, null));
            return new Outcome(Replies.challenge(challenge.text()), Then.CONTINUE, 0, null);
        }
        String user = attempt.exchange().user();
        // A failure a rule turns into 235 authenticates the user the client named, as a success does.
        Runnable authenticate = user == null ? () -> { } : () -> session.auth().authenticated(user);
        Reply reply = step instanceof SaslStep.Failure failure ? reply(failure.reason()) : Replies.AUTH_SUCCESSFUL;
        return end(session, new Step(reply, authenticate), attempt, judged(step));
    }

    /** True or false once the credentials were checked; null when the exchange ended before that (aborted, garbled). */
    private static Boolean judged(SaslStep step) {
        if (step instanceof SaslStep.Failure failure) {
            return failure.reason() == SaslFailure.AUTHENTICATION_FAILURE ? Boolean.FALSE : null;
        }
        return Boolean.TRUE;
    }

    private static Reply reply(SaslFailure reason) {
        return switch (reason) {
            case AUTHENTICATION_FAILURE -> Replies.AUTH_FAILED;
            case BAD_PROTOCOL -> Replies.AUTH_BAD_PROTOCOL;
            case ANOTHER_STEP -> Replies.AUTH_ANOTHER_STEP;
            case ABORTED -> Replies.AUTH_ABORTED;
        };
    }

    /** The reply that ends the attempt: the rules are asked, and the journal records the outcome. */
    private static Outcome end(Session session, Step step, AuthState.Attempt attempt, Boolean credentialsAccepted) {
        session.expectSaslResponse(false);
        session.auth().end();
        session.secretMask().authEnded();
        boolean before = session.auth().user() != null;
        Event event = session.watches(Trigger.AUTH)
                ? session.eventOf(Trigger.AUTH).occurrence(attempt.inSession(), attempt.inTransaction())
                        .argument(attempt.mechanismWord()).auth(mechanism(attempt), user(attempt))
                        .credentialsAccepted(credentialsAccepted).build()
                : null;
        Outcome outcome = session.conclude(step, event);
        boolean authenticated = !before && session.auth().user() != null;
        session.log().authAttempt(record(session, attempt, authenticated, outcome.reply()));
        return outcome;
    }

    private static AuthAttempt record(Session session, AuthState.Attempt attempt, boolean authenticated, Reply reply) {
        SaslExchange exchange = attempt.exchange();
        return new AuthAttempt(session.clock().instant(), mechanism(attempt), user(attempt), authenticated, reply,
                session.encrypted(), exchange != null && exchange.sentSecret());
    }

    /** The mechanism the client named; null when it named none, or a word no mechanism name looks like. */
    private static String mechanism(AuthState.Attempt attempt) {
        String name = SecretMask.mechanismName(attempt.mechanismWord());
        return name == null ? null : name.toUpperCase(Locale.ROOT);
    }

    private static String user(AuthState.Attempt attempt) {
        return attempt.exchange() == null ? null : attempt.exchange().user();
    }
}
