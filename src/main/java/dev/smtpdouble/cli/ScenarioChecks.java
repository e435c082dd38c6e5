package dev.smtpdouble.cli;

import dev.smtpdouble.scenario.ScenarioException;
import dev.smtpdouble.scenario.Scenarios;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --validate} and {@code --schema}: what the command line does with scenarios instead of serving. */
final class ScenarioChecks {

    private ScenarioChecks() {
    }

    /**
     * Loads each scenario and checks it as the start would, with the other options given, but
     * without binding or writing anything; prints the problems, and returns 1 if any has one.
     */
    static int validate(List<String> references, ScenarioResolver resolver, StartChecks checks,
                        List<String> optionVersions, PrintWriter out, PrintWriter err) {
        Map<String, LoadedScenario> loaded = new LinkedHashMap<>();
        int invalid = 0;
        for (String reference : references) {
            try {
                loaded.put(reference, resolver.load(reference));
            } catch (ScenarioException e) {
                invalid++;
                err.println(e.getMessage());
            }
        }
        // all at once: TLS 1.0 and 1.1 can only be allowed before the first TLS context is made
        StartChecks.allowLegacyTlsIfAsked(optionVersions, List.copyOf(loaded.values()));
        for (Map.Entry<String, LoadedScenario> entry : loaded.entrySet()) {
            List<StartChecks.Problem> problems = checks.check(List.of(entry.getValue()));
            if (problems.isEmpty()) {
                int rules = entry.getValue().scenario().rules().size();
                out.println(entry.getKey() + ": ok (scenario " + entry.getValue().scenario().name() + ", " + rules
                        + (rules == 1 ? " rule)" : " rules)"));
            } else {
                invalid++;
                problems.forEach(problem -> err.println(problem.line(entry.getKey())));
            }
        }
        out.flush();
        err.flush();
        return invalid == 0 ? 0 : 1;
    }

    /** Prints the JSON Schema of scenario files, as the jar holds it. */
    static int printSchema(PrintWriter out, PrintWriter err) {
        try (InputStream in = ScenarioChecks.class.getClassLoader().getResourceAsStream(Scenarios.SCHEMA_RESOURCE)) {
            out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("the schema cannot be read from the jar: " + e.getMessage());
            return 1;
        }
    }
}
