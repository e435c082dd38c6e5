package dev.smtpdouble.admin;

import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioException;
import dev.smtpdouble.scenario.ScenarioLookup;
import dev.smtpdouble.scenario.Scenarios;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds scenarios by name for the admin API, as {@link ScenarioLookup} finds bare names: the folder
 * first (so that a folder mounted over the container's {@code /scenarios} wins), then
 * {@code scenarios/NAME.yaml} on the class path, then the catalogue. A name is one word
 * ({@code greeting-421}), never a path, so a request cannot read other files.
 */
public final class ScenarioDirectory {

    private final ScenarioLookup lookup;

    /** @param folder where to look first; null for the class path and the catalogue only */
    public ScenarioDirectory(Path folder) {
        this.lookup = ScenarioLookup.withFolder(folder);
    }

    /** @throws ScenarioException when there is no such scenario or it is not valid */
    public Scenario byName(String name) {
        return Scenarios.parse(lookup.byName(name));
    }

    /** The names this directory knows: the folder's YAML files and the catalogue, sorted. */
    public List<String> names() {
        return lookup.names();
    }
}
