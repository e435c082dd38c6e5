package dev.smtpdouble.cli;

import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves a scenario reference from the command line: an existing file; else NAME(.yaml) in the
 * scenario folder (so a mounted folder wins over the built-in catalogue); else a catalogue name or
 * classpath resource.
 */
final class ScenarioResolver {

    private final Path folder;

    ScenarioResolver(Path folder) {
        this.folder = folder;
    }

    Scenario resolve(String reference) {
        Path file = Path.of(reference);
        if (Files.isRegularFile(file)) {
            return Scenarios.fromFile(file);
        }
        if (folder != null && !reference.contains("/")) {
            for (String candidate : new String[] {reference, reference + ".yaml", reference + ".yml"}) {
                Path inFolder = folder.resolve(candidate);
                if (Files.isRegularFile(inFolder)) {
                    return Scenarios.fromFile(inFolder);
                }
            }
        }
        return Scenarios.load(reference);
    }
}
