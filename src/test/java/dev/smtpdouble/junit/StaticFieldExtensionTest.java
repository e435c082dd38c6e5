package dev.smtpdouble.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.journal.Journal;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A static {@code @RegisterExtension} field: one server for the class, reset before each test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaticFieldExtensionTest {

    @RegisterExtension
    static SmtpDoubleExtension smtp = SmtpDoubleExtension.builder()
            .scenario("greeting-421-then-accept")
            .hostname("static.double.test")
            .maxMessageSize(2048)
            .idleTimeout(Duration.ofSeconds(30))
            .configure(server -> server.journalCapacity(50))
            .build();

    private static int classPort;

    @BeforeAll
    static void runningBeforeAllTests(SmtpDouble server) {
        assertThat(server).isSameAs(smtp.server());
        classPort = smtp.port();
    }

    @Test
    @Order(1)
    void theFirstConnectionIsRefused(SmtpDouble server, Journal journal) {
        assertThat(server).isSameAs(smtp.server());
        assertThat(journal).isSameAs(smtp.journal());
        assertThat(smtp.port()).isEqualTo(classPort);
        assertThat(server.settings().hostname()).isEqualTo("static.double.test");
        assertThat(server.settings().maxMessageSize()).isEqualTo(2048);
        assertThat(server.settings().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(connectTwice(server)).isEqualTo("421 then 220");
    }

    @Test
    @Order(2)
    void andSoItIsAgainInTheNextTestOnTheSameServer(SmtpDouble server) {
        assertThat(server.port()).isEqualTo(classPort);
        assertThat(server.journal().sessions()).isEmpty();
        assertThat(connectTwice(server)).isEqualTo("421 then 220");
        SmtpAssertions.assertThat(server).hasConnections(2)
                .session(0).hasReplyCodes(421).wasClosedByServer()
                .and().session(1).hasReplyCodes(220);
    }

    private static String connectTwice(SmtpDouble server) {
        String first;
        String second;
        try (SmtpClient client = SmtpClient.connect(server)) {
            first = client.greeting().substring(0, 3);
        }
        try (SmtpClient client = SmtpClient.connect(server)) {
            second = client.greeting().substring(0, 3);
        }
        return first + " then " + second;
    }
}
