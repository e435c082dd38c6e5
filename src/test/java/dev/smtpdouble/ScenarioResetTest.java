package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.scenario.Scenarios;
import org.junit.jupiter.api.Test;

/** A reset gives the next test fresh counters, whatever a session left over from the previous test does. */
class ScenarioResetTest {

    @Test
    void aSessionOpenBeforeAResetCannotUseUpAFreshOnceOnlyRule() throws Exception {
        try (SmtpDouble smtp = SmtpDouble.builder().scenario(Scenarios.fromYaml("""
                rules:
                  - {name: once, on: mail, times: 1, reply: 451 4.3.0 Try later}
                """, "once.yaml")).start();
             RawSmtpClient leftOver = new RawSmtpClient(smtp)) {
            assertThat(leftOver.reply()).startsWith("220");
            assertThat(leftOver.command("EHLO previous.test")).startsWith("250");

            smtp.reset();
            assertThat(leftOver.command("MAIL FROM:<old@example.org>"))
                    .as("the left-over session decides under the counters it started with").startsWith("451");

            try (RawSmtpClient next = new RawSmtpClient(smtp)) {
                assertThat(next.reply()).startsWith("220");
                assertThat(next.command("MAIL FROM:<new@example.org>")).isEqualTo("451 4.3.0 Try later");
            }
            assertThat(smtp.ruleFirings()).containsEntry("once", 1);
            assertThat(smtp.journal().sessions()).hasSize(1);
            assertThat(smtp.journal().sessions().get(0).connectionNumber()).isEqualTo(1);
        }
    }
}
