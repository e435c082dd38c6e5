package dev.smtpdouble.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ways a test can name its scenario: a catalogue name (with or without .yaml), a file; the rest
 * of the lookup order is {@code ScenarioLookupTest}'s.
 */
class ScenarioReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"greylist", "greylist.yaml", "scenarios/greylist.yaml"})
    void catalogueNameOrTheFileInThisProjectsCatalogueFolder(String reference) {
        assertThat(ServerConfig.scenarioFor(reference).get().name()).isEqualTo("greylist");
    }

    @Test
    void aFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("outage.yaml"), """
                scenario: outage
                rules:
                  - on: connect
                    reply: 421 4.3.2 Down for maintenance
                """);
        assertThat(ServerConfig.scenarioFor(file.toString()).get().name()).isEqualTo("outage");
    }

    @Test
    void noneMeansAcceptAll() {
        assertThat(ServerConfig.scenarioFor("").get().name()).isEqualTo("accept-all");
    }

    @Test
    void anUnknownNameFailsWithTheLoadersMessage() {
        assertThatThrownBy(() -> ServerConfig.scenarioFor("greylisting.yaml").get())
                .isInstanceOf(ScenarioException.class).hasMessageStartingWith("no scenario 'greylisting.yaml'");
    }
}
