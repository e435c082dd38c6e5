package dev.smtpdouble.session;

import dev.smtpdouble.journal.Recipient;
import dev.smtpdouble.journal.SessionLog;
import dev.smtpdouble.protocol.Command;
import dev.smtpdouble.protocol.CommandParser;
import dev.smtpdouble.protocol.EnvelopeArgument;
import dev.smtpdouble.protocol.EnvelopeParser;
import dev.smtpdouble.protocol.EnvelopeSyntax;
import dev.smtpdouble.protocol.Replies;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.protocol.TlsInfo;
import dev.smtpdouble.protocol.Verb;
import dev.smtpdouble.protocol.exim.EximEnvelopeParser;
import dev.smtpdouble.protocol.postfix.PostfixEnvelopeParser;
import dev.smtpdouble.sasl.AuthSettings;
import dev.smtpdouble.scenario.Decision;
import dev.smtpdouble.scenario.Director;
import dev.smtpdouble.scenario.Event;
import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.scenario.Then;
import dev.smtpdouble.scenario.Trigger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The SMTP state machine of one connection, without I/O: it takes connection events, command lines
 * and message content, and returns what to do as an {@link Outcome}. The default behaviour is a
 * correct MTA that stores mail; the {@link Director} (the scenario) may override any answer.
 * Not thread-safe: one session belongs to one connection's event loop.
 */
public final class Session {

    /** The decision when no rule matched: the default step as it is. */
    private static final Decision DEFAULT = new Decision(null, null, null, 0, false);

    private final Settings settings;
    private final Director director;
    private final SessionLog log;
    private final int connection;
    private final QueueIds queueIds;
    private final EnvelopeSyntax envelopeParser;
    private final Clock clock;
    /** The client's IP address, or null when unknown. */
    private final String clientAddress;
    private boolean ended;
    private final Map<Verb, Integer> sessionCounts = new EnumMap<>(Verb.class);
    private final Map<Verb, Integer> transactionCounts = new EnumMap<>(Verb.class);
    private final AuthState auth = new AuthState();
    private String heloName;
    private Transaction transaction;
    private int transactions;
    /** Messages accepted in this session. */
    private int messages;
    private InputMode inputMode = InputMode.COMMAND;
    private boolean finished;
    /** The BDAT chunk whose bytes are coming in, or null. */
    private Chunk chunk;
    /** A chunk of this message was refused: later ones are read and dropped (RFC 3030 §2). */
    private boolean bdatFailed;
    /** What the TLS handshake negotiated; null while the connection is in plaintext. */
    private TlsInfo tls;

    public Session(Settings settings, Director director, SessionLog log, int connection, QueueIds queueIds) {
        this(settings, director, log, connection, queueIds, Clock.systemUTC());
    }

    /** @param clock the server's clock, which silences are measured on too */
    public Session(Settings settings, Director director, SessionLog log, int connection, QueueIds queueIds,
                   Clock clock) {
        this.settings = settings;
        this.director = director;
        this.log = log;
        this.connection = connection;
        this.queueIds = queueIds;
        this.envelopeParser = envelopeSyntax(settings);
        this.clock = clock;
        this.clientAddress = hostOf(log.remoteAddress());
    }

    /** {@code 127.0.0.1} of {@code 127.0.0.1:40312}; IPv6 addresses have colons of their own. */
    private static String hostOf(String remoteAddress) {
        int colon = remoteAddress == null ? -1 : remoteAddress.lastIndexOf(':');
        return colon < 0 ? null : remoteAddress.substring(0, colon);
    }

    /** What the next input line is: a command or message content (after a 354). */
    public InputMode inputMode() {
        return inputMode;
    }

    /** Whether the session is over: nothing more is answered. */
    public boolean isFinished() {
        return finished;
    }

    public Settings settings() {
        return settings;
    }

    /** The server's clock: a test may move it, and a silence counts on it as well as in real time. */
    public Clock clock() {
        return clock;
    }

    /** The EHLO keywords this session advertises now: STARTTLS only before TLS is up, AUTH while it is offered. */
    List<String> extensions() {
        List<String> keywords = new ArrayList<>(2);
        if (offersStartTls()) {
            keywords.add("STARTTLS");
        }
        if (offersAuth()) {
            keywords.add(settings.auth().ehloLine());
        }
        return keywords.isEmpty() ? settings.extensions() : settings.extensionsWith(keywords);
    }

    /**
     * AUTH is configured, not hidden, and allowed now: inside TLS, or before it when plaintext AUTH is
     * allowed or this listener offers no STARTTLS to wait for (Postfix's {@code smtpd_tls_auth_only}).
     */
    boolean offersAuth() {
        AuthSettings auth = settings.auth();
        return auth.enabled() && !settings.hides("AUTH")
                && (tls != null || auth.plaintextAllowed() || !settings.tls().startTls());
    }

    /** Whether TLS protects the connection. */
    boolean encrypted() {
        return tls != null;
    }

    /** What TLS negotiated, or null while the connection is in plaintext. */
    public TlsInfo tls() {
        return tls;
    }

    /** STARTTLS is configured and TLS is not up yet. */
    boolean offersStartTls() {
        return tls == null && settings.tls().startTls();
    }

    /**
     * The TLS handshake succeeded. As RFC 3207 §4.2 requires, the session forgets what the client said
     * in plaintext (its EHLO name and any transaction) and expects a new EHLO. On an implicit-TLS
     * listener this comes before {@link #open(boolean)}. An {@code on: tls} rule may answer it.
     */
    public Outcome tlsStarted(TlsInfo info) {
        if (finished) {
            return Outcome.NONE;
        }
        tls = info;
        heloName = null;
        endTransaction();
        auth.forget(); // Postfix: a plaintext AUTH does not survive the handshake either
        log.tls(info);
        log.unauthenticated();
        if (!director.watches(Trigger.TLS)) {
            return Outcome.NONE;
        }
        Decision decision = director.decide(eventOf(Trigger.TLS).build());
        return decision == null ? Outcome.NONE : apply(new Step(null), decision);
    }

    /** The journal record this session writes to. */
    public SessionLog log() {
        return log;
    }

    /** The silences (ms) after which {@link #idle(long)} may answer, besides the idle timeout. */
    public long[] idleThresholds() {
        return director.idleThresholds();
    }

    /** A client connected; {@code overLimit} when it exceeds the concurrent connection limit. */
    public Outcome open(boolean overLimit) {
        if (overLimit) {
            return conclude(new Step(Replies.tooManyConnections(settings.hostname())), null);
        }
        Event event = director.watches(Trigger.CONNECT) ? eventOf(Trigger.CONNECT).build() : null;
        return conclude(new Step(Replies.greeting(settings.hostname())), event);
    }

    /**
     * A client connected that already has as many connections open as {@link Settings#maxConnectionsPerClient()}
     * allows: it gets Postfix's 421 naming its address, and the connection closes.
     */
    public Outcome refuseClient(String clientAddress) {
        return conclude(new Step(Replies.tooManyConnectionsFrom(settings.hostname(), clientAddress)), null);
    }

    /** A command line, or a SASL response after a 334 challenge; without its line ending. */
    public Outcome command(String line) {
        if (finished) {
            return Outcome.NONE;
        }
        if (inputMode == InputMode.SASL) {
            return AuthStep.response(this, line);
        }
        Command command = CommandParser.parse(line);
        log.command(command.verb() == Verb.AUTH ? AuthStep.masked(command) : line);
        return CommandStep.answer(this, command);
    }

    /** A command line, or SASL response, longer than the limit; its bytes were discarded. */
    public Outcome overlongCommand() {
        if (finished) {
            return Outcome.NONE;
        }
        if (inputMode == InputMode.SASL) {
            return AuthStep.overlongResponse(this);
        }
        log.command("(line longer than " + settings.maxCommandLine() + " octets)");
        return conclude(new Step(Replies.LINE_TOO_LONG), unknownEvent());
    }

    /** A command line that is not valid UTF-8. */
    public Outcome badEncoding(String lossyLine) {
        if (finished) {
            return Outcome.NONE;
        }
        if (inputMode == InputMode.SASL) {
            return AuthStep.undecodableResponse(this);
        }
        log.command(lossyLine);
        return conclude(new Step(Replies.BAD_UTF8), unknownEvent());
    }

    /**
     * A line of message content with its line ending, dot-stuffing intact.
     *
     * @param bare     whether it held a bare CR or LF
     * @param overlong whether it is a piece of a line longer than the text line limit
     */
    public Outcome content(byte[] line, boolean bare, boolean overlong) {
        Transaction tx = transaction;
        if (finished || inputMode != InputMode.CONTENT || tx == null) {
            return Outcome.NONE;
        }
        int offset = line.length > 0 && line[0] == '.' ? 1 : 0;
        int length = line.length - offset;
        long before = tx.contentBytes;
        tx.contentBytes += length;
        tx.bareLineEndings |= bare;
        tx.overlongLine |= overlong;
        if (tx.contentBytes > settings.maxMessageSize()) {
            tx.oversized = true;
            tx.content = null;
        } else if (tx.content != null && !tx.answered) {
            tx.content.write(line, offset, length);
        }
        if (tx.answered) {
            return Outcome.NONE;
        }
        Outcome outcome = contentRule(tx.contentBytes, before);
        if (outcome == null) {
            return Outcome.NONE;
        }
        tx.answered = true;
        tx.content = null;
        return outcome;
    }

    /**
     * The answer of a rule on {@code content} now that the message has {@code bytes} (it had
     * {@code before}); null when none answers.
     */
    Outcome contentRule(long bytes, long before) {
        if (!director.watches(Trigger.CONTENT)) {
            return null;
        }
        Decision decision = director.decide(outsideCommands(Trigger.CONTENT, bytes, before, 0, 0));
        return decision == null ? null : apply(new Step(null), decision);
    }

    /** For the edge while a BDAT chunk comes in: its announced size; 0 otherwise. */
    public long chunkBytes() {
        return chunk == null ? 0 : chunk.size;
    }

    /** Bytes of a BDAT chunk, as they came. */
    public Outcome chunk(byte[] bytes) {
        if (finished || inputMode != InputMode.CHUNK || chunk == null) {
            return Outcome.NONE;
        }
        return ChunkStep.data(this, chunk, bytes);
    }

    /** The last byte of a BDAT chunk came: its answer. */
    public Outcome endOfChunk() {
        if (finished || chunk == null) {
            return Outcome.NONE;
        }
        return ChunkStep.end(this, chunk);
    }

    /** The final dot of the message content. */
    public Outcome endOfData() {
        Transaction tx = transaction;
        if (finished || inputMode != InputMode.CONTENT || tx == null) {
            return Outcome.NONE;
        }
        inputMode = InputMode.COMMAND;
        transaction = null;
        transactionCounts.clear();
        if (tx.answered) {
            return Outcome.NONE;
        }
        Step step;
        if (tx.oversized) {
            step = new Step(Replies.SIZE_EXCEEDED); // its bytes were dropped as they came: nothing to store
        } else {
            String id = queueIds.next();
            Runnable store = () -> {
                messages++;
                log.message(id, tx.envelope(), tx.content.toByteArray(), tx.bareLineEndings);
            };
            step = new Step(tx.overlongLine ? Replies.TEXT_LINE_TOO_LONG : Replies.queued(id), store);
        }
        Event event = director.watches(Trigger.MESSAGE)
                ? eventOf(Trigger.MESSAGE, tx).content(tx.contentBytes, tx.contentBytes).oversized(tx.oversized).build()
                : null;
        return conclude(step, event);
    }

    /**
     * The connection has been silent for {@code idleMillis}; {@code previousMillis} is how long it had
     * been silent at the previous check of the same silence (0 for the first), so an idle rule fires
     * once per silence. The idle timeout comes first: no rule can keep a silent connection open.
     */
    public Outcome idle(long idleMillis) {
        return idle(idleMillis, 0);
    }

    public Outcome idle(long idleMillis, long previousMillis) {
        if (finished) {
            return Outcome.NONE;
        }
        if (idleMillis >= settings.idleTimeout().toMillis()) {
            return conclude(new Step(Replies.idleTimeout(settings.hostname())), null);
        }
        if (director.watches(Trigger.IDLE)) {
            Event event = outsideCommands(Trigger.IDLE, 0, 0, idleMillis, previousMillis);
            Decision decision = director.decide(event);
            if (decision != null) {
                return apply(new Step(null), decision);
            }
        }
        return Outcome.NONE;
    }

    /** The connection is gone, however it ended: the scenario stops counting it as open. Only the first call counts. */
    public void ended() {
        if (!ended) {
            ended = true;
            director.ended(connection);
        }
    }

    /** The server shuts down: an unsolicited 421 to the client. */
    public Outcome shutdown() {
        if (finished) {
            return Outcome.NONE;
        }
        return conclude(new Step(Replies.SHUTDOWN), null);
    }

    /** An unexpected failure while serving this session. */
    public Outcome internalError() {
        if (finished) {
            return Outcome.NONE;
        }
        return conclude(new Step(Replies.INTERNAL_ERROR), null);
    }

    // ---- used by CommandStep ----

    int count(Verb verb) {
        int session = sessionCounts.merge(verb, 1, Integer::sum);
        if (transaction != null) {
            transactionCounts.merge(verb, 1, Integer::sum);
        }
        return session;
    }

    int countInTransaction(Verb verb) {
        return transaction == null ? 0 : transactionCounts.getOrDefault(verb, 0);
    }

    /** The event of a command, with what the session knows filled in; the command adds its details. */
    Event.Builder commandEvent(Trigger trigger, int inSession, int inTransaction, String argument) {
        return eventOf(trigger).occurrence(inSession, inTransaction).argument(argument);
    }

    /** Transactions opened in this session so far. */
    int transactions() {
        return transactions;
    }

    /** An event of this session, with what the session knows filled in. */
    Event.Builder eventOf(Trigger trigger) {
        return eventOf(trigger, transaction);
    }

    /** An event of this session in the transaction given (the message's, once its final dot ended it). */
    private Event.Builder eventOf(Trigger trigger, Transaction tx) {
        Event.Builder event = Event.of(trigger).connection(connection).transaction(transactions).heloName(heloName)
                .messages(messages).tls(tls).clientAddress(clientAddress).authenticatedAs(auth.user());
        if (tx != null) {
            event.sender(tx.sender);
            if (trigger == Trigger.DATA || trigger == Trigger.MESSAGE || trigger == Trigger.BDAT) {
                event.recipients(tx.recipientAddresses());
            }
        }
        return event;
    }

    /** An undecodable or overlong line counts as an unknown command for the rules. */
    private Event unknownEvent() {
        int inSession = count(Verb.UNKNOWN);
        return watches(Trigger.UNKNOWN)
                ? commandEvent(Trigger.UNKNOWN, inSession, countInTransaction(Verb.UNKNOWN), "").malformed(true).build()
                : null;
    }

    /** An event of the content, the final dot or a silence: no command, no argument. */
    private Event outsideCommands(Trigger trigger, long contentBytes, long previousContentBytes, long idleMillis,
                                  long previousIdleMillis) {
        return eventOf(trigger).content(contentBytes, previousContentBytes).idle(idleMillis, previousIdleMillis)
                .build();
    }

    boolean watches(Trigger trigger) {
        return director.watches(trigger) || (trigger.isCommand() && director.watches(Trigger.ANY));
    }

    Transaction transaction() {
        return transaction;
    }

    AuthState auth() {
        return auth;
    }

    /** After a 334 the next line is a SASL response; after the attempt, commands again. */
    void expectSaslResponse(boolean on) {
        inputMode = on ? InputMode.SASL : InputMode.COMMAND;
    }

    /** The MAIL FROM / RCPT TO parser of the settings' syntax mode, which also words the replies to them. */
    static EnvelopeSyntax envelopeSyntax(Settings settings) {
        return switch (settings.syntax()) {
            case POSTFIX -> new PostfixEnvelopeParser(settings.hostname());
            case EXIM -> new EximEnvelopeParser(settings.hostname());
            case LENIENT, STRICT -> new EnvelopeParser(settings.syntax());
        };
    }

    EnvelopeSyntax envelopeParser() {
        return envelopeParser;
    }

    void greet(String name) {
        heloName = name;
        endTransaction();
    }

    void startTransaction(String sender, Map<String, String> parameters) {
        openTransaction(sender, parameters, Verb.MAIL);
    }

    private void openTransaction(String sender, Map<String, String> parameters, Verb by) {
        transaction = new Transaction(sender, parameters, auth.user());
        transactions++;
        transactionCounts.clear();
        transactionCounts.put(by, 1);
    }

    /**
     * A rule accepted a RCPT or a DATA that came before any MAIL: the command takes effect in a
     * transaction of the null sender, as if {@code MAIL FROM:<>} had come first.
     */
    private Transaction transactionFor(Verb verb) {
        if (transaction == null) {
            openTransaction("", Map.of(), verb);
        }
        return transaction;
    }

    void addRecipient(EnvelopeArgument recipient) {
        transactionFor(Verb.RCPT).recipients.add(new Recipient(recipient.address(), recipient.parameters()));
    }

    void startData() {
        transactionFor(Verb.DATA).startContent();
        inputMode = InputMode.CONTENT;
    }

    void endTransaction() {
        transaction = null;
        transactionCounts.clear();
        bdatFailed = false;
    }

    // ---- used by ChunkStep ----

    void startChunk(Chunk next) {
        chunk = next;
        inputMode = next.size > 0 ? InputMode.CHUNK : InputMode.COMMAND;
    }

    void endChunk() {
        chunk = null;
        inputMode = InputMode.COMMAND;
    }

    boolean bdatFailed() {
        return bdatFailed;
    }

    /** A refused or interrupted chunk: later chunks of the message are dropped; after the last, it is over. */
    void chunkRefused(boolean last) {
        if (last) {
            endTransaction();
        } else {
            bdatFailed = true;
        }
    }

    /** The bytes of the message taken so far. */
    long messageBytes() {
        return transaction == null ? 0 : transaction.contentBytes;
    }

    boolean oversized() {
        return transaction != null && transaction.oversized;
    }

    /** A chunk was accepted: its bytes join the message (a rule's 250 before MAIL opens one of the null sender). */
    void takeChunk(Chunk taken) {
        transactionFor(Verb.BDAT).takeChunk(taken.bytes.toByteArray(), taken.received, taken.overLimit);
    }

    String nextQueueId() {
        return queueIds.next();
    }

    void storeMessage(String id) {
        Transaction tx = transaction;
        messages++;
        byte[] raw = tx.content == null ? new byte[0] : tx.content.toByteArray();
        log.message(id, tx.envelope(), raw, Transaction.hasBareLineEnding(raw));
    }

    /** The event of the message a last chunk ends, when some rule listens. */
    Event messageEvent(long bytes, boolean over) {
        return director.watches(Trigger.MESSAGE)
                ? eventOf(Trigger.MESSAGE, transaction).content(bytes, bytes).oversized(over).build()
                : null;
    }

    /**
     * The answer to a chunk: a rule on {@code bdat} first, then for the last chunk one on {@code message};
     * what is counted as accepted is the message for the last chunk.
     */
    Outcome concludeChunk(Step step, Event bdat, Event message) {
        Decision decision = bdat == null ? null : director.decide(bdat);
        if (decision == null && message != null) {
            decision = director.decide(message);
        }
        return apply(step, decision == null ? DEFAULT : decision, message != null ? message : bdat);
    }

    /** Asks the director about the event, if any, and applies its decision or the default step. */
    Outcome conclude(Step step, Event event) {
        Decision decision = event == null ? null : director.decide(event);
        return apply(step, decision == null ? DEFAULT : decision, event);
    }

    private Outcome apply(Step step, Decision decision) {
        return apply(step, decision, null);
    }

    /** @param event what the director saw; told back to it when the command is accepted, so limits count it */
    private Outcome apply(Step step, Decision decision, Event event) {
        Reply reply = decision.silent() ? null : decision.reply() != null ? decision.reply() : step.reply();
        Then then = decision.then() != null ? decision.then() : step.then();
        if (decision.accept() || (reply != null && step.acceptedBy(reply))) {
            step.effect().run(); // also before a close or reset: "stored, then the connection dropped"
            if (event != null) {
                director.accepted(event);
            }
        }
        if (then == Then.START_TLS && (reply == null || reply.code() != 220)) {
            then = Then.CONTINUE; // a rule refused STARTTLS (454, 502...): no handshake follows
        }
        if (reply != null && reply.closesConnection() && then != Then.CLOSE_NOW) {
            then = Then.CLOSE; // RFC 5321 §3.8: a 421 always closes, whatever the rule said
        }
        if (then.endsSession()) {
            finished = true;
            inputMode = InputMode.COMMAND;
        }
        return new Outcome(reply, then, decision.delayMillis(), decision.rule(), decision.detail(),
                decision.injected());
    }
}
