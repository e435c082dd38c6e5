package dev.smtpdouble.netty;

import dev.smtpdouble.journal.SessionEnd;
import dev.smtpdouble.journal.SessionLog;
import dev.smtpdouble.protocol.TlsInfo;
import dev.smtpdouble.session.Outcome;
import dev.smtpdouble.session.Session;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one connection's {@link Session} with decoded lines, TLS handshakes and silences, and hands
 * its outcomes to the {@link OutcomeCarrier}. Replies are written as they come and flushed once per
 * read, so a pipelined batch leaves in one segment.
 */
final class SmtpSessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSessionHandler.class);

    private final Session session;
    private final SessionLog log;
    private final SmtpLineDecoder decoder;
    private final ConnectionSlot slot;
    private final IdleTimer idle;
    private final OutcomeCarrier carrier;
    /** An implicit-TLS listener: the greeting waits for the handshake. */
    private final boolean implicitTls;
    private ChannelHandlerContext ctx;

    SmtpSessionHandler(Session session, SmtpLineDecoder decoder, AtomicInteger activeConnections, TlsContexts tls,
                       boolean implicitTls) {
        this(session, decoder, activeConnections, new ClientConnections(), tls, implicitTls);
    }

    SmtpSessionHandler(Session session, SmtpLineDecoder decoder, AtomicInteger activeConnections,
                       ClientConnections clientConnections, TlsContexts tls, boolean implicitTls) {
        this.session = session;
        this.implicitTls = implicitTls;
        this.log = session.log();
        this.decoder = decoder;
        this.slot = new ConnectionSlot(activeConnections, clientConnections);
        SilenceWatch silence = new SilenceWatch(session.idleThresholds(), session.settings().idleTimeout().toMillis());
        this.idle = new IdleTimer(silence, session.clock(), OutcomeCarrier.reporting(this::checkSilence, this::failed));
        this.carrier = new OutcomeCarrier(session, decoder, slot, idle, tls, this::failed);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        carrier.attach(ctx);
        idle.start(ctx.executor());
        slot.take(ctx.channel(), session.settings().maxConnections(), session.settings().maxConnectionsPerClient());
        idle.touch(); // schedules the first silence check
        if (!implicitTls) { // on an implicit-TLS listener the greeting follows the handshake
            carrier.perform(guarded(this::greet));
            ctx.flush();
        }
    }

    /** The greeting, or the 421 of a connection over the server's or the client's limit. */
    private Outcome greet() {
        return slot.overClientLimitOnly() ? session.refuseClient(slot.clientAddress())
                : session.open(slot.overServerLimit());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                handshakeDone();
            } else {
                tlsFailed(done.cause());
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    /** TLS is up: the session learns what was negotiated; on an implicit listener the greeting follows. */
    private void handshakeDone() {
        idle.touch();
        TlsInfo info = TlsEdge.negotiated(ctx, implicitTls);
        Outcome outcome = guarded(() -> session.tlsStarted(info));
        if (implicitTls && outcome.isNone()) {
            outcome = guarded(this::greet);
        }
        carrier.perform(outcome);
        ctx.flush();
    }

    /** A handshake failed or a TLS record was bad: the journal says why, the connection closes. */
    private void tlsFailed(Throwable cause) {
        log.tlsFailure(TlsEdge.describe(cause));
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        idle.touch();
        Outcome outcome = guarded(() -> ((InboundLine) msg).feedTo(session));
        decoder.mode(session.inputMode(), session.chunkBytes());
        carrier.perform(outcome);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    /**
     * Back-pressure: a client that sends faster than it reads its replies (pipelining without
     * reading, say) fills the outbound buffer. Past its high-water mark, input is held where it is —
     * the rest of a batch stays undecoded, the socket unread, so TCP slows the client down — and
     * taken up again below the low-water mark.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!session.isFinished() && !carrier.hanging()) {
            if (ctx.channel().isWritable()) {
                ctx.executor().execute(carrier::releaseInput); // not from inside the flush that freed the buffer
            } else {
                carrier.holdInput();
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        carrier.cancelTimers();
        idle.cancel();
        carrier.ended(SessionEnd.CLIENT_CLOSED);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof VirtualMachineError fatal) {
            // Out of memory or stack: this process can no longer be trusted to serve. Netty would log it
            // and go on; the thread's uncaught-exception handler decides instead (the standalone server
            // exits so that a supervisor restarts it; in a test JVM it is reported).
            ctx.close();
            Thread thread = Thread.currentThread();
            thread.getUncaughtExceptionHandler().uncaughtException(thread, fatal);
            return;
        }
        if (TlsEdge.isTlsProblem(cause)) {
            tlsFailed(cause);
            return;
        }
        if (cause instanceof IOException || cause.getCause() instanceof IOException) {
            ctx.close(); // the client reset or vanished; channelInactive records it
            return;
        }
        LOG.warn("unexpected error in session {}, closing it with 421", log.id(), cause);
        carrier.perform(session.internalError());
        ctx.flush();
    }

    /** A scheduled task of this connection failed: handled like a failed read. */
    private void failed(Throwable cause) {
        exceptionCaught(ctx, cause);
    }

    /**
     * The server shuts down: an unsolicited 421, then the usual close. Also a session that hangs on
     * purpose or waits out a delay gets it; one already closing does not. Runs on the event loop.
     */
    void shutdown() {
        if (ctx == null || carrier.over()) {
            return; // not active yet, or already closing
        }
        carrier.shutdown();
    }

    /** The server closes every connection now (after its drain time): recorded as a server close. */
    void closeByServer() {
        if (ctx != null) {
            carrier.ended(SessionEnd.SERVER_CLOSED);
            ctx.close();
        }
    }

    private Outcome guarded(Supplier<Outcome> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            LOG.warn("unexpected error in session {}, closing it with 421", log.id(), e);
            return session.internalError();
        }
    }

    /**
     * Asks the session at each threshold the silence crosses: the scenario's idle rules, then the
     * idle timeout. An unsolicited reply does not restart the silence, so a rule that answers and
     * stays open cannot keep the timeout away.
     */
    private void checkSilence() {
        idle.checking();
        if (!ctx.channel().isActive()) {
            return;
        }
        long quiet = idle.quietMillis();
        long timeout = session.settings().idleTimeout().toMillis();
        if (carrier.hanging()) {
            if (quiet >= timeout) {
                carrier.ended(SessionEnd.SERVER_CLOSED);
                ctx.close();
            } else {
                idle.checkIn(timeout - quiet);
            }
            return;
        }
        if (session.isFinished()) {
            return;
        }
        long previous = carrier.waiting() ? -1 : idle.crossed(quiet);
        if (previous >= 0) {
            carrier.perform(guarded(() -> session.idle(quiet, previous)));
            ctx.flush();
        }
        idle.checkIn(idle.untilNext(quiet));
    }

    /** The server's clock moved: check the silence now instead of at the next scheduled check. */
    void checkSilenceNow() {
        if (ctx == null || carrier.over()) {
            return;
        }
        idle.cancel();
        checkSilence();
    }
}
