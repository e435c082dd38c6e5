package dev.smtpdouble.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioRuntime;
import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.session.QueueIds;
import dev.smtpdouble.session.Session;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class RehearsalTest {

    @Test
    void rehearsesAWholeDialogueThroughTheHandlersAndStoresTheMessageInTheFactorysJournal() {
        Clock clock = Clock.systemUTC();
        Journal journal = new Journal(10, clock);
        ScenarioRuntime runtime = new ScenarioRuntime(Scenario.ACCEPT_ALL, clock, "localhost");
        QueueIds queueIds = new QueueIds();

        List<String> replies = Rehearsal.run(remote -> new Session(Settings.DEFAULTS, runtime,
                journal.openSession(1, remote), 1, queueIds, clock));

        assertThat(replies).first().asString().startsWith("220 ");
        assertThat(replies).filteredOn(line -> line.charAt(3) == ' ').extracting(line -> line.substring(0, 3))
                .containsExactly("220", "250", "250", "250", "354", "250", "221");
        assertThat(journal.messages()).singleElement().satisfies(message -> {
            assertThat(message.envelope().recipientAddresses()).containsExactly("recipient@rehearsal.invalid");
            assertThat(new String(message.raw(), StandardCharsets.US_ASCII)).contains("Subject: rehearsal");
        });
        assertThat(journal.sessions()).singleElement().satisfies(session -> assertThat(session.isOpen()).isFalse());
    }
}
