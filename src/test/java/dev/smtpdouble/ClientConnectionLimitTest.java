package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.scenario.Scenarios;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Postfix's smtpd_client_connection_count_limit: one client address may hold so many connections at
 * once; the next is greeted with 421 naming the address and closed, and a slot frees when one ends.
 */
class ClientConnectionLimitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TOO_MANY = "421 4.7.0 mx.test Error: too many connections from 127.0.0.1";

    @Test
    void aClientOverItsLimitGetsPostfixs421AndASlotFreesWhenOneEnds() throws Exception {
        try (SmtpDouble smtp = SmtpDouble.builder().hostname("mx.test").maxConnectionsPerClient(2).start();
             RawSmtpClient first = new RawSmtpClient(smtp);
             RawSmtpClient second = new RawSmtpClient(smtp)) {
            assertThat(first.reply()).startsWith("220 ");
            assertThat(second.reply()).startsWith("220 ");

            try (RawSmtpClient third = new RawSmtpClient(smtp)) {
                assertThat(third.reply()).isEqualTo(TOO_MANY);
                assertThat(third.reply()).as("closed after the 421").isNull();
            }
            SessionRecord refused = smtp.journal().awaitSession(s -> s.replyCodes().equals(java.util.List.of(421))
                    && !s.isOpen(), WAIT);
            assertThat(refused.replies().get(0).toString()).isEqualTo(TOO_MANY);

            assertThat(first.command("QUIT")).startsWith("221");
            smtp.journal().awaitSession(s -> s.id() == 1 && !s.isOpen(), WAIT);
            try (RawSmtpClient fourth = new RawSmtpClient(smtp)) {
                assertThat(fourth.reply()).startsWith("220 ");
            }
        }
    }

    @Test
    void theLimitCanComeFromTheScenario() throws Exception {
        var scenario = Scenarios.fromYaml("""
                scenario: one-per-client
                server:
                  hostname: mx.test
                  max_connections_per_client: 1
                """, "one-per-client.yaml");
        try (SmtpDouble smtp = SmtpDouble.builder().scenario(scenario).start();
             RawSmtpClient first = new RawSmtpClient(smtp);
             RawSmtpClient second = new RawSmtpClient(smtp)) {
            assertThat(first.reply()).startsWith("220 ");
            assertThat(second.reply()).isEqualTo(TOO_MANY);
        }
    }

    @Test
    void withoutALimitOneClientMayTakeEverySlot() throws Exception {
        try (SmtpDouble smtp = SmtpDouble.builder().maxConnections(3).start();
             RawSmtpClient a = new RawSmtpClient(smtp);
             RawSmtpClient b = new RawSmtpClient(smtp);
             RawSmtpClient c = new RawSmtpClient(smtp);
             RawSmtpClient d = new RawSmtpClient(smtp)) {
            assertThat(a.reply()).startsWith("220 ");
            assertThat(b.reply()).startsWith("220 ");
            assertThat(c.reply()).startsWith("220 ");
            assertThat(d.reply()).as("the server-wide limit still holds").startsWith("421 4.7.0 localhost Error: too many connections");
        }
    }
}
