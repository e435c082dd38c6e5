package dev.smtpdouble.scenario;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One rule written in Java, key by key as a scenario file writes it; {@link ScenarioBuilder} checks
 * it with the loader's own checks and messages and turns it into the same {@link Rule} a file gives.
 * Start with {@link Rules#on(Trigger)}:
 * <pre>{@code
 * Rules.on(Trigger.RCPT).occurrence(2).reply("421 4.3.2 System shutting down")
 * }</pre>
 * Each method sets one key of the scenario language (the README lists them); setting a key again
 * replaces it.
 */
public final class RuleBuilder {

    /** The keys as a file gives them: a text, a list of texts (a multi-line reply), or a mapping of them. */
    private final Map<String, Object> keys = new LinkedHashMap<>();

    RuleBuilder(Trigger on) {
        keys.put("on", Objects.requireNonNull(on, "on").yamlName());
    }

    Map<String, Object> keys() {
        return keys;
    }

    private RuleBuilder set(String key, Object value) {
        keys.put(key, Objects.requireNonNull(value, key));
        return this;
    }

    /** A name for the journal, {@code ruleFirings()} and error messages; default "rule N (trigger)". */
    public RuleBuilder named(String name) {
        return set("name", name);
    }

    /** The connection's number on the server. */
    public RuleBuilder connection(int number) {
        return set("connection", Integer.toString(number));
    }

    /** The connection's number on the server, as a range: {@code "2-4"}, {@code "3+"}. */
    public RuleBuilder connection(String range) {
        return set("connection", range);
    }

    /** The command's occurrence in the session, counted per verb. */
    public RuleBuilder occurrence(int number) {
        return set("occurrence", Integer.toString(number));
    }

    public RuleBuilder occurrence(String range) {
        return set("occurrence", range);
    }

    /** The command's occurrence in the current transaction. */
    public RuleBuilder occurrenceInTransaction(int number) {
        return set("occurrence_in_transaction", Integer.toString(number));
    }

    public RuleBuilder occurrenceInTransaction(String range) {
        return set("occurrence_in_transaction", range);
    }

    /** The transaction's number in the session. */
    public RuleBuilder transaction(int number) {
        return set("transaction", Integer.toString(number));
    }

    public RuleBuilder transaction(String range) {
        return set("transaction", range);
    }

    /** How many messages the session has had accepted so far. */
    public RuleBuilder messages(int count) {
        return set("messages", Integer.toString(count));
    }

    public RuleBuilder messages(String range) {
        return set("messages", range);
    }

    /** A regular expression found in the command's argument. */
    public RuleBuilder argument(String regex) {
        return set("argument", regex);
    }

    /** Whether the default parser rejected the argument. */
    public RuleBuilder malformed(boolean value) {
        return set("malformed", Boolean.toString(value));
    }

    /** {@code on: mail} and {@code on: message}: whether the size is over the server's limit. */
    public RuleBuilder oversized(boolean value) {
        return set("oversized", Boolean.toString(value));
    }

    /** An ESMTP parameter that must be present. */
    public RuleBuilder parameter(String name) {
        return set("parameter", name);
    }

    /** A regular expression found in the HELO/EHLO name. */
    public RuleBuilder helo(String regex) {
        return set("helo", regex);
    }

    /** The scenario state that must be current. */
    public RuleBuilder state(String state) {
        return set("state", state);
    }

    /** The chance to fire, above 0 and at most 1, drawn from the scenario's seed. */
    public RuleBuilder probability(double chance) {
        return set("probability", Double.toString(chance));
    }

    /** {@code on: content}: fire once the message content reaches this many bytes. */
    public RuleBuilder afterBytes(long bytes) {
        return set("after_bytes", Long.toString(bytes));
    }

    /** Whether TLS must be up ({@code true}) or not yet ({@code false}). */
    public RuleBuilder tls(boolean up) {
        return set("tls", Boolean.toString(up));
    }

    /** A regular expression the whole negotiated TLS version must match, e.g. {@code TLSv1\\.[01]}. */
    public RuleBuilder tlsVersion(String regex) {
        return set("tls_version", regex);
    }

    /** {@code on: auth}: the SASL mechanism is one of these, e.g. {@code "PLAIN"}, {@code "CRAM-MD5"}. */
    public RuleBuilder mechanism(String name, String... more) {
        List<String> names = new java.util.ArrayList<>(List.of(name));
        names.addAll(List.of(more));
        return set("mechanism", names);
    }

    /** {@code on: auth}: a regular expression found in the user name the client gave. */
    public RuleBuilder user(String regex) {
        return set("user", regex);
    }

    /** Whether the session has authenticated (AUTH). */
    public RuleBuilder authenticated(boolean value) {
        return set("authenticated", Boolean.toString(value));
    }

    /** {@code on: auth}: the credentials checked out ({@code true}) or were refused as wrong ({@code false}). */
    public RuleBuilder credentialsAccepted(boolean accepted) {
        return set("credentials", accepted ? "accepted" : "rejected");
    }

    /** A regular expression found in the user name the session authenticated as. */
    public RuleBuilder authenticatedAs(String regex) {
        return set("authenticated_as", regex);
    }

    /** {@code on: idle}: fire after this much silence. */
    public RuleBuilder after(Duration silence) {
        return set("after", millis(silence));
    }

    /** Fire when the key of the event has used up this limit, e.g. {@code Rules.limit(MESSAGES, 30).per(ofMinutes(1))}. */
    public RuleBuilder limit(Rules.LimitBuilder limit) {
        return set("limit", Objects.requireNonNull(limit, "limit").keys());
    }

    /** Defer while the key of the event has not retried late enough: {@code Rules.greylist()}. */
    public RuleBuilder greylist(Rules.GreylistBuilder greylist) {
        return set("greylist", Objects.requireNonNull(greylist, "greylist").keys());
    }

    /** The reply, e.g. {@code "421 4.3.2 System shutting down"}; more lines make a multi-line reply. */
    public RuleBuilder reply(String first, String... more) {
        if (more.length == 0) {
            return set("reply", first);
        }
        List<String> lines = new java.util.ArrayList<>(List.of(more));
        lines.add(0, Objects.requireNonNull(first, "reply"));
        return set("reply", List.copyOf(lines));
    }

    /** After the reply (if any): flush, half-close, drain, close. */
    public RuleBuilder close() {
        return set("action", "close");
    }

    /** After the reply (if any): close at once. */
    public RuleBuilder closeNow() {
        return set("action", "close_now");
    }

    /** No reply: a TCP reset. */
    public RuleBuilder reset() {
        return set("action", "reset");
    }

    /** Never answer again. */
    public RuleBuilder hang() {
        return set("action", "hang");
    }

    /**
     * The command or message takes effect whatever is sent, also nothing: with {@link #reset()} on
     * {@code message}, the message is stored and the connection reset before the 250 reaches the client.
     */
    public RuleBuilder accept() {
        return set("accept", "true");
    }

    /** Wait this long before answering; later input waits too. */
    public RuleBuilder delay(Duration wait) {
        return set("delay", millis(wait));
    }

    /** Move the scenario to this state when the rule fires. */
    public RuleBuilder setState(String state) {
        return set("set_state", state);
    }

    /** Fire at most this many times on the server, then fall through. */
    public RuleBuilder times(int count) {
        return set("times", Integer.toString(count));
    }

    /** Milliseconds, as the loader reads a bare number; sub-millisecond parts would be lost, so they are refused there. */
    static String millis(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        return duration.toNanos() % 1_000_000 == 0 ? Long.toString(duration.toMillis()) : duration.toString();
    }
}
