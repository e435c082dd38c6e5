package orders;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.scenario.Scenarios;
import io.netty.util.Version;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderMailerTest {

    static final String SCENARIO = """
            scenario: no-big-orders
            rules:
              - name: big orders
                on: rcpt
                argument: 'big@'
                reply: 452 4.3.1 Insufficient system storage
            """;

    @Test
    void sendsBesideTheApplicationsOwnYamlJsonAndNetty() throws Exception {
        try (SmtpDouble smtp = SmtpDouble.builder().scenario(Scenarios.fromYaml(SCENARIO, "inline")).start()) {
            var mailer = new OrderMailer("host: " + smtp.host() + "\nport: " + smtp.port() + "\nfrom: shop@orders.test\n");

            mailer.confirm("ada@example.test", Map.of("id", 42));
            assertThrows(MessagingException.class, () -> mailer.confirm("big@example.test", Map.of("id", 43)));

            String body = (String) smtp.journal().awaitMessages(1, Duration.ofSeconds(5)).get(0).mimeMessage().getContent();
            assertEquals(42, new ObjectMapper().readTree(body).get("id").asInt());
            assertThat(smtp).hasConnections(2).hasReceivedMessages(1).hasFired("big orders");
        }
    }

    /** SnakeYAML 1.33 is proven by OrderMailer's one-argument Constructor, which 2.x removed. */
    @Test
    void theApplicationKeepsItsOwnVersions() {
        assertEquals("2.17.2", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        assertEquals("4.1.128.Final", Version.identify().get("netty-common").artifactVersion());
    }
}
