package dev.smtpdouble.netty;

import dev.smtpdouble.journal.SessionEnd;
import dev.smtpdouble.journal.SessionLog;
import dev.smtpdouble.session.Outcome;
import dev.smtpdouble.session.Session;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
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
    private final SilenceWatch silence;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> pending;
    private ScheduledFuture<?> silenceCheck;
    private long lastActivity;
    private long lastQuietChecked;
    private boolean counted;
    /** The session hangs on purpose; only the idle timeout ends it, silently, so nothing leaks. */
    private boolean hanging;

    SmtpSessionHandler(Session session, SmtpLineDecoder decoder, AtomicInteger activeConnections) {
        this.session = session;
        this.log = session.log();
        this.decoder = decoder;
        this.activeConnections = activeConnections;
        this.silence = new SilenceWatch(session.idleThresholds(), session.settings().idleTimeout().toMillis());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        counted = true;
        boolean overLimit = activeConnections.incrementAndGet() > session.settings().maxConnections();
        touch();
        perform(guarded(() -> session.open(overLimit)));
        ctx.flush();
        scheduleSilenceCheck(silence.untilNext(0));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        touch();
        Outcome outcome = guarded(() -> dispatch((InboundLine) msg));
        decoder.content(session.expectsContent());
        perform(outcome);
    }

    private Outcome dispatch(InboundLine line) {
        if (line instanceof InboundLine.ContentLine content) {
            return session.content(content.bytes(), content.bare(), content.overlong());
        } else if (line instanceof InboundLine.CommandLine command) {
            return session.command(command.text());
        } else if (line instanceof InboundLine.EndOfData) {
            return session.endOfData();
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

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel(pending);
        cancel(silenceCheck);
        ended(SessionEnd.CLIENT_CLOSED);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause.getCause() instanceof IOException) {
            ctx.close(); // the client reset or vanished; channelInactive records it
            return;
        }
        LOG.warn("unexpected error in session {}, closing it with 421", log.id(), cause);
        perform(session.internalError());
        ctx.flush();
    }

    /** The server shuts down: an unsolicited 421, then the usual close. Runs on the event loop. */
    void shutdown() {
        if (ctx == null) {
            return; // not active yet: nothing was said, the server's close ends it
        }
        cancel(pending);
        pending = null;
        perform(session.shutdown());
        ctx.flush();
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
        decoder.paused(true);
        ctx.channel().config().setAutoRead(false);
        pending = ctx.executor().schedule(() -> {
            pending = null;
            carryOut(outcome);
            ctx.flush();
            if (!session.isFinished()) {
                decoder.paused(false);
                ctx.channel().config().setAutoRead(true);
                ctx.pipeline().fireChannelRead(Unpooled.EMPTY_BUFFER);
                ctx.flush();
            }
        }, outcome.delayMillis(), TimeUnit.MILLISECONDS);
    }

    private void carryOut(Outcome outcome) {
        if (outcome.reply() != null) {
            log.reply(outcome.reply(), outcome.rule());
            ctx.write(outcome.reply());
            touch();
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
            case HANG -> {
                hanging = true;
                decoder.discardAll();
                decoder.paused(false);
                ctx.channel().config().setAutoRead(true);
            }
        }
    }

    /**
     * The session is over: it stops counting against the connection limit (a draining connection
     * does not hold a slot), then the journal records the end, so a test that waits for the end can
     * reconnect at once.
     */
    private void ended(SessionEnd how) {
        if (counted) {
            counted = false;
            activeConnections.decrementAndGet();
        }
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
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(future -> {
            if (ctx.channel() instanceof SocketChannel socket && socket.isActive()) {
                socket.shutdownOutput();
            }
            long drain = session.settings().drainTimeout().toMillis();
            ctx.executor().schedule(() -> {
                ctx.close();
            }, drain, TimeUnit.MILLISECONDS);
        });
    }

    private void touch() {
        lastActivity = ctx.executor().ticker().nanoTime();
        if (lastQuietChecked > 0) {
            // A threshold had passed, so the pending check may aim at a later one: aim at the first again.
            lastQuietChecked = 0;
            cancel(silenceCheck);
            scheduleSilenceCheck(silence.untilNext(0));
        }
    }

    private void scheduleSilenceCheck(long delayMillis) {
        if (delayMillis >= 0) {
            silenceCheck = ctx.executor().schedule(this::checkSilence, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void checkSilence() {
        silenceCheck = null;
        long quiet = TimeUnit.NANOSECONDS.toMillis(ctx.executor().ticker().nanoTime() - lastActivity);
        long timeout = session.settings().idleTimeout().toMillis();
        if (hanging && ctx.channel().isActive()) {
            if (quiet >= timeout) {
                ctx.close();
            } else {
                scheduleSilenceCheck(timeout - quiet);
            }
            return;
        }
        if (session.isFinished() || !ctx.channel().isActive()) {
            return;
        }
        if (pending == null && silence.crossed(lastQuietChecked, quiet)) {
            lastQuietChecked = quiet;
            perform(guarded(() -> session.idle(quiet)));
            ctx.flush();
        }
        scheduleSilenceCheck(silence.untilNext(Math.max(quiet, lastQuietChecked)));
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
