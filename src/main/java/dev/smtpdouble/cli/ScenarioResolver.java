package dev.smtpdouble.cli;

import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioLookup;
import dev.smtpdouble.scenario.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves a scenario reference from the command line in the one order {@link ScenarioLookup}
 * gives, with the scenario folder ({@code --scenario-dir}) searched first for bare names, so that a
 * mounted folder wins over the built-in catalogue.
 */
final class ScenarioResolver {

    private final ScenarioLookup lookup;

    ScenarioResolver(Path folder) {
        this.lookup = ScenarioLookup.withFolder(folder);
    }

    /**
     * A folder that is not there is refused: bare names would silently fall back to the catalogue.
     *
     * @param given how the user gave the folder: {@code --scenario-dir} or its environment variable
     * @throws IllegalArgumentException when the folder does not exist or is a file
     */
    static ScenarioResolver checked(Path folder, String given) {
        if (folder != null && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException(given + " " + folder + ": "
                    + (Files.exists(folder) ? "not a folder" : "no such folder"));
        }
        return new ScenarioResolver(folder);
    }

    Scenario resolve(String reference) {
        return load(reference).scenario();
    }

    LoadedScenario load(String reference) {
        Scenarios.Source source = lookup.find(reference);
        return new LoadedScenario(Scenarios.parse(source), source);
    }
}
