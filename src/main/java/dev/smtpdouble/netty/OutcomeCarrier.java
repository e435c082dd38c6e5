package dev.smtpdouble.netty;

import dev.smtpdouble.journal.SessionEnd;
import dev.smtpdouble.journal.SessionLog;
import dev.smtpdouble.protocol.Replies;
import dev.smtpdouble.scenario.Then;
import dev.smtpdouble.session.Outcome;
import dev.smtpdouble.session.Session;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a session's outcomes on its connection: replies in order, a delayed reply as a task on
 * the event loop (never a blocking call) that holds the input back until it is out, and the ways a
 * session ends (with {@link ConnectionClose}): close after flush, half-close and drain, TCP reset, TLS
 * faults, a deliberate hang.
 * Confined to the connection's event loop.
 */
final class OutcomeCarrier {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeCarrier.class);

    private final Session session;
    private final SessionLog log;
    private final SmtpLineDecoder decoder;
    private final ConnectionSlot slot;
    private final IdleTimer idle;
    /** The server's TLS contexts; used only when the session starts TLS. */
    private final TlsContexts tls;
    /** Where a failure of a scheduled task goes: like a failure of a read. */
    private final Consumer<Throwable> failed;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> pending;
    private final ConnectionClose close;
    /** The session hangs on purpose; only the idle timeout ends it, silently, so nothing leaks. */
    private boolean hanging;
    /** How the session ended, once it has. */
    private SessionEnd endReason;

    OutcomeCarrier(Session session, SmtpLineDecoder decoder, ConnectionSlot slot, IdleTimer idle, TlsContexts tls,
                   Consumer<Throwable> failed) {
        this.session = session;
        this.log = session.log();
        this.decoder = decoder;
        this.slot = slot;
        this.idle = idle;
        this.tls = tls;
        this.failed = failed;
        this.close = new ConnectionClose(decoder);
    }

    void attach(ChannelHandlerContext context) {
        this.ctx = context;
        close.attach(context);
    }

    /** Whether a delayed reply is still to go out. */
    boolean waiting() {
        return pending != null;
    }

    boolean hanging() {
        return hanging;
    }

    /** Whether the session has ended, or is closing. */
    boolean over() {
        return endReason != null;
    }

    void perform(Outcome outcome) {
        if (outcome.isNone()) {
            return;
        }
        if (outcome.delayMillis() <= 0) {
            carryOut(outcome);
            return;
        }
        // Hold all further input until the delayed reply is out, so replies keep their order.
        holdInput();
        pending = ctx.executor().schedule(reporting(() -> {
            pending = null;
            carryOut(outcome);
            ctx.flush();
            idle.touch(); // the silence starts when the delayed answer is out
            releaseInput();
        }, failed), outcome.delayMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The server shuts down: an unsolicited 421, then the usual close. Also a session that hangs on
     * purpose or waits out a delay gets it.
     */
    void shutdown() {
        cancel(pending);
        pending = null;
        Outcome outcome = session.shutdown();
        if (outcome.isNone()) { // the session had decided to hang or to close after a delay
            hanging = false;
            outcome = new Outcome(Replies.SHUTDOWN, Then.CLOSE, 0, null);
        }
        carryOut(outcome);
        ctx.flush();
    }

    private void carryOut(Outcome outcome) {
        if (outcome.reply() != null) {
            log.reply(outcome.reply(), outcome.rule(), outcome.detail());
            ctx.write(outcome.reply());
        }
        if (outcome.injected() != null) { // a fault: a second reply in the same packet
            log.reply(outcome.injected(), outcome.rule());
            ctx.write(outcome.injected());
        }
        switch (outcome.then()) {
            case CONTINUE -> { }
            case QUIT -> {
                ended(SessionEnd.CLIENT_QUIT);
                close.afterFlush();
            }
            case CLOSE -> {
                ended(SessionEnd.SERVER_CLOSED);
                close.gracefully(session.settings().drainTimeout().toMillis());
            }
            case CLOSE_NOW -> {
                ended(SessionEnd.SERVER_CLOSED);
                close.afterFlush();
            }
            case RESET -> {
                ended(SessionEnd.SERVER_RESET);
                close.reset();
            }
            case START_TLS -> startTls();
            case TLS_RESET -> {
                ended(SessionEnd.SERVER_RESET);
                decoder.discardAll();
                TlsEdge.resetAfterReply(ctx);
            }
            case TLS_ALERT -> {
                ended(SessionEnd.SERVER_CLOSED);
                decoder.discardAll();
                TlsEdge.alertInsteadOfHandshake(ctx);
            }
            case HANG -> {
                hanging = true;
                decoder.discardAll();
                decoder.paused(false);
                ctx.channel().config().setAutoRead(true);
            }
        }
    }

    /**
     * After {@code 220 Ready to start TLS}: the reply leaves in plaintext, whatever the client sent
     * after STARTTLS is dropped unread, and the TLS handler goes first in the pipeline, so every byte
     * from now on is TLS.
     */
    private void startTls() {
        decoder.discardBuffered();
        try {
            TlsEdge.start(ctx, tls.newHandler(session.settings()));
        } catch (RuntimeException e) {
            LOG.warn("session {}: cannot start TLS: {}", log.id(), e.getMessage());
            log.tlsFailure("TLS not available: " + e.getMessage());
            ended(SessionEnd.SERVER_CLOSED);
            ctx.close();
        }
    }

    /** Stops decoding what is buffered and reading from the socket. */
    void holdInput() {
        decoder.paused(true);
        ctx.channel().config().setAutoRead(false);
    }

    /** Decodes and reads again, unless a delayed reply or a full outbound buffer still holds the input. */
    void releaseInput() {
        if (pending != null || session.isFinished() || hanging || !ctx.channel().isActive()
                || !ctx.channel().isWritable()) {
            return;
        }
        decoder.paused(false);
        ctx.channel().config().setAutoRead(true);
        ctx.pipeline().fireChannelRead(Unpooled.EMPTY_BUFFER); // what was held back in the decoder
        ctx.flush();
    }

    /**
     * The session is over: it stops counting against the connection limit and the scenario's
     * concurrency limits (a draining connection does not hold a slot), then the journal records the
     * end, so a test that waits for the end can reconnect at once.
     */
    void ended(SessionEnd how) {
        if (endReason == null) {
            endReason = how;
        }
        slot.release();
        session.ended();
        log.end(how);
    }

    /**
     * The connection is gone: every timer goes with it, since a scheduled task would keep this
     * session and its channel reachable until it fired, minutes later.
     */
    void cancelTimers() {
        cancel(pending);
        close.cancel();
    }

    /**
     * A task for the event loop that reports its failure like a failed read: a scheduled task's
     * exception would otherwise only fail its future, which nobody reads.
     */
    static Runnable reporting(Runnable task, Consumer<Throwable> failed) {
        return () -> {
            try {
                task.run();
            } catch (Throwable failure) {
                failed.accept(failure);
            }
        };
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
