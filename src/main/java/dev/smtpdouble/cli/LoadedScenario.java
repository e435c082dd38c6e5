package dev.smtpdouble.cli;

import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.Scenarios;

/**
 * A scenario with the text it was loaded from, so that a problem found after loading (an unreadable
 * certificate) can point at the line that set it.
 *
 * @param source null for the default scenario, which no file sets
 */
record LoadedScenario(Scenario scenario, Scenarios.Source source) {

    static final LoadedScenario ACCEPT_ALL = new LoadedScenario(Scenario.ACCEPT_ALL, null);

    /** {@code file:line:column: } of a key of the scenario's server block; null when it does not set it. */
    String place(String key) {
        return source == null ? null : Scenarios.serverKeyPlace(source, key);
    }
}
