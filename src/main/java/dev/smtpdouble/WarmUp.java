package dev.smtpdouble;

import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.journal.JournalLimits;
import dev.smtpdouble.netty.SmtpServer;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioRuntime;
import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.session.QueueIds;
import dev.smtpdouble.session.Session;
import java.time.Clock;
import java.util.List;

/**
 * Start-up work a process can do on a spare core while its main thread reads the options and binds:
 * Netty's costly parts, and one rehearsed dialogue through a connection's handlers in memory, with
 * a default session whose journal nobody reads (see {@link SmtpServer#warmUp}).
 */
public final class WarmUp {

    private WarmUp() {
    }

    /** @return the reply lines of the rehearsed dialogue */
    public static List<String> run() {
        Clock clock = Clock.systemUTC();
        Journal unread = new Journal(JournalLimits.DEFAULTS.withEntries(1), clock);
        ScenarioRuntime runtime = new ScenarioRuntime(Scenario.ACCEPT_ALL, clock, Settings.DEFAULTS.hostname());
        QueueIds queueIds = new QueueIds();
        return SmtpServer.warmUp(remote -> new Session(Settings.DEFAULTS, runtime,
                unread.openSession(1, remote), 1, queueIds, clock));
    }
}
