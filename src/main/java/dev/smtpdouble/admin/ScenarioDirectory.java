package dev.smtpdouble.admin;

import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioException;
import dev.smtpdouble.scenario.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds scenarios by name: {@code NAME.yaml} (or {@code .yml}) in a folder first, so that a folder
 * mounted over the container's {@code /scenarios} wins, then the catalogue built into the jar. A name
 * is one word ({@code greeting-421}), never a path, so a request cannot read other files.
 */
public final class ScenarioDirectory {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path folder;

    /** @param folder where to look first; null for the catalogue only */
    public ScenarioDirectory(Path folder) {
        this.folder = folder;
    }

    /** @throws ScenarioException when there is no such scenario or it is not valid */
    public Scenario byName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ScenarioException("'" + name + "' is not a scenario name (letters, digits, '.', '_', '-')");
        }
        String base = name.replaceFirst("\\.ya?ml$", "");
        if (folder != null) {
            for (String file : List.of(base + ".yaml", base + ".yml")) {
                Path candidate = folder.resolve(file);
                if (Files.isRegularFile(candidate)) {
                    return Scenarios.fromFile(candidate);
                }
            }
        }
        if (Scenarios.CATALOGUE.contains(base)) {
            return Scenarios.load(base);
        }
        throw new ScenarioException("no scenario named '" + name + "'; known: " + String.join(", ", names()));
    }

    /** The names this directory knows: the folder's YAML files and the catalogue, sorted. */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>(Scenarios.CATALOGUE);
        if (folder != null && Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                files.map(file -> file.getFileName().toString())
                        .filter(file -> file.matches(".+\\.ya?ml"))
                        .map(file -> file.replaceFirst("\\.ya?ml$", ""))
                        .forEach(names::add);
            } catch (IOException e) {
                // an unreadable folder just contributes nothing
            }
        }
        return List.copyOf(names);
    }
}
