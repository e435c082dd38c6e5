package dev.smtpdouble.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.SmtpDouble;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Tests that run side by side ({@code junit.jupiter.execution.parallel.enabled=true} in
 * junit-platform.properties, and this class opts in) each get their own server on its own port and
 * see only their own mail: nothing is shared by accident.
 */
@Execution(ExecutionMode.CONCURRENT)
class ParallelIsolationTest {

    private static final int TESTS = 24;
    private static final Set<SmtpDouble> SERVERS = Collections.synchronizedSet(
            Collections.newSetFromMap(new IdentityHashMap<>()));
    private static final Set<String> THREADS = Collections.synchronizedSet(new java.util.HashSet<>());
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();

    @RegisterExtension
    SmtpDoubleExtension smtp = SmtpDoubleExtension.builder().failOnUnexpectedRejections(true).build();

    @BeforeEach
    void enter() {
        MOST_AT_ONCE.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
        THREADS.add(Thread.currentThread().getName());
    }

    @AfterEach
    void leave() {
        RUNNING.decrementAndGet();
    }

    @RepeatedTest(TESTS)
    void eachTestSeesOnlyItsOwnMessage(SmtpDouble server) {
        assertThat(SERVERS.add(server)).as("a server no other test used").isTrue();
        String subject = "only mine " + UUID.randomUUID();

        Mail.send(server, "ada@example.test", subject);

        SmtpAssertions.assertThat(server).hasConnections(1)
                .onlyMessage().hasSubject(subject).hasRecipients("ada@example.test");
    }

    @AfterAll
    static void everyTestHadItsOwnServer() {
        assertThat(SERVERS).hasSize(TESTS);
        System.out.printf("ParallelIsolationTest: %d tests on %d threads, at most %d at once%n",
                TESTS, THREADS.size(), MOST_AT_ONCE.get());
    }
}
