package dev.smtpdouble.cli;

import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioLookup;
import dev.smtpdouble.scenario.Scenarios;
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

    Scenario resolve(String reference) {
        return Scenarios.parse(lookup.find(reference));
    }
}
