package dev.smtpdouble.scenario;

import dev.smtpdouble.protocol.TlsInfo;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What just happened in a session, as a rule sees it. Built by name, starting from the trigger:
 * {@code Event.of(Trigger.RCPT).connection(1).occurrence(2, 2).argument("TO:<a@b>").build()}.
 *
 * @param trigger                 what happened
 * @param connection              the connection's number on this server (1 = first since the last reset)
 * @param occurrenceInSession     the how-many-th command of this verb in the session (1-based; 0 when not a command)
 * @param occurrenceInTransaction the how-many-th command of this verb in the current transaction (0 outside one)
 * @param transaction             the transaction's number in the session (1-based; 0 before the first MAIL)
 * @param argument                the command's argument as sent; empty when none or not a command
 * @param malformed               whether the default parser rejected the argument (MAIL, RCPT, EHLO, HELO)
 * @param parameters              the ESMTP parameter names of a MAIL / RCPT, upper case
 * @param heloName                the name given in HELO/EHLO, or null
 * @param contentBytes            message bytes received so far (CONTENT, MESSAGE)
 * @param previousContentBytes    message bytes before the latest line (CONTENT)
 * @param idleMillis              how long the connection has been silent (IDLE)
 * @param previousIdleMillis      the silence at the previous check of this silence (IDLE), so a rule fires once per silence
 * @param messages                messages accepted in this session so far
 * @param tls                     what the TLS handshake negotiated, or null while the session is in plaintext
 * @param clientAddress           the client's IP address, or null when unknown
 * @param sender                  the transaction's sender (for MAIL, the one it gives), "" for the null
 *                                sender {@code <>}; null outside a transaction
 * @param recipients              RCPT: the recipient it gives; DATA and MESSAGE: the transaction's
 *                                accepted recipients; otherwise empty
 * @param mechanism               AUTH: the SASL mechanism named, upper case; null when none
 * @param user                    AUTH: the user name the client gave, or null when it gave none
 * @param authenticatedAs         the user the session authenticated as, or null
 * @param credentialsAccepted     AUTH: true when the credentials checked out, false when they did not (wrong user
 *                                name, password or token); null when the attempt ended otherwise
 * @param oversized               MAIL: its SIZE= exceeds the server's limit; MESSAGE: the content did
 */
public record Event(Trigger trigger, int connection, int occurrenceInSession, int occurrenceInTransaction,
                    int transaction, String argument, boolean malformed, Set<String> parameters, String heloName,
                    long contentBytes, long previousContentBytes, long idleMillis, long previousIdleMillis,
                    int messages, TlsInfo tls, String clientAddress, String sender,
                    List<String> recipients, String mechanism, String user, String authenticatedAs,
                    boolean oversized, Boolean credentialsAccepted) {

    public Event {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(argument, "argument");
        parameters = Set.copyOf(parameters);
        recipients = List.copyOf(recipients);
    }

    /** An event of this trigger; every other value starts neutral (0, empty, none). */
    public static Builder of(Trigger trigger) {
        return new Builder(trigger);
    }

    /** Collects an event's values by name. */
    public static final class Builder {
        private final Trigger trigger;
        private int connection;
        private int occurrenceInSession;
        private int occurrenceInTransaction;
        private int transaction;
        private String argument = "";
        private boolean malformed;
        private Set<String> parameters = Set.of();
        private String heloName;
        private long contentBytes;
        private long previousContentBytes;
        private long idleMillis;
        private long previousIdleMillis;
        private int messages;
        private TlsInfo tls;
        private String clientAddress;
        private String sender;
        private List<String> recipients = List.of();
        private String mechanism;
        private String user;
        private String authenticatedAs;
        private boolean oversized;
        private Boolean credentialsAccepted;

        private Builder(Trigger trigger) {
            this.trigger = trigger;
        }

        public Builder connection(int value) {
            connection = value;
            return this;
        }

        /** The command's occurrence in the session and in the current transaction. */
        public Builder occurrence(int inSession, int inTransaction) {
            occurrenceInSession = inSession;
            occurrenceInTransaction = inTransaction;
            return this;
        }

        public Builder transaction(int value) {
            transaction = value;
            return this;
        }

        public Builder argument(String value) {
            argument = value;
            return this;
        }

        public Builder malformed(boolean value) {
            malformed = value;
            return this;
        }

        public Builder parameters(Set<String> value) {
            parameters = value;
            return this;
        }

        public Builder heloName(String value) {
            heloName = value;
            return this;
        }

        /** Content bytes received so far, and before the latest line. */
        public Builder content(long bytes, long previousBytes) {
            contentBytes = bytes;
            previousContentBytes = previousBytes;
            return this;
        }

        /** How long the connection has been silent, and at the previous check of the same silence. */
        public Builder idle(long millis, long previousMillis) {
            idleMillis = millis;
            previousIdleMillis = previousMillis;
            return this;
        }

        public Builder messages(int value) {
            messages = value;
            return this;
        }

        /** The TLS facts of the session; null (the default) while it is in plaintext. */
        public Builder tls(TlsInfo value) {
            tls = value;
            return this;
        }

        /** The client's IP address. */
        public Builder clientAddress(String value) {
            clientAddress = value;
            return this;
        }

        /** The transaction's sender, "" for {@code <>}. */
        public Builder sender(String value) {
            sender = value;
            return this;
        }

        public Builder recipients(List<String> value) {
            recipients = value;
            return this;
        }

        /** AUTH: the mechanism named and the user name given (null when none). */
        public Builder auth(String mechanismName, String userName) {
            mechanism = mechanismName;
            user = userName;
            return this;
        }

        public Builder authenticatedAs(String value) {
            authenticatedAs = value;
            return this;
        }

        /** Over the server's size limit: a MAIL's SIZE=, or a message's content. */
        public Builder oversized(boolean value) {
            oversized = value;
            return this;
        }

        /** AUTH: whether the credentials checked out; null when the attempt ended before they were judged. */
        public Builder credentialsAccepted(Boolean value) {
            credentialsAccepted = value;
            return this;
        }

        public Event build() {
            return new Event(trigger, connection, occurrenceInSession, occurrenceInTransaction, transaction, argument,
                    malformed, parameters, heloName, contentBytes, previousContentBytes, idleMillis,
                    previousIdleMillis, messages, tls, clientAddress, sender, recipients, mechanism, user,
                    authenticatedAs, oversized, credentialsAccepted);
        }
    }
}
