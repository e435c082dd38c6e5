package dev.smtpdouble.scenario;

import dev.smtpdouble.scenario.Scenarios.Source;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a scenario reference leads, in one order for every entry point: {@link Scenarios#load},
 * the JUnit extension, the command line and the admin API.
 * <ol>
 * <li>an existing file ({@code my-scenarios/flaky.yaml});</li>
 * <li>a bare name ({@code greylist}, {@code greylist.yaml}, {@code payment-outage}): {@code NAME.yaml}
 * (or {@code .yml}) in the scenario folder, where there is one (the command line's
 * {@code --scenario-dir}, the container's {@code /scenarios}); then {@code scenarios/NAME.yaml} on the
 * class path (a project's {@code src/test/resources/scenarios/}); then the built-in catalogue;</li>
 * <li>a class path resource ({@code scenarios/payment-outage.yaml}, {@code com/acme/outage.yaml}).</li>
 * </ol>
 * A name found before the catalogue that the catalogue has too, with other content, wins, and a
 * warning says so once per process.
 */
public final class ScenarioLookup {

    /** Where the catalogue sits inside the jar: a folder of its own, apart from the user's {@code scenarios/}. */
    static final String CATALOGUE_FOLDER = "dev/smtpdouble/scenarios/";
    private static final String USER_FOLDER = "scenarios/";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioLookup.class);
    /** Shadowed catalogue names already reported, so that a name used in every test warns once. */
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private final Path folder;

    private ScenarioLookup(Path folder) {
        this.folder = folder;
    }

    /** Files, the class path and the catalogue. */
    public static ScenarioLookup onClassPath() {
        return new ScenarioLookup(null);
    }

    /** @param folder searched first for bare names; null for none */
    public static ScenarioLookup withFolder(Path folder) {
        return new ScenarioLookup(folder);
    }

    /** @throws ScenarioException when the reference leads nowhere */
    public Source find(String reference) {
        Path file = asPath(reference);
        if (file != null && Files.isRegularFile(file)) {
            return Scenarios.readFile(file);
        }
        if (isName(reference)) {
            Source named = named(reference);
            if (named != null) {
                return named;
            }
        }
        String resource = reference.startsWith("/") ? reference.substring(1) : reference;
        String yaml = read(userLoader(), resource);
        if (yaml != null) {
            return new Source(yaml, resource);
        }
        throw new ScenarioException("no scenario '" + reference + "': " + String.join(", ", tried(reference))
                + ". Catalogue: " + String.join(", ", Scenarios.CATALOGUE));
    }

    /**
     * A bare name only, never a path: what a remote request may ask for.
     *
     * @throws ScenarioException when it is not a name or no scenario has it
     */
    public Source byName(String name) {
        if (!isName(name)) {
            throw new ScenarioException("'" + name + "' is not a scenario name (letters, digits, '.', '_', '-')");
        }
        Source named = named(name);
        if (named == null) {
            throw new ScenarioException("no scenario named '" + name + "'; known: " + String.join(", ", names()));
        }
        return named;
    }

    /** The names the folder and the catalogue know, sorted. */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>(Scenarios.CATALOGUE);
        if (folder != null && Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                files.map(path -> path.getFileName().toString())
                        .filter(file -> file.matches(".+\\.ya?ml"))
                        .map(ScenarioLookup::bare)
                        .forEach(names::add);
            } catch (IOException e) {
                // an unreadable folder contributes nothing
            }
        }
        return List.copyOf(names);
    }

    private Source named(String name) {
        String bare = bare(name);
        Source found = inFolder(bare);
        if (found == null) {
            found = onUserClassPath(bare);
        }
        String catalogued = Scenarios.CATALOGUE.contains(bare)
                ? read(ScenarioLookup.class.getClassLoader(), CATALOGUE_FOLDER + bare + ".yaml") : null;
        if (found == null) {
            return catalogued == null ? null : new Source(catalogued, CATALOGUE_FOLDER + bare + ".yaml");
        }
        if (catalogued != null && !catalogued.equals(found.yaml()) && REPORTED.add(bare + " " + found.origin())) {
            LOG.warn("scenario '{}' is {}, which takes the place of the built-in scenario of that name",
                    bare, found.origin());
        }
        return found;
    }

    private Source inFolder(String bare) {
        if (folder == null) {
            return null;
        }
        for (String file : List.of(bare + ".yaml", bare + ".yml")) {
            Path candidate = folder.resolve(file);
            if (Files.isRegularFile(candidate)) {
                return Scenarios.readFile(candidate);
            }
        }
        return null;
    }

    private static Source onUserClassPath(String bare) {
        for (String resource : List.of(USER_FOLDER + bare + ".yaml", USER_FOLDER + bare + ".yml")) {
            URL url = userLoader().getResource(resource);
            if (url != null) {
                return new Source(read(userLoader(), resource), url.toString());
            }
        }
        return null;
    }

    private List<String> tried(String reference) {
        List<String> tried = new ArrayList<>(List.of("not a file"));
        if (isName(reference)) {
            String bare = bare(reference);
            if (folder != null) {
                tried.add("not " + bare + ".yaml in " + folder);
            }
            tried.add("not " + USER_FOLDER + bare + ".yaml on the class path");
            tried.add("not in the catalogue");
        }
        tried.add("not a class path resource");
        return tried;
    }

    private static boolean isName(String reference) {
        return NAME.matcher(reference).matches();
    }

    private static String bare(String name) {
        return name.replaceFirst("\\.ya?ml$", "");
    }

    private static Path asPath(String reference) {
        try {
            return Path.of(reference);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static ClassLoader userLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ScenarioLookup.class.getClassLoader();
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
