package dev.smtpdouble.scenario;

import dev.smtpdouble.files.FileProblems;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Finds and loads scenarios: from YAML text, a file, a class path resource, or by reference in the
 * order {@link ScenarioLookup} gives (a file, a name in your {@code scenarios/} or the catalogue, a
 * resource).
 */
public final class Scenarios {

    /** The built-in scenarios, by name: {@code scenarios/} in the source tree, {@code dev/smtpdouble/scenarios/} in the jar. */
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

    /** The JSON Schema of the scenario language, inside the jar beside the catalogue. */
    public static final String SCHEMA_RESOURCE = ScenarioLookup.CATALOGUE_FOLDER + "scenario.schema.json";

    private Scenarios() {
    }

    /** @throws ScenarioException when the text is not a valid scenario */
    public static Scenario fromYaml(String yaml, String sourceName) {
        return ScenarioLoader.parse(yaml, sourceName);
    }

    /**
     * Where the scenario's {@code server:} block sets each of its keys, as {@code file:line:column: },
     * for problems found after loading (an unreadable certificate).
     */
    public static Map<String, String> serverKeyPlaces(Source source) {
        return ScenarioLoader.serverKeyPlaces(source.yaml(), source.origin());
    }

    public static Scenario fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(file + ": no such file");
        }
        return parse(readFile(file));
    }

    /** A scenario on the class path, e.g. {@code "scenarios/payment-outage.yaml"}. */
    public static Scenario fromClasspath(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (context != null ? context : Scenarios.class.getClassLoader()).getResourceAsStream(path)) {
            if (in == null) {
                throw new ScenarioException(resource + ": no such class path resource");
            }
            return fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads a scenario by reference: a file, a bare name ({@code scenarios/NAME.yaml} on the class
     * path, then the catalogue), or a class path resource, in that order ({@link ScenarioLookup}).
     *
     * @throws ScenarioException when there is no such scenario or it is not valid
     */
    public static Scenario load(String reference) {
        return parse(source(reference));
    }

    /**
     * The text of a scenario found as {@link #load(String)} finds it, unparsed: what a server in a
     * container is sent when a test names a scenario of its own class path.
     *
     * @throws ScenarioException when there is no such scenario
     */
    public static Source source(String reference) {
        return ScenarioLookup.onClassPath().find(reference);
    }

    /** The scenario a source holds, with its origin in error messages. */
    public static Scenario parse(Source source) {
        return fromYaml(source.yaml(), source.origin());
    }

    /**
     * A scenario's YAML and where it came from.
     *
     * @param origin the file or resource name, used in error messages and as the default scenario name
     */
    public record Source(String yaml, String origin) {
    }

    static Source readFile(Path file) {
        try {
            if (Files.size(file) > ScenarioLoader.MAX_CHARS * 4L) {
                throw new ScenarioException(file + ": the file is larger than " + ScenarioLoader.MAX_CHARS / 1024
                        + " KiB; a scenario is a short list of rules");
            }
            return new Source(FileProblems.utf8(Files.readAllBytes(file)), file.toString());
        } catch (FileProblems.NotUtf8Exception e) {
            throw new ScenarioException(file + ":" + e.line() + ":" + e.column() + ": " + e.getMessage()
                    + "; a scenario file is UTF-8");
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot be read: " + FileProblems.reason(e));
        }
    }
}
