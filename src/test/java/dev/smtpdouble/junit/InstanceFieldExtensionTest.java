package dev.smtpdouble.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.SmtpDouble;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An instance {@code @RegisterExtension} field: a fresh server for every test. */
class InstanceFieldExtensionTest {

    private static final Set<SmtpDouble> SERVERS = Collections.newSetFromMap(new IdentityHashMap<>());

    @RegisterExtension
    SmtpDoubleExtension smtp = SmtpDoubleExtension.builder().scenario("greylist").build();

    @BeforeEach
    void eachTestGetsAServer(SmtpDouble server) {
        assertThat(server).isSameAs(smtp.server());
        assertThat(server.journal().sessions()).isEmpty();
        synchronized (SERVERS) {
            assertThat(SERVERS.add(server)).as("a server no other test used").isTrue();
        }
    }

    @RepeatedTest(3)
    void greylistedOnItsOwnFirstRecipient(SmtpDouble server) {
        assertThat(server.scenario().name()).isEqualTo("greylist");
        try (SmtpClient client = SmtpClient.connect(server)) {
            client.send("EHLO client.test");
            client.send("MAIL FROM:<ada@example.test>");
            assertThat(client.send("RCPT TO:<bob@example.test>")).startsWith("451");
        }
    }

    @Test
    @UseScenario("greeting-421")
    void useScenarioWorksOnPerTestServersToo(SmtpDouble server) {
        try (SmtpClient client = SmtpClient.connect(server)) {
            assertThat(client.greeting()).startsWith("421");
        }
    }

    @AfterAll
    static void fourTestsFourServers() {
        assertThat(SERVERS).hasSize(4);
    }
}
