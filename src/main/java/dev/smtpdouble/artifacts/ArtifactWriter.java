package dev.smtpdouble.artifacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.smtpdouble.journal.JournalListener;
import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.files.FileProblems;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one server's artifacts into a folder of their own: {@code ID.eml} for each accepted message
 * (its bytes exactly as received) and {@code journal.jsonl}, appended as things happen. The journal's
 * event loops only offer records to a bounded queue; when it is full the record is dropped and
 * counted ({@link #dropped()}, and the summary line), so a slow disk never slows the server down.
 */
public final class ArtifactWriter implements JournalListener, AutoCloseable {

    /** Records waiting for the writer thread at most; about 10 MB of 1 KB messages. */
    public static final int DEFAULT_QUEUE = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactWriter.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Object STOP = new Object();

    private final Path folder;
    private final BlockingQueue<Object> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private final BufferedWriter journal;
    private long messages;
    private long sessions;
    private volatile boolean closed;

    private ArtifactWriter(Path folder, int queueCapacity) throws IOException {
        this.folder = folder;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        Files.createDirectories(folder);
        this.journal = Files.newBufferedWriter(folder.resolve("journal.jsonl"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.thread = new Thread(this::run, "smtp-double-artifacts-" + folder.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts a writer into {@code folder} (created if missing; an existing {@code journal.jsonl} is
     * appended to).
     *
     * @throws UncheckedIOException when the folder or the journal file cannot be created
     */
    public static ArtifactWriter start(Path folder, int queueCapacity) {
        Objects.requireNonNull(folder, "folder");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("the artifact queue must hold at least 1 record: " + queueCapacity);
        }
        try {
            return new ArtifactWriter(folder, queueCapacity);
        } catch (IOException e) {
            // the folder is made with its parents: the one the system names may be a parent
            String made = e instanceof FileSystemException fs && fs.getFile() != null
                    && !Path.of(fs.getFile()).equals(folder) ? "cannot create " + fs.getFile() + ": " : "";
            throw new UncheckedIOException("cannot write artifacts into " + folder + ": " + made
                    + FileProblems.reason(e), e);
        }
    }

    public Path folder() {
        return folder;
    }

    /** Records not written because the queue was full (or the writer closed). */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void messageAccepted(ReceivedMessage message) {
        offer(message);
    }

    @Override
    public void sessionEnded(SessionRecord session) {
        offer(session);
    }

    private void offer(Object record) {
        if (closed || !queue.offer(record)) {
            if (dropped.getAndIncrement() == 0) {
                LOG.warn("artifacts: the writer into {} falls behind; records are dropped and counted", folder);
            }
        }
    }

    /**
     * Writes what is queued (waiting at most {@code limit}), then the summary line, and stops the
     * thread. Records that arrive afterwards are dropped. Closing again does nothing.
     */
    public void close(Duration limit) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            long millis = Math.max(1, limit.toMillis());
            if (queue.offer(STOP, millis, TimeUnit.MILLISECONDS)) {
                thread.join(millis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("artifacts: the writer into {} did not finish within {} ms", folder, limit.toMillis());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private void run() {
        try (journal) {
            for (Object record = queue.take(); record != STOP; record = queue.take()) {
                write(record);
                if (queue.isEmpty()) {
                    journal.flush();
                }
            }
            line(ArtifactLines.summary(messages, sessions, dropped.get()));
        } catch (IOException e) {
            LOG.warn("artifacts: writing into {} failed, no more artifacts are written: {}", folder, e.toString());
            closed = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(Object record) throws IOException {
        if (record instanceof ReceivedMessage message) {
            String file = message.id().replaceAll("[^A-Za-z0-9_-]", "_") + ".eml";
            Files.write(folder.resolve(file), message.raw());
            line(ArtifactLines.message(message, file));
            messages++;
        } else {
            line(ArtifactLines.session((SessionRecord) record));
            sessions++;
        }
    }

    private void line(Map<String, Object> line) throws IOException {
        journal.write(JSON.writeValueAsString(line));
        journal.write('\n');
    }
}
