package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.scenario.Scenarios;
import dev.smtpdouble.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Greylisting without a key before RCPT, over a real socket: the rule keys what its trigger knows of
 * the (client, sender, recipient) triplet, and fires.
 */
class GreylistDialogueTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T08:00:00Z"));

    private SmtpDouble start(String rule) {
        return SmtpDouble.builder().clock(clock).hostname("mx.test")
                .scenario(Scenarios.fromYaml("rules:\n  - " + rule + "\n", "grey.yaml")).start();
    }

    @Test
    void onMailTheClientAndSenderAreGreylisted() throws IOException {
        try (SmtpDouble smtp = start("{name: early, on: mail, greylist: {}}")) {
            try (RawSmtpClient client = new RawSmtpClient(smtp)) {
                client.reply();
                client.command("EHLO c.test");
                assertThat(client.command("MAIL FROM:<a@shop.test>"))
                        .isEqualTo("451 4.7.1 Greylisted, try again in 300 seconds");
                clock.advance(Duration.ofSeconds(60));
                assertThat(client.command("MAIL FROM:<a@shop.test>"))
                        .isEqualTo("451 4.7.1 Greylisted, try again in 240 seconds");
                assertThat(client.command("MAIL FROM:<b@shop.test>")).as("another sender")
                        .isEqualTo("451 4.7.1 Greylisted, try again in 300 seconds");
            }
            clock.advance(Duration.ofMinutes(4));
            try (RawSmtpClient client = new RawSmtpClient(smtp)) {
                client.reply();
                client.command("EHLO c.test");
                assertThat(client.command("MAIL FROM:<A@shop.test>")).isEqualTo("250 2.1.0 Ok");
            }
        }
    }

    @Test
    void onConnectTheClientIsGreylisted() throws IOException {
        try (SmtpDouble smtp = start("{name: at the door, on: connect, greylist: {min_delay: 1m}}")) {
            try (RawSmtpClient client = new RawSmtpClient(smtp)) {
                assertThat(client.reply()).isEqualTo("451 4.7.1 Greylisted, try again in 60 seconds");
            }
            clock.advance(Duration.ofMinutes(1));
            try (RawSmtpClient client = new RawSmtpClient(smtp)) {
                assertThat(client.reply()).isEqualTo("220 mx.test ESMTP");
            }
        }
    }
}
