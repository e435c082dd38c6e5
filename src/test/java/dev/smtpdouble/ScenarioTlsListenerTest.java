package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario's {@code tls_port} and {@code tls_ca_out}: the server that starts with it listens and writes as asked. */
class ScenarioTlsListenerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    @Test
    void theScenarioOpensAnImplicitTlsListenerAndWritesTheCaThatClientsTrust() throws Exception {
        Path ca = folder.resolve("ca.pem");
        Scenario scenario = Scenarios.fromYaml("server:\n  tls_port: 0\n  tls_ca_out: '" + ca + "'\n", "tls.yaml");

        try (SmtpDouble smtp = SmtpDouble.builder().scenario(scenario).start()) {
            assertThat(smtp.tlsPorts()).hasSize(1);
            assertThat(Files.readString(ca)).isEqualTo(smtp.tls().caPem());

            RawSmtpClient client = new RawSmtpClient(smtp.host(), smtp.tlsPort());
            client.startTls(smtp.tls().socketFactory(), null); // the CA the file holds
            assertThat(client.reply()).isEqualTo("220 localhost ESMTP");
            client.command("QUIT");
            client.close();

            SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
            assertThat(session.tls().implicit()).isTrue();
        }
    }

    @Test
    void theScenariosListenersAddToTheBuilders() {
        Scenario scenario = Scenarios.fromYaml("server: {tls_port: [0, 0]}", "tls.yaml");

        try (SmtpDouble smtp = SmtpDouble.builder().tlsPort(0).scenario(scenario).start()) {
            assertThat(smtp.tlsPorts()).hasSize(3).doesNotHaveDuplicates().doesNotContain(smtp.port());
            assertThat(smtp.tlsEnabled()).isTrue();
        }
    }

    @Test
    void aScenarioSwitchedInLaterLeavesTheListenersAsTheyAre() {
        try (SmtpDouble smtp = SmtpDouble.builder().start()) {
            smtp.useScenario(Scenarios.fromYaml("server: {tls_port: 0}", "tls.yaml"));

            assertThat(smtp.tlsPorts()).isEmpty();
        }
    }
}
