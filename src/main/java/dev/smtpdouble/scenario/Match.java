package dev.smtpdouble.scenario;

import java.util.Set;

/**
 * The conditions of a rule besides its trigger, all optional (null = any) and combined with AND.
 * Built by name: {@code Match.builder().occurrence(IntRange.exactly(2)).argument(pattern).build()}.
 *
 * @param connection              the connection's number on the server
 * @param occurrence              the command's occurrence in the session
 * @param occurrenceInTransaction the command's occurrence in the current transaction
 * @param transaction             the transaction's number in the session
 * @param argument                a pattern (RE2 syntax) found in the command's argument
 * @param malformed               whether the default parser rejected the argument
 * @param parameter               an ESMTP parameter name that must be present (MAIL, RCPT)
 * @param helo                    a pattern (RE2 syntax) found in the HELO/EHLO name
 * @param state                   the scenario state that must be current
 * @param probability             the chance to fire, drawn from the scenario's seeded generator
 * @param afterBytes              CONTENT: fire once the message content reaches this many bytes
 * @param afterMillis             IDLE: fire once the silence reaches this, once per silence
 * @param messages                how many messages the session has had accepted so far
 * @param tls                     whether TLS must be up (true) or not (false)
 * @param tlsVersion              a pattern (RE2 syntax) the whole negotiated TLS version must match, e.g. {@code TLSv1\.3}
 * @param oversized               MAIL and MESSAGE: whether the size is over the server's limit
 * @param limit                   a rate or concurrency limit the event's key must have reached (checked by the runtime)
 * @param greylist                greylisting the event's key has not passed yet (checked by the runtime)
 * @param mechanisms              AUTH: the SASL mechanism is one of these (upper case)
 * @param user                    AUTH: a regex found in the user name the client gave
 * @param authenticated           whether the session has authenticated
 * @param authenticatedAs         a regex found in the user name the session authenticated as
 * @param credentialsAccepted     AUTH: the credentials checked out (true) or were refused as wrong (false)
 */
public record Match(IntRange connection, IntRange occurrence, IntRange occurrenceInTransaction, IntRange transaction,
                    TextPattern argument, Boolean malformed, String parameter, TextPattern helo, String state,
                    Double probability, Long afterBytes, Long afterMillis, IntRange messages, Boolean tls,
                    TextPattern tlsVersion, Boolean oversized, Limit limit, Greylisting greylist,
                    Set<String> mechanisms, TextPattern user, Boolean authenticated, TextPattern authenticatedAs,
                    Boolean credentialsAccepted) {

    /** No condition: every event of the trigger matches. */
    public static final Match ANY = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    /** Everything but state, probability, limit and greylist, which the runtime checks. */
    boolean matches(Event event) {
        return in(connection, event.connection())
                && in(occurrence, event.occurrenceInSession())
                && in(occurrenceInTransaction, event.occurrenceInTransaction())
                && in(transaction, event.transaction())
                && (argument == null || argument.find(event.argument()))
                && (malformed == null || malformed == event.malformed())
                && (oversized == null || oversized == event.oversized())
                && (parameter == null || event.parameters().contains(parameter))
                && (helo == null || (event.heloName() != null && helo.find(event.heloName())))
                && (afterBytes == null || crossed(afterBytes, event))
                && (afterMillis == null || (event.previousIdleMillis() < afterMillis
                        && event.idleMillis() >= afterMillis))
                && in(messages, event.messages())
                && (tls == null || tls == (event.tls() != null))
                && (tlsVersion == null || (event.tls() != null && tlsVersion.matches(event.tls().version())))
                && (mechanisms == null || mechanisms.contains(event.mechanism()))
                && found(user, event.user())
                && (authenticated == null || authenticated == (event.authenticatedAs() != null))
                && found(authenticatedAs, event.authenticatedAs())
                && (credentialsAccepted == null || credentialsAccepted.equals(event.credentialsAccepted()));
    }

    /** The regex is absent, or found in a value that is present. */
    private static boolean found(TextPattern pattern, String value) {
        return pattern == null || (value != null && pattern.find(value));
    }

    /** The content reached the threshold with the latest line; a threshold of 0 is reached by the first line. */
    private static boolean crossed(long threshold, Event event) {
        return event.contentBytes() >= threshold
                && (event.previousContentBytes() < threshold || event.previousContentBytes() == 0);
    }

    private static boolean in(IntRange range, long value) {
        return range == null || range.contains(value);
    }

    /** Collects the conditions by name; whatever is not set matches anything. */
    public static final class Builder {
        private IntRange connection;
        private IntRange occurrence;
        private IntRange occurrenceInTransaction;
        private IntRange transaction;
        private TextPattern argument;
        private Boolean malformed;
        private String parameter;
        private TextPattern helo;
        private String state;
        private Double probability;
        private Long afterBytes;
        private Long afterMillis;
        private IntRange messages;
        private Boolean tls;
        private TextPattern tlsVersion;
        private Boolean oversized;
        private Limit limit;
        private Greylisting greylist;
        private Set<String> mechanisms;
        private TextPattern user;
        private Boolean authenticated;
        private TextPattern authenticatedAs;
        private Boolean credentialsAccepted;

        private Builder() {
        }

        public Builder connection(IntRange value) {
            connection = value;
            return this;
        }

        public Builder occurrence(IntRange value) {
            occurrence = value;
            return this;
        }

        public Builder occurrenceInTransaction(IntRange value) {
            occurrenceInTransaction = value;
            return this;
        }

        public Builder transaction(IntRange value) {
            transaction = value;
            return this;
        }

        public Builder argument(TextPattern value) {
            argument = value;
            return this;
        }

        public Builder malformed(Boolean value) {
            malformed = value;
            return this;
        }

        /** An ESMTP parameter name, upper case ({@code SIZE}, {@code NOTIFY}). */
        public Builder parameter(String value) {
            parameter = value;
            return this;
        }

        public Builder helo(TextPattern value) {
            helo = value;
            return this;
        }

        public Builder state(String value) {
            state = value;
            return this;
        }

        public Builder probability(Double value) {
            probability = value;
            return this;
        }

        public Builder afterBytes(Long value) {
            afterBytes = value;
            return this;
        }

        public Builder afterMillis(Long value) {
            afterMillis = value;
            return this;
        }

        public Builder messages(IntRange value) {
            messages = value;
            return this;
        }

        public Builder tls(Boolean value) {
            tls = value;
            return this;
        }

        public Builder tlsVersion(TextPattern value) {
            tlsVersion = value;
            return this;
        }

        public Builder oversized(Boolean value) {
            oversized = value;
            return this;
        }

        public Builder limit(Limit value) {
            limit = value;
            return this;
        }

        public Builder greylist(Greylisting value) {
            greylist = value;
            return this;
        }

        /** SASL mechanism names, upper case ({@code PLAIN}, {@code CRAM-MD5}). */
        public Builder mechanisms(Set<String> value) {
            mechanisms = value == null ? null : Set.copyOf(value);
            return this;
        }

        public Builder user(TextPattern value) {
            user = value;
            return this;
        }

        public Builder authenticated(Boolean value) {
            authenticated = value;
            return this;
        }

        public Builder authenticatedAs(TextPattern value) {
            authenticatedAs = value;
            return this;
        }

        /** AUTH: the credentials checked out (true) or were refused as wrong (false). */
        public Builder credentialsAccepted(Boolean value) {
            credentialsAccepted = value;
            return this;
        }

        public Match build() {
            return new Match(connection, occurrence, occurrenceInTransaction, transaction, argument, malformed,
                    parameter, helo, state, probability, afterBytes, afterMillis, messages, tls, tlsVersion,
                    oversized, limit, greylist, mechanisms, user, authenticated, authenticatedAs, credentialsAccepted);
        }
    }
}
