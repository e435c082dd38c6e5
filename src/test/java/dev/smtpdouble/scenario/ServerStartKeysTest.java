package dev.smtpdouble.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.tls.TlsSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code tls_port} and {@code tls_ca_out} in a scenario's server block: read into {@link ServerStart}, not into the settings. */
class ServerStartKeysTest {

    @Test
    void onePortAndTheCaFile() {
        Scenario scenario = Scenarios.fromYaml("server:\n  tls_port: 465\n  tls_ca_out: build/ca.pem\n", "tls.yaml");

        assertThat(scenario.start()).isEqualTo(new ServerStart(List.of(465), Path.of("build/ca.pem")));
        assertThat(scenario.settings().apply(Settings.DEFAULTS).tls()).isEqualTo(TlsSettings.OFF);
    }

    @Test
    void aListOfPortsZeroForAFreeOne() {
        assertThat(Scenarios.fromYaml("server: {tls_port: [465, 0]}", "tls.yaml").start())
                .isEqualTo(new ServerStart(List.of(465, 0), null));
    }

    @Test
    void withoutTheKeysTheScenarioAsksNothing() {
        assertThat(Scenarios.fromYaml("server: {tls: true}", "tls.yaml").start()).isEqualTo(ServerStart.NONE);
        assertThat(Scenarios.fromYaml("scenario: plain", "plain.yaml").start()).isEqualTo(ServerStart.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "server: {tls_port: 65536}      | tls.yaml:1:20: 'tls_port' must be between 0 and 65535: 65536",
            "server: {tls_port: [0, smtps]} | tls.yaml:1:24: 'tls_port' must be a whole number: 'smtps'",
            "server: {tls_ca_out: ''}       | tls.yaml:1:22: 'tls_ca_out' must name a file",
    })
    void badValuesFailAtLoadWithTheirPlace(String yaml, String message) {
        assertThatThrownBy(() -> Scenarios.fromYaml(yaml, "tls.yaml")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining(message);
    }
}
