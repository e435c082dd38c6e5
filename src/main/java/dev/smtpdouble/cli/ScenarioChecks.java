package dev.smtpdouble.cli;

import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioException;
import dev.smtpdouble.scenario.Scenarios;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** {@code --validate} and {@code --schema}: what the command line does with scenarios instead of serving. */
final class ScenarioChecks {

    private ScenarioChecks() {
    }

    /** Loads each scenario and prints its problems; 1 if any is invalid. */
    static int validate(List<String> references, Path scenarioDir, PrintWriter out, PrintWriter err) {
        ScenarioResolver resolver = new ScenarioResolver(scenarioDir);
        int invalid = 0;
        for (String reference : references) {
            try {
                Scenario loaded = resolver.resolve(reference);
                out.println(reference + ": ok (scenario " + loaded.name() + ", " + loaded.rules().size() + " rules)");
            } catch (ScenarioException e) {
                invalid++;
                err.println(e.getMessage());
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
