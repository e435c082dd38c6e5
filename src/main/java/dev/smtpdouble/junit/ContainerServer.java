package dev.smtpdouble.junit;

import dev.smtpdouble.scenario.Scenarios;
import dev.smtpdouble.testcontainers.SmtpDoubleContainer;

/**
 * Starts the server of a {@code container = true} test class with Testcontainers: the only class of
 * this package that touches it, so that tests in this JVM never need Testcontainers on the classpath.
 */
final class ContainerServer {

    /** Marks the containers the extension starts. */
    static final String LABEL = "dev.smtpdouble.junit";

    private ContainerServer() {
    }

    static ServerResource.Started start(ServerConfig config) {
        try {
            Class.forName("org.testcontainers.containers.GenericContainer");
        } catch (ClassNotFoundException e) {
            throw new org.junit.jupiter.api.extension.ExtensionConfigurationException("container = true needs "
                    + "org.testcontainers:testcontainers (2.x) on the test classpath");
        }
        SmtpDoubleContainer container = new SmtpDoubleContainer(config.container().image())
                .withLabel(LABEL, "true")
                .withOptions(config.container().options().toArray(String[]::new));
        if (!config.reference().isEmpty()) {
            // loaded here as in this JVM (catalogue, file or classpath resource), then sent as YAML
            Scenarios.Source source = Scenarios.source(config.reference());
            Scenarios.fromYaml(source.yaml(), source.origin());
            container.withScenarioYaml(source.yaml());
        } else {
            container.withScenarioYaml(Scenarios.source("accept-all").yaml());
        }
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            throw e;
        }
        return new ServerResource.Started(container.client(), container::stop, container);
    }
}
