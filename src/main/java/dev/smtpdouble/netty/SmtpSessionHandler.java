package dev.smtpdouble.netty;

import dev.smtpdouble.journal.SessionEnd;
import dev.smtpdouble.journal.SessionLog;
import dev.smtpdouble.protocol.Replies;
import dev.smtpdouble.protocol.TlsInfo;
import dev.smtpdouble.scenario.Then;
import dev.smtpdouble.session.Outcome;
import dev.smtpdouble.session.Session;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one connection's {@link Session} with decoded lines and carries out its outcomes on the
 * event loop: replies in order, delays as scheduled tasks (never a blocking call), and the ways a
 * session ends. Replies are written as they come and flushed once per read, so a pipelined batch
 * leaves in one segment.
 */
final class SmtpSessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSessionHandler.class);

    private final Session session;
    private final SessionLog log;
    private final SmtpLineDecoder decoder;
    private final AtomicInteger activeConnections;
    private final ClientConnections clientConnections;
    /** The client's address while it counts against the per-client limit; null when it does not. */
    private InetAddress client;
    private final SilenceWatch silence;
    /** The server's TLS contexts; used only when the session starts TLS. */
    private final TlsContexts tls;
    /** An implicit-TLS listener: the greeting waits for the handshake. */
    private final boolean implicitTls;
    /** Whether this connection exceeded the connection limit when it arrived (answered after an implicit handshake). */
    private boolean overLimit;
    /** Whether its client address had as many connections as the per-client limit allows when it arrived. */
    private boolean clientOverLimit;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> pending;
    private ScheduledFuture<?> silenceCheck;
    /** Closes a half-closed connection when the client does not hang up within the drain time. */
    private ScheduledFuture<?> drainClose;
    /** When the pending silence check runs, on the event loop's ticker. */
    private long silenceDue;
    private long lastActivity;
    /** The last activity on the server's clock, which a test may move forward. */
    private long lastActivityOnClock;
    private long lastQuietChecked;
    private boolean counted;
    /** The session hangs on purpose; only the idle timeout ends it, silently, so nothing leaks. */
    private boolean hanging;
    /** How the session ended, once it has. */
    private SessionEnd endReason;

    SmtpSessionHandler(Session session, SmtpLineDecoder decoder, AtomicInteger activeConnections, TlsContexts tls,
                       boolean implicitTls) {
        this(session, decoder, activeConnections, new ClientConnections(), tls, implicitTls);
    }

    SmtpSessionHandler(Session session, SmtpLineDecoder decoder, AtomicInteger activeConnections,
                       ClientConnections clientConnections, TlsContexts tls, boolean implicitTls) {
        this.session = session;
        this.tls = tls;
        this.implicitTls = implicitTls;
        this.log = session.log();
        this.decoder = decoder;
        this.activeConnections = activeConnections;
        this.clientConnections = clientConnections;
        this.silence = new SilenceWatch(session.idleThresholds(), session.settings().idleTimeout().toMillis());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        counted = true;
        overLimit = activeConnections.incrementAndGet() > session.settings().maxConnections();
        int perClientLimit = session.settings().maxConnectionsPerClient();
        clientOverLimit = perClientLimit > 0 && countClient() > perClientLimit;
        touch(); // schedules the first silence check
        if (!implicitTls) { // on an implicit-TLS listener the greeting follows the handshake
            perform(guarded(this::greet));
            ctx.flush();
        }
    }

    /** The greeting, or the 421 of a connection over the server's or the client's limit. */
    private Outcome greet() {
        return clientOverLimit && !overLimit ? session.refuseClient(client.getHostAddress()) : session.open(overLimit);
    }

    /** Counts this connection for its client address; returns how many the address has open. */
    private int countClient() {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
            client = remote.getAddress();
            return clientConnections.opened(client);
        }
        return 0;
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
        touch();
        TlsInfo info = TlsEdge.negotiated(ctx, implicitTls);
        Outcome outcome = guarded(() -> session.tlsStarted(info));
        if (implicitTls && outcome.isNone()) {
            outcome = guarded(this::greet);
        }
        perform(outcome);
        ctx.flush();
    }

    /** A handshake failed or a TLS record was bad: the journal says why, the connection closes. */
    private void tlsFailed(Throwable cause) {
        log.tlsFailure(TlsEdge.describe(cause));
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        touch();
        Outcome outcome = guarded(() -> dispatch((InboundLine) msg));
        decoder.mode(session.inputMode(), session.chunkBytes());
        perform(outcome);
    }

    private Outcome dispatch(InboundLine line) {
        if (line instanceof InboundLine.ContentLine content) {
            return session.content(content.bytes(), content.bare(), content.overlong());
        } else if (line instanceof InboundLine.CommandLine command) {
            return session.command(command.text());
        } else if (line instanceof InboundLine.EndOfData) {
            return session.endOfData();
        } else if (line instanceof InboundLine.ChunkData chunk) {
            return session.chunk(chunk.bytes());
        } else if (line instanceof InboundLine.EndOfChunk) {
            return session.endOfChunk();
        } else if (line instanceof InboundLine.BadEncoding bad) {
            return session.badEncoding(bad.lossyText());
        } else {
            return session.overlongCommand();
        }
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
        if (!session.isFinished() && !hanging) {
            if (ctx.channel().isWritable()) {
                ctx.executor().execute(this::releaseInput); // not from inside the flush that freed the buffer
            } else {
                holdInput();
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** Stops decoding what is buffered and reading from the socket. */
    private void holdInput() {
        decoder.paused(true);
        ctx.channel().config().setAutoRead(false);
    }

    /** Decodes and reads again, unless a delayed reply or a full outbound buffer still holds the input. */
    private void releaseInput() {
        if (pending != null || session.isFinished() || hanging || !ctx.channel().isActive()
                || !ctx.channel().isWritable()) {
            return;
        }
        decoder.paused(false);
        ctx.channel().config().setAutoRead(true);
        ctx.pipeline().fireChannelRead(Unpooled.EMPTY_BUFFER); // what was held back in the decoder
        ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Every timer goes with the connection: a scheduled task would keep this handler, its session
        // and its channel reachable until it fired, minutes later.
        cancel(pending);
        cancel(silenceCheck);
        cancel(drainClose);
        ended(SessionEnd.CLIENT_CLOSED);
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
        perform(session.internalError());
        ctx.flush();
    }

    /**
     * The server shuts down: an unsolicited 421, then the usual close. Also a session that hangs on
     * purpose or waits out a delay gets it; one already closing does not. Runs on the event loop.
     */
    void shutdown() {
        if (ctx == null || endReason != null) {
            return; // not active yet, or already closing
        }
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

    /** The server closes every connection now (after its drain time): recorded as a server close. */
    void closeByServer() {
        if (ctx != null) {
            ended(SessionEnd.SERVER_CLOSED);
            ctx.close();
        }
    }

    private Outcome guarded(java.util.function.Supplier<Outcome> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            LOG.warn("unexpected error in session {}, closing it with 421", log.id(), e);
            return session.internalError();
        }
    }

    private void perform(Outcome outcome) {
        if (outcome.isNone()) {
            return;
        }
        if (outcome.delayMillis() <= 0) {
            carryOut(outcome);
            return;
        }
        // Hold all further input until the delayed reply is out, so replies keep their order.
        holdInput();
        pending = ctx.executor().schedule(onLoop(() -> {
            pending = null;
            carryOut(outcome);
            ctx.flush();
            touch(); // the silence starts when the delayed answer is out
            releaseInput();
        }), outcome.delayMillis(), TimeUnit.MILLISECONDS);
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
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            case CLOSE -> {
                ended(SessionEnd.SERVER_CLOSED);
                closeGracefully();
            }
            case CLOSE_NOW -> {
                ended(SessionEnd.SERVER_CLOSED);
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            case RESET -> {
                ended(SessionEnd.SERVER_RESET);
                decoder.discardAll();
                ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                ctx.close();
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

    /**
     * The session is over: it stops counting against the connection limit and the scenario's
     * concurrency limits (a draining connection does not hold a slot), then the journal records the
     * end, so a test that waits for the end can reconnect at once.
     */
    private void ended(SessionEnd how) {
        if (endReason == null) {
            endReason = how;
        }
        if (counted) {
            counted = false;
            activeConnections.decrementAndGet();
            if (client != null) {
                clientConnections.closed(client);
            }
        }
        session.ended();
        log.end(how);
    }

    /**
     * Flush, half-close (FIN), then read and discard what the client still sends until it closes or
     * the drain timeout passes. Closing outright would race with the client's next write and turn
     * the 421 into a connection reset on the client's side.
     */
    private void closeGracefully() {
        decoder.discardAll();
        decoder.paused(false);
        ctx.channel().config().setAutoRead(true);
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(future -> {
            if (ssl != null && ssl.handshakeFuture().isSuccess()) {
                ssl.closeOutbound(); // close_notify before the FIN, as TLS clients expect
            }
            if (ctx.channel() instanceof SocketChannel socket && socket.isActive()) {
                socket.shutdownOutput();
            }
            if (ctx.channel().isActive()) {
                long drain = session.settings().drainTimeout().toMillis();
                drainClose = ctx.executor().schedule(() -> {
                    ctx.close();
                }, drain, TimeUnit.MILLISECONDS);
            }
        });
    }

    /**
     * Client input (or a delayed answer to it): the silence starts now. The pending check is moved
     * only when it aims later than the first threshold from now, so most calls just store a time.
     */
    private void touch() {
        lastActivity = ctx.executor().ticker().nanoTime();
        lastActivityOnClock = session.clock().millis();
        lastQuietChecked = 0;
        long first = silence.untilNext(0);
        if (first >= 0 && (silenceCheck == null || silenceDue > lastActivity + TimeUnit.MILLISECONDS.toNanos(first))) {
            cancel(silenceCheck);
            scheduleSilenceCheck(first);
        }
    }

    private void scheduleSilenceCheck(long delayMillis) {
        if (delayMillis >= 0) {
            silenceDue = ctx.executor().ticker().nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
            silenceCheck = ctx.executor().schedule(onLoop(this::checkSilence), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Asks the session at each threshold the silence crosses: the scenario's idle rules, then the
     * idle timeout. An unsolicited reply does not restart the silence, so a rule that answers and
     * stays open cannot keep the timeout away.
     */
    private void checkSilence() {
        silenceCheck = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        long quiet = quietMillis();
        long timeout = session.settings().idleTimeout().toMillis();
        if (hanging) {
            if (quiet >= timeout) {
                ended(SessionEnd.SERVER_CLOSED);
                ctx.close();
            } else {
                scheduleSilenceCheck(timeout - quiet);
            }
            return;
        }
        if (session.isFinished()) {
            return;
        }
        if (pending == null && silence.crossed(lastQuietChecked, quiet)) {
            long previous = lastQuietChecked;
            lastQuietChecked = quiet;
            perform(guarded(() -> session.idle(quiet, previous)));
            ctx.flush();
        }
        scheduleSilenceCheck(silence.untilNext(Math.max(quiet, lastQuietChecked)));
    }

    /** The server's clock moved: check the silence now instead of at the next scheduled check. */
    void checkSilenceNow() {
        if (ctx == null || endReason != null) {
            return;
        }
        cancel(silenceCheck);
        checkSilence();
    }

    /**
     * How long the connection has been silent: in real time, or on the server's clock if a test moved
     * that further (a wall clock keeps pace with real time, so then the ticker decides).
     */
    private long quietMillis() {
        long real = TimeUnit.NANOSECONDS.toMillis(ctx.executor().ticker().nanoTime() - lastActivity);
        return Math.max(real, session.clock().millis() - lastActivityOnClock);
    }

    /**
     * A task for the event loop that reports its failure like a failed read: a scheduled task's
     * exception would otherwise only fail its future, which nobody reads.
     */
    private Runnable onLoop(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable failure) {
                exceptionCaught(ctx, failure);
            }
        };
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
