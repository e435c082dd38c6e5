package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every YAML example in the README is a scenario that loads, so the documentation cannot drift. */
class ReadmeScenarioExamplesTest {

    @Test
    void everyYamlBlockInTheReadmeLoads() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher blocks = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<Scenario> loaded = new ArrayList<>();
        int index = 0;
        while (blocks.find()) {
            String yaml = blocks.group(1);
            String complete = yaml.contains("scenario:") || yaml.contains("services:") ? yaml : "scenario: example\n" + yaml;
            if (complete.contains("rules:")) {
                loaded.add(Scenarios.fromYaml(complete, "README.md yaml block " + ++index));
            }
        }
        assertThat(loaded).as("the README shows scenario examples").hasSizeGreaterThanOrEqualTo(2);
        assertThat(loaded).allSatisfy(scenario -> assertThat(scenario.rules()).isNotEmpty());
    }
}
