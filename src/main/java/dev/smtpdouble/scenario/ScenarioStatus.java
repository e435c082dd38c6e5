package dev.smtpdouble.scenario;

import java.util.List;
import java.util.Map;

/**
 * The scenario in force and its counters, read at one instant: a scenario switched meanwhile cannot
 * mix its name with another one's counters.
 *
 * @param firings how often each rule fired since the scenario was put in force or last reset, by name
 * @param unfired the names of the rules that never fired
 */
public record ScenarioStatus(Scenario scenario, String state, Map<String, Integer> firings, List<String> unfired) {

    public ScenarioStatus {
        firings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(firings));
        unfired = List.copyOf(unfired);
    }
}
