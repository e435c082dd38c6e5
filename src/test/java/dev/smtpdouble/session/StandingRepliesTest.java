package dev.smtpdouble.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.tls.TlsSettings;
import org.junit.jupiter.api.Test;

class StandingRepliesTest {

    @Test
    void theSessionsOfOneSettingsShareTheirGreetingAndEhloReply() {
        Settings settings = Settings.DEFAULTS.withHostname("mx.example");

        assertThat(StandingReplies.greeting(settings)).isSameAs(StandingReplies.greeting(settings));
        assertThat(StandingReplies.greeting(settings).toString()).isEqualTo("220 mx.example ESMTP");
        assertThat(StandingReplies.ehlo(settings, false)).isSameAs(StandingReplies.ehlo(settings, false));
        assertThat(StandingReplies.ehlo(settings, false).lines()).startsWith("mx.example", "PIPELINING");
    }

    @Test
    void otherSettingsOrTlsGetTheirOwn() {
        Settings plain = Settings.DEFAULTS.withHostname("one.example");
        Settings other = Settings.DEFAULTS.withHostname("two.example");
        Settings startTls = Settings.DEFAULTS.withTls(TlsSettings.OFF.withStartTls(true));

        assertThat(StandingReplies.greeting(plain).toString()).isEqualTo("220 one.example ESMTP");
        assertThat(StandingReplies.greeting(other).toString()).isEqualTo("220 two.example ESMTP");
        assertThat(StandingReplies.ehlo(startTls, false).lines()).contains("STARTTLS");
        assertThat(StandingReplies.ehlo(startTls, true).lines()).doesNotContain("STARTTLS");
        assertThat(StandingReplies.ehlo(startTls, false).lines()).contains("STARTTLS");
    }
}
