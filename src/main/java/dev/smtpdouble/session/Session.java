package dev.smtpdouble.session;

import dev.smtpdouble.journal.Recipient;
import dev.smtpdouble.journal.SessionLog;
import dev.smtpdouble.protocol.Command;
import dev.smtpdouble.protocol.CommandParser;
import dev.smtpdouble.protocol.EnvelopeArgument;
import dev.smtpdouble.protocol.EnvelopeParser;
import dev.smtpdouble.protocol.EnvelopeSyntax;
import dev.smtpdouble.protocol.Replies;
import dev.smtpdouble.protocol.TlsInfo;
import dev.smtpdouble.protocol.Verb;
import dev.smtpdouble.protocol.exim.EximEnvelopeParser;
import dev.smtpdouble.protocol.postfix.PostfixEnvelopeParser;
import dev.smtpdouble.scenario.Director;
import dev.smtpdouble.scenario.Event;
import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.scenario.Trigger;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The SMTP state machine of one connection, without I/O: it takes connection events, command lines
 * and message content, and returns what to do as an {@link Outcome}. The default behaviour is a
 * correct MTA that stores mail; the {@link Director} (the scenario) may override any answer.
 * Not thread-safe: one session belongs to one connection's event loop.
 */
public final class Session {

    private final Settings settings;
    private final Director director;
    private final Arbiter arbiter;
    private final SessionLog log;
    private final int connection;
    private final QueueIds queueIds;
    private final EnvelopeSyntax envelopeParser;
    private final Clock clock;
    /** The client's IP address, or null when unknown. */
    private final String clientAddress;
    private boolean ended;
    private final MailTransactions mail = new MailTransactions();
    private final AuthState auth = new AuthState();
    private final SecretMask secretMask = new SecretMask();
    private String heloName;
    /** Messages accepted in this session. */
    private int messages;
    private InputMode inputMode = InputMode.COMMAND;
    private boolean finished;
    /** The BDAT chunk whose bytes are coming in, or null. */
    private Chunk chunk;
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
        this.arbiter = new Arbiter(director);
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
        return EhloKeywords.of(settings, encrypted());
    }

    /** Whether TLS protects the connection. */
    boolean encrypted() {
        return tls != null;
    }

    /** What TLS negotiated, or null while the connection is in plaintext. */
    public TlsInfo tls() {
        return tls;
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
        Outcome outcome = ruleOnly(eventOf(Trigger.TLS).build());
        return outcome == null ? Outcome.NONE : outcome;
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
        return conclude(new Step(StandingReplies.greeting(settings)), event);
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
        log.command(secretMask.command(line, command.verb() != Verb.UNKNOWN));
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
        log.command(secretMask.undecodable(lossyLine));
        return conclude(new Step(Replies.BAD_UTF8), unknownEvent());
    }

    /**
     * A line of message content with its line ending, dot-stuffing intact.
     *
     * @param bare     whether it held a bare CR or LF
     * @param overlong whether it is a piece of a line longer than the text line limit
     */
    public Outcome content(byte[] line, boolean bare, boolean overlong) {
        Transaction tx = mail.current();
        if (finished || inputMode != InputMode.CONTENT || tx == null) {
            return Outcome.NONE;
        }
        return ContentStep.line(this, tx, line, bare, overlong);
    }

    /**
     * The answer of a rule on {@code content} now that the message has {@code bytes} (it had
     * {@code before}); null when none answers.
     */
    Outcome contentRule(long bytes, long before) {
        if (!director.watches(Trigger.CONTENT)) {
            return null;
        }
        return ruleOnly(outsideCommands(Trigger.CONTENT, bytes, before, 0, 0));
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
        Transaction tx = mail.current();
        if (finished || inputMode != InputMode.CONTENT || tx == null) {
            return Outcome.NONE;
        }
        inputMode = InputMode.COMMAND;
        mail.dataEnded();
        return ContentStep.end(this, tx);
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
            Outcome outcome = ruleOnly(outsideCommands(Trigger.IDLE, 0, 0, idleMillis, previousMillis));
            if (outcome != null) {
                return outcome;
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

    /** The event of a command, with what the session knows filled in; the command adds its details. */
    Event.Builder commandEvent(Trigger trigger, int inSession, int inTransaction, String argument) {
        return eventOf(trigger).occurrence(inSession, inTransaction).argument(argument);
    }

    /** An event of this session, with what the session knows filled in. */
    Event.Builder eventOf(Trigger trigger) {
        return eventOf(trigger, mail.current());
    }

    /** An event of this session in the transaction given (the message's, once its final dot ended it). */
    private Event.Builder eventOf(Trigger trigger, Transaction tx) {
        Event.Builder event = Event.of(trigger).connection(connection).transaction(mail.opened()).heloName(heloName)
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
        int inSession = mail.count(Verb.UNKNOWN);
        return watches(Trigger.UNKNOWN)
                ? commandEvent(Trigger.UNKNOWN, inSession, mail.countInTransaction(Verb.UNKNOWN), "").malformed(true).build()
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
        return mail.current();
    }

    /** The session's transactions and command counts. */
    MailTransactions mail() {
        return mail;
    }

    AuthState auth() {
        return auth;
    }

    /** What the transcript keeps of the client's lines. */
    SecretMask secretMask() {
        return secretMask;
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
        mail.open(sender, parameters, auth.user(), Verb.MAIL);
    }

    void addRecipient(EnvelopeArgument recipient) {
        mail.openFor(Verb.RCPT, auth.user()).recipients.add(new Recipient(recipient.address(), recipient.parameters()));
    }

    void startData() {
        mail.openFor(Verb.DATA, auth.user()).startContent();
        inputMode = InputMode.CONTENT;
    }

    void endTransaction() {
        mail.end();
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

    /** A chunk was accepted: its bytes join the message (a rule's 250 before MAIL opens one of the null sender). */
    void takeChunk(Chunk taken) {
        mail.openFor(Verb.BDAT, auth.user()).takeChunk(taken.bytes.toByteArray(), taken.received, taken.overLimit);
    }

    String nextQueueId() {
        return queueIds.next();
    }

    /** Stores the open transaction's message, taken by BDAT. */
    void storeMessage(String id) {
        Transaction tx = mail.current();
        byte[] raw = tx.content == null ? new byte[0] : tx.content.toByteArray();
        stored(id, tx, raw, Transaction.hasBareLineEnding(raw));
    }

    void stored(String id, Transaction tx, byte[] raw, boolean bareLineEndings) {
        messages++;
        log.message(id, tx.envelope(), raw, bareLineEndings);
    }

    /** The event of the message the transaction's end completes, when some rule listens. */
    Event messageEvent(Transaction tx, long bytes, boolean over) {
        return director.watches(Trigger.MESSAGE)
                ? eventOf(Trigger.MESSAGE, tx).content(bytes, bytes).oversized(over).build()
                : null;
    }

    /** The answer to a chunk: see {@link Arbiter#concludeChunk}. */
    Outcome concludeChunk(Step step, Event bdat, Event message) {
        return settle(arbiter.concludeChunk(step, bdat, message));
    }

    /** Asks the director about the event, if any, and applies its decision or the default step. */
    Outcome conclude(Step step, Event event) {
        return settle(arbiter.conclude(step, event));
    }

    /** A rule's answer to an event no default answers; null when none answers. */
    private Outcome ruleOnly(Event event) {
        Outcome outcome = arbiter.ruleOnly(event);
        return outcome == null ? null : settle(outcome);
    }

    /** An outcome that ends the session leaves nothing more to answer. */
    private Outcome settle(Outcome outcome) {
        if (outcome.then().endsSession()) {
            finished = true;
            inputMode = InputMode.COMMAND;
        }
        return outcome;
    }
}
