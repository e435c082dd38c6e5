package dev.smtpdouble.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.protocol.SyntaxMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code @SmtpDoubleTest}: one server for the class, injected into the constructor, lifecycle
 * methods and tests; settings from the annotation; a reset before each test; {@code @UseScenario}
 * for one test and the class's scenario back after it.
 */
@SmtpDoubleTest(scenario = "greylist", hostname = "mx.double.test", syntax = SyntaxMode.STRICT,
        maxMessageSize = 4096, maxRecipients = 3, maxConnections = 7, idleTimeoutMillis = 60_000)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeclarativeExtensionTest {

    private static SmtpDouble classServer;
    private final SmtpDouble constructed;
    private SmtpDouble beforeEach;

    DeclarativeExtensionTest(SmtpDouble smtp) {
        this.constructed = smtp;
    }

    @BeforeAll
    static void startedBeforeAll(SmtpDouble smtp) {
        classServer = smtp;
    }

    @BeforeEach
    void injectedBeforeEach(SmtpDouble smtp, Journal journal) {
        beforeEach = smtp;
        assertThat(journal).isSameAs(smtp.journal());
        assertThat(journal.sessions()).as("the journal is cleared before each test").isEmpty();
    }

    @Test
    @Order(1)
    void oneServerForTheClassEverywhere(SmtpDouble smtp) {
        assertThat(smtp).isSameAs(classServer).isSameAs(constructed).isSameAs(beforeEach);
        assertThat(smtp.host()).isEqualTo("127.0.0.1");
        assertThat(smtp.port()).isPositive();
    }

    @Test
    @Order(2)
    void settingsComeFromTheAnnotation(SmtpDouble smtp) {
        assertThat(smtp.scenario().name()).isEqualTo("greylist");
        assertThat(smtp.settings().hostname()).isEqualTo("mx.double.test");
        assertThat(smtp.settings().syntax()).isEqualTo(SyntaxMode.STRICT);
        assertThat(smtp.settings().maxMessageSize()).isEqualTo(4096);
        assertThat(smtp.settings().maxRecipients()).isEqualTo(3);
        assertThat(smtp.settings().maxConnections()).isEqualTo(7);
        assertThat(smtp.settings().idleTimeout().toMillis()).isEqualTo(60_000);
        try (SmtpClient client = SmtpClient.connect(smtp)) {
            assertThat(client.greeting()).startsWith("220 mx.double.test");
        }
    }

    @Test
    @Order(3)
    void greylistFiresInThisTest(SmtpDouble smtp) {
        assertThat(firstRecipientReply(smtp)).startsWith("451");
    }

    @Test
    @Order(4)
    void andAgainInTheNextBecauseCountersAreReset(SmtpDouble smtp) {
        assertThat(smtp.unfiredRules()).containsExactly("greylist each new triplet");
        assertThat(firstRecipientReply(smtp)).startsWith("451");
        SmtpAssertions.assertThat(smtp).hasConnections(1).hasFired("greylist each new triplet");
    }

    @Test
    @Order(5)
    @UseScenario("sender-501")
    void aMethodCanUseAnotherScenario(SmtpDouble smtp) {
        assertThat(smtp.scenario().name()).isEqualTo("sender-501");
        try (SmtpClient client = SmtpClient.connect(smtp)) {
            client.send("EHLO client.test");
            assertThat(client.send("MAIL FROM:<ada@example.test>")).startsWith("501 5.1.7");
        }
    }

    @Test
    @Order(6)
    void theClassScenarioIsBackAfterIt(SmtpDouble smtp) {
        assertThat(smtp.scenario().name()).isEqualTo("greylist");
        smtp.useScenario(dev.smtpdouble.scenario.Scenarios.load("greeting-421"));
    }

    @Test
    @Order(7)
    void evenWhenTheTestItselfSwitchedIt(SmtpDouble smtp) {
        assertThat(smtp.scenario().name()).isEqualTo("greylist");
    }

    private static String firstRecipientReply(SmtpDouble smtp) {
        try (SmtpClient client = SmtpClient.connect(smtp)) {
            client.send("EHLO client.test");
            client.send("MAIL FROM:<ada@example.test>");
            return client.send("RCPT TO:<bob@example.test>");
        }
    }
}
