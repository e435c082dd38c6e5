package dev.smtpdouble.admin;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.scenario.Rule;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioStatus;
import java.util.List;
import java.util.Map;

/**
 * The scenario in force on one listener as JSON: what it is, its state, and how often each rule
 * fired since it was put in force or last reset.
 */
record ScenarioView(int port, String name, String description, String state, String initialState,
                    List<RuleView> rules, Map<String, Integer> ruleFirings, List<String> unfiredRules) {

    /** One rule: its name, trigger, firing limit and how often it fired. */
    record RuleView(String name, String on, Integer times, int fired) {
    }

    static ScenarioView of(SmtpDouble smtp) {
        ScenarioStatus status = smtp.scenarioStatus();
        Scenario scenario = status.scenario();
        Map<String, Integer> firings = status.firings();
        List<RuleView> rules = scenario.rules().stream()
                .map(rule -> view(rule, firings))
                .toList();
        return new ScenarioView(smtp.port(), scenario.name(), scenario.description(), status.state(),
                scenario.initialState(), rules, firings, status.unfired());
    }

    private static RuleView view(Rule rule, Map<String, Integer> firings) {
        return new RuleView(rule.name(), rule.on().yamlName(), rule.times(), firings.getOrDefault(rule.name(), 0));
    }
}
