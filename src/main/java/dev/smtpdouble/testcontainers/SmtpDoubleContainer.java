package dev.smtpdouble.testcontainers;

import dev.smtpdouble.remote.SmtpDoubleClient;
import dev.smtpdouble.scenario.Scenarios;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * The smtp-double image as a Testcontainers container: SMTP on {@link #getSmtpPort()}, the admin API
 * behind {@link #client()}, ready once {@code GET /health} answers 200 (every listener accepts).
 *
 * <pre>{@code
 * @Container
 * static SmtpDoubleContainer smtp = new SmtpDoubleContainer("ghcr.io/your-org/smtp-double:0.1.0")
 *         .withScenario("greeting-421-then-accept")
 *         .withListener(2526, "greylist");
 *
 * @Test
 * void retries() {
 *     mailer(smtp.getSmtpHost(), smtp.getSmtpPort()).send(...);
 *     SmtpAssertions.assertThat(smtp.client()).awaitMessages(1).hasConnections(2);
 * }
 * }</pre>
 *
 * <p>A scenario given as a file or as YAML is checked here first (a mistake fails with file, line
 * and column before any container starts) and copied into the container's {@code /scenarios}.
 */
public class SmtpDoubleContainer extends GenericContainer<SmtpDoubleContainer> {

    /** The SMTP port of the first listener, inside the container. */
    public static final int SMTP_PORT = 2525;
    /** The admin API's port, inside the container. */
    public static final int ADMIN_PORT = 8025;

    private final Map<Integer, String> listeners = new LinkedHashMap<>();
    private final List<String> options = new ArrayList<>();
    private String token;
    private String scenarioYaml;
    private int copies;

    public SmtpDoubleContainer(String image) {
        this(DockerImageName.parse(image));
    }

    public SmtpDoubleContainer(DockerImageName image) {
        super(image);
        withExposedPorts(SMTP_PORT, ADMIN_PORT);
        waitingFor(Wait.forHttp("/health").forPort(ADMIN_PORT).forStatusCode(200)
                .withStartupTimeout(Duration.ofSeconds(60)));
    }

    /** A scenario by name: the catalogue's, or one in the container's {@code /scenarios} (mounted there). */
    public SmtpDoubleContainer withScenario(String name) {
        scenarioYaml = null;
        return withEnv("SMTP_DOUBLE_SCENARIO", name);
    }

    /** A scenario file of this machine, checked now and copied into the container. */
    public SmtpDoubleContainer withScenario(Path file) {
        Scenarios.fromFile(file);
        try {
            return withScenarioText(Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A scenario as YAML text, checked now and copied into the container. */
    public SmtpDoubleContainer withScenarioYaml(String yaml) {
        Scenarios.fromYaml(yaml, "withScenarioYaml");
        return withScenarioText(yaml);
    }

    /** Another SMTP listener on {@code port} (inside the container) with its own scenario (a name, or null for none). */
    public SmtpDoubleContainer withListener(int port, String scenario) {
        if (port == SMTP_PORT || port == ADMIN_PORT || port < 1 || port > 65535) {
            throw new IllegalArgumentException("a listener needs a port of its own (not " + SMTP_PORT + " or "
                    + ADMIN_PORT + "): " + port);
        }
        listeners.put(port, scenario);
        addExposedPort(port);
        return this;
    }

    /** Requires {@code Authorization: Bearer TOKEN} on the admin API; {@link #client()} sends it. */
    public SmtpDoubleContainer withAdminToken(String value) {
        token = value;
        return withEnv("SMTP_DOUBLE_ADMIN_TOKEN", value);
    }

    /** More command-line options of the server, e.g. {@code "--syntax", "strict"}. */
    public SmtpDoubleContainer withOptions(String... more) {
        options.addAll(List.of(more));
        return this;
    }

    public String getSmtpHost() {
        return getHost();
    }

    /** Where clients reach the first listener from the test. */
    public int getSmtpPort() {
        return getMappedPort(SMTP_PORT);
    }

    /** Where clients reach the listener on {@code port} (inside the container) from the test. */
    public int getSmtpPort(int port) {
        return getMappedPort(port);
    }

    /** The admin API as the test reaches it, e.g. {@code http://localhost:32771}. */
    public URI getAdminUri() {
        return URI.create("http://" + getHost() + ":" + getMappedPort(ADMIN_PORT));
    }

    /** A client of the admin API for the first listener. */
    public SmtpDoubleClient client() {
        return SmtpDoubleClient.builder(getAdminUri()).token(token).listener(SMTP_PORT)
                .smtp(getSmtpHost(), getSmtpPort()).startedWith(scenarioYaml).build();
    }

    /** A client of the admin API for the listener on {@code port} (inside the container). */
    public SmtpDoubleClient client(int port) {
        return SmtpDoubleClient.builder(getAdminUri()).token(token).listener(port)
                .smtp(getSmtpHost(), getSmtpPort(port)).build();
    }

    @Override
    protected void configure() {
        List<String> command = new ArrayList<>(options);
        listeners.forEach((port, scenario) -> {
            command.add("--listen");
            command.add(scenario == null ? String.valueOf(port) : port + "=" + scenario);
        });
        setCommand(command.toArray(String[]::new));
        super.configure();
    }

    private SmtpDoubleContainer withScenarioText(String yaml) {
        String path = "/scenarios/configured-" + (++copies) + ".yaml";
        scenarioYaml = yaml;
        withCopyToContainer(Transferable.of(yaml, 0644), path);
        return withEnv("SMTP_DOUBLE_SCENARIO", path);
    }
}
