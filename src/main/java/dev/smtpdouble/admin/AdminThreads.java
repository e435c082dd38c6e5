package dev.smtpdouble.admin;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The admin API's threads: one per request in progress, at most {@link #MAX_REQUESTS} at once, and a
 * watchdog that ends a request whose client keeps a read or a write waiting longer than the timeout.
 *
 * <p>The JDK server reads the request head on the executor's thread, blocking and without a time
 * limit, so a pool of a few threads is held by as many clients that send half a request line; its
 * own limits are JVM-wide system properties, which a library must leave to the application. A
 * blocking read or write on a socket channel ends when its thread is interrupted, and the JDK server
 * then closes the connection: that is how the watchdog ends a stalled request.
 */
final class AdminThreads implements Executor, AutoCloseable {

    /** Requests served at once; the JDK server closes a connection beyond that at once. */
    static final int MAX_REQUESTS = 64;

    private static final ThreadLocal<Watch> CURRENT = new ThreadLocal<>();

    private final long timeoutNanos;
    private final Set<Watch> running = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService watchdog;

    AdminThreads(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        AtomicInteger names = new AtomicInteger();
        // no queue: a request either has a thread at once or its connection is closed
        this.pool = new ThreadPoolExecutor(0, MAX_REQUESTS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "smtp-double-admin-" + names.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "smtp-double-admin-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        this.watchdog = scheduler;
        long tick = Math.max(10, Math.min(250, timeout.toMillis() / 10));
        watchdog.scheduleWithFixedDelay(this::expire, tick, tick, TimeUnit.MILLISECONDS);
    }

    @Override
    public void execute(Runnable exchange) {
        pool.execute(() -> {
            Watch watch = new Watch(Thread.currentThread(), timeoutNanos);
            CURRENT.set(watch);
            running.add(watch);
            watch.arm(); // the JDK server reads the request head first
            try {
                exchange.run();
            } finally {
                running.remove(watch);
                CURRENT.remove();
                watch.finish();
            }
        });
    }

    /** Called when the handler starts: the request head has arrived in time. */
    static void handling() throws IOException {
        Watch watch = CURRENT.get();
        if (watch != null) {
            watch.disarm();
        }
    }

    /** Reads that wait for the client at most the timeout each. */
    static InputStream timed(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return io(() -> super.read(buffer, offset, length));
            }

            @Override
            public int read() throws IOException {
                return io(super::read);
            }

            /** Closing reads what is left of the request body (up to 64 KiB): a wait for the client too. */
            @Override
            public void close() throws IOException {
                io(() -> {
                    in.close();
                    return 0;
                });
            }
        };
    }

    /** Writes that wait for the client at most the timeout each. */
    static OutputStream timed(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                io(() -> {
                    out.write(bytes, offset, length);
                    return 0;
                });
            }

            @Override
            public void write(int b) throws IOException {
                io(() -> {
                    out.write(b);
                    return 0;
                });
            }

            @Override
            public void flush() throws IOException {
                io(() -> {
                    out.flush();
                    return 0;
                });
            }

            @Override
            public void close() throws IOException {
                io(() -> {
                    out.close();
                    return 0;
                });
            }
        };
    }

    /** One blocking exchange with the client, bounded by the timeout. */
    interface Io {
        int run() throws IOException;
    }

    static int io(Io action) throws IOException {
        Watch watch = CURRENT.get();
        if (watch == null) {
            return action.run();
        }
        watch.arm();
        try {
            return action.run();
        } finally {
            watch.disarm();
        }
    }

    private void expire() {
        long now = System.nanoTime();
        running.forEach(watch -> watch.expire(now));
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        pool.shutdownNow();
    }

    /** One request's thread and, while it waits for the client, when that wait ends. */
    private static final class Watch {
        private final Thread thread;
        private final long timeoutNanos;
        private boolean armed;
        private boolean expired;
        private long deadline;

        Watch(Thread thread, long timeoutNanos) {
            this.thread = thread;
            this.timeoutNanos = timeoutNanos;
        }

        synchronized void arm() {
            armed = true;
            deadline = System.nanoTime() + timeoutNanos;
        }

        /** Ends the wait; a wait that expired fails even if it finished as the watchdog struck. */
        synchronized void disarm() throws IOException {
            armed = false;
            if (expired) {
                Thread.interrupted();
                throw new InterruptedIOException("the admin client kept a read or write waiting for "
                        + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
            }
        }

        /** The request is over: no interrupt may reach the thread's next request. */
        synchronized void finish() {
            armed = false;
            Thread.interrupted();
        }

        synchronized void expire(long now) {
            if (armed && !expired && now - deadline > 0) {
                expired = true;
                thread.interrupt();
            }
        }
    }
}
