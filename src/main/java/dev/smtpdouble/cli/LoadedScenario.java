package dev.smtpdouble.cli;

import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.Scenarios;
import java.util.Map;

/**
 * A scenario with the text it was loaded from, so that a problem found after loading (an unreadable
 * certificate) can point at the line that set it.
 *
 * @param source null for the default scenario, which no file sets
 */
record LoadedScenario(Scenario scenario, Scenarios.Source source) {

    static final LoadedScenario ACCEPT_ALL = new LoadedScenario(Scenario.ACCEPT_ALL, null);

    /** Whether the text it was loaded from contains this, anywhere. */
    boolean mentions(String text) {
        return source != null && source.yaml().contains(text);
    }

    /** {@code file:line:column: } of each key its server block sets (its text is parsed again: call once). */
    Map<String, String> serverKeyPlaces() {
        return source == null ? Map.of() : Scenarios.serverKeyPlaces(source);
    }
}
