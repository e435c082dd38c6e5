package dev.smtpdouble.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.RawSmtpClient;
import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioRuntime;
import dev.smtpdouble.scenario.Scenarios;
import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.session.QueueIds;
import dev.smtpdouble.session.Session;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A finished connection leaves nothing behind: its channel, handler and session become garbage at
 * once, not when some timer (the idle timeout, the drain time after a 421) fires minutes later.
 * The idle timeout and the drain time are long here, so any timer left scheduled keeps its session.
 */
class ConnectionLifetimeTest {

    private static final Scenario REFUSE_MAIL = Scenarios.fromYaml("""
            scenario: refuse-mail
            rules:
              - on: mail
                reply: 421 4.3.2 System shutting down
            """, "refuse-mail.yaml");

    @Test
    void sessionsThatEndedAreCollectedWithoutWaitingForTheirTimers() throws Exception {
        Settings settings = Settings.DEFAULTS.withIdleTimeout(Duration.ofMinutes(10))
                .withDrainTimeout(Duration.ofSeconds(60));
        ScenarioRuntime runtime = new ScenarioRuntime(REFUSE_MAIL);
        Journal journal = new Journal();
        QueueIds queueIds = new QueueIds();
        ReferenceQueue<Session> collected = new ReferenceQueue<>();
        List<Reference<Session>> live = new CopyOnWriteArrayList<>();
        int rounds = 100;
        try (SmtpServer server = SmtpServer.bind("127.0.0.1", 0, remote -> {
            int connection = runtime.nextConnection();
            Session session = new Session(settings, runtime, journal.openSession(connection, remote), connection,
                    queueIds);
            live.add(new WeakReference<>(session, collected));
            return session;
        }, 1, new SmtpServer.Edge("127.0.0.1", List.of(), new TlsContexts()))) {
            String host = server.address().getHostString();
            int port = server.address().getPort();
            for (int i = 0; i < rounds; i++) {
                try (RawSmtpClient client = new RawSmtpClient(host, port)) { // QUIT: 221, the server closes
                    client.reply();
                    assertThat(client.command("QUIT")).startsWith("221");
                    assertThat(client.reply()).isNull();
                }
                try (RawSmtpClient client = new RawSmtpClient(host, port)) { // the client hangs up
                    client.reply();
                    assertThat(client.command("EHLO client.test")).startsWith("250");
                }
                try (RawSmtpClient client = new RawSmtpClient(host, port)) { // 421: half-close, drain
                    client.reply();
                    assertThat(client.command("MAIL FROM:<a@b.test>")).startsWith("421");
                    assertThat(client.reply()).isNull();
                }
            }
            journal.awaitEndedSessions(3 * rounds, Duration.ofSeconds(30));

            assertThat(collectAll(live, collected, Duration.ofSeconds(30)))
                    .as("sessions still reachable after all %d connections ended", 3 * rounds)
                    .isZero();
        }
    }

    /** Runs the collector until every session is gone or the time is up; returns how many are left. */
    private static int collectAll(List<Reference<Session>> live, ReferenceQueue<Session> collected, Duration limit)
            throws InterruptedException {
        int left = live.size();
        long deadline = System.nanoTime() + limit.toNanos();
        while (left > 0 && System.nanoTime() < deadline) {
            System.gc();
            while (collected.remove(100) != null) {
                left--;
            }
        }
        return left;
    }
}
