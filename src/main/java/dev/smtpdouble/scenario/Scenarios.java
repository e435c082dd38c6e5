package dev.smtpdouble.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds and loads scenarios: from YAML text, a file, a classpath resource, or the built-in catalogue. */
public final class Scenarios {

    /** The scenarios shipped in {@code scenarios/} and inside the jar, by name. */
    public static final List<String> CATALOGUE = List.of("accept-all", "greeting-421", "greeting-421-then-accept",
            "too-many-connections", "ehlo-421", "shutdown-at-mail", "shutdown-at-second-rcpt", "shutdown-at-data",
            "shutdown-mid-data", "shutdown-mid-data-abrupt", "shutdown-after-data", "idle-421", "sender-501",
            "recipient-501", "second-recipient-501", "strict-syntax", "greylist", "reset-at-mail",
            "stored-then-reset", "hang-at-data", "slow-greeting", "starttls-refused", "starttls-not-offered",
            "starttls-reset", "starttls-close", "starttls-hang", "starttls-alert", "starttls-injection",
            "tls-old-version-421", "tls13-only", "certificate-self-signed", "certificate-expired",
            "certificate-not-yet-valid", "certificate-wrong-host", "certificate-untrusted-ca", "auth-required",
            "auth-535", "auth-535-then-accept", "auth-454", "auth-534-app-password", "auth-538-encryption-required",
            "auth-432-password-transition", "auth-535-tenant-disabled", "gmail", "exchange-online", "amazon-ses",
            "postfix-postgrey", "exim");

    private static final String CATALOGUE_RESOURCE = "scenarios/";

    private Scenarios() {
    }

    /** @throws ScenarioException when the text is not a valid scenario */
    public static Scenario fromYaml(String yaml, String sourceName) {
        return ScenarioLoader.parse(yaml, sourceName);
    }

    public static Scenario fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(file + ": no such file");
        }
        Source source = file(file);
        return fromYaml(source.yaml(), source.origin());
    }

    /** A scenario on the classpath, e.g. {@code "scenarios/greylist.yaml"} or {@code "my-scenario.yaml"}. */
    public static Scenario fromClasspath(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        String yaml = readResource(path);
        if (yaml == null) {
            throw new ScenarioException(resource + ": no such classpath resource");
        }
        return fromYaml(yaml, path);
    }

    /**
     * Loads a scenario by reference: a catalogue name ({@code greeting-421}), an existing file path,
     * a catalogue name with its extension ({@code greeting-421.yaml}), or a classpath resource, tried
     * in that order.
     */
    public static Scenario load(String reference) {
        Source source = source(reference);
        return fromYaml(source.yaml(), source.origin());
    }

    /**
     * The text of a scenario found as {@link #load(String)} finds it, unparsed: what a server in a
     * container is sent when a test names a scenario of its own classpath.
     *
     * @throws ScenarioException when there is no such scenario
     */
    public static Source source(String reference) {
        if (CATALOGUE.contains(reference)) {
            return resource(CATALOGUE_RESOURCE + reference + ".yaml");
        }
        Path file = Path.of(reference);
        if (Files.isRegularFile(file)) {
            return file(file);
        }
        String bare = reference.replaceFirst("\\.ya?ml$", "");
        if (CATALOGUE.contains(bare)) {
            return resource(CATALOGUE_RESOURCE + bare + ".yaml");
        }
        String path = reference.startsWith("/") ? reference.substring(1) : reference;
        if (readResource(path) != null) {
            return resource(path);
        }
        throw new ScenarioException("no scenario '" + reference + "': it is not a catalogue name, a file or a "
                + "classpath resource. Catalogue: " + String.join(", ", CATALOGUE));
    }

    /**
     * A scenario's YAML and where it came from.
     *
     * @param origin the file or resource name, used in error messages and as the default scenario name
     */
    public record Source(String yaml, String origin) {
    }

    private static Source resource(String path) {
        return new Source(readResource(path), path);
    }

    private static Source file(Path file) {
        try {
            if (Files.size(file) > ScenarioLoader.MAX_CHARS * 4L) {
                throw new ScenarioException(file + ": the file is larger than " + ScenarioLoader.MAX_CHARS / 1024
                        + " KiB; a scenario is a short list of rules");
            }
            return new Source(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot be read: " + e.getMessage());
        }
    }

    private static String readResource(String path) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Scenarios.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
