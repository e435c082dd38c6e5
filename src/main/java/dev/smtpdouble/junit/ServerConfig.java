package dev.smtpdouble.junit;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.protocol.SyntaxMode;
import dev.smtpdouble.sasl.Credentials;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.Scenarios;
import java.nio.file.Path;
import dev.smtpdouble.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * How the extension starts its server and what it checks, from {@link SmtpDoubleTest} or from
 * {@link SmtpDoubleExtension.Builder}.
 *
 * @param scenario  the scenario to start with, loaded when the server starts (so a bad file fails the
 *                  class or test that needs it, with the loader's message)
 * @param reference the scenario as the test named it (empty: accept everything), for a container
 * @param server    changes to the server's builder, in order
 * @param container where the server runs: in this JVM, or the image and options of a container
 */
record ServerConfig(Supplier<Scenario> scenario, String reference, List<Consumer<SmtpDouble.Builder>> server,
                    ContainerSettings container, boolean serverPerTest, boolean resetBeforeEach,
                    boolean failOnUnfiredRules, boolean failOnUnexpectedRejections) {

    static final ServerConfig DEFAULTS = new ServerConfig(() -> Scenario.ACCEPT_ALL, "", List.of(),
            ContainerSettings.IN_PROCESS, false, true, false, false);

    ServerConfig {
        server = List.copyOf(server);
    }

    /**
     * For a container: the image (null: the server runs in this JVM), the server's command-line
     * options that carry the settings, and the settings that have none (refused when it starts).
     */
    record ContainerSettings(String image, List<String> options, List<String> unsupported) {

        static final ContainerSettings IN_PROCESS = new ContainerSettings(null, List.of(), List.of());

        ContainerSettings {
            options = List.copyOf(options);
            unsupported = List.copyOf(unsupported);
        }

        boolean inContainer() {
            return image != null;
        }

        /** The image named, else the system property {@code smtpdouble.image}, else {@code SMTP_DOUBLE_IMAGE}. */
        static String image(String named) {
            return image(named, System.getProperty("smtpdouble.image"), System.getenv("SMTP_DOUBLE_IMAGE"));
        }

        static String image(String named, String property, String environment) {
            if (!named.isBlank()) {
                return named;
            }
            String image = property != null && !property.isBlank() ? property : environment;
            if (image == null || image.isBlank()) {
                throw new ExtensionConfigurationException("container = true needs the smtp-double image: set "
                        + "@SmtpDoubleTest(image = ...), the system property smtpdouble.image or the environment "
                        + "variable SMTP_DOUBLE_IMAGE");
            }
            return image;
        }
    }

    static ServerConfig of(SmtpDoubleTest annotation) {
        List<Consumer<SmtpDouble.Builder>> server = new ArrayList<>();
        List<String> options = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        server.add(b -> b.syntax(annotation.syntax()));
        if (annotation.syntax() != SyntaxMode.LENIENT) {
            options.addAll(List.of("--syntax", annotation.syntax().name().toLowerCase(Locale.ROOT)));
        }
        if (!annotation.hostname().isEmpty()) {
            server.add(b -> b.hostname(annotation.hostname()));
            options.addAll(List.of("--hostname", annotation.hostname()));
        }
        if (annotation.maxMessageSize() > 0) {
            server.add(b -> b.maxMessageSize(annotation.maxMessageSize()));
            options.addAll(List.of("--max-message-size", String.valueOf(annotation.maxMessageSize())));
        }
        if (annotation.maxConnections() > 0) {
            server.add(b -> b.maxConnections(annotation.maxConnections()));
            unsupported.add("maxConnections");
        }
        if (annotation.maxRecipients() > 0) {
            server.add(b -> b.maxRecipients(annotation.maxRecipients()));
            unsupported.add("maxRecipients");
        }
        if (annotation.manualClock()) {
            server.add(b -> b.clock(new ManualClock()));
        }
        if (annotation.idleTimeoutMillis() > 0) {
            server.add(b -> b.idleTimeout(Duration.ofMillis(annotation.idleTimeoutMillis())));
            unsupported.add("idleTimeoutMillis");
        }
        tls(annotation, server);
        auth(annotation, server);
        authInContainer(annotation, options);
        tlsInContainer(annotation, options, unsupported);
        ContainerSettings container = annotation.container()
                ? new ContainerSettings(ContainerSettings.image(annotation.image()), options, unsupported)
                : ContainerSettings.IN_PROCESS;
        return new ServerConfig(scenarioFor(annotation.scenario()), annotation.scenario(), server, container,
                annotation.serverPerTest(), annotation.resetBeforeEach(), annotation.failOnUnfiredRules(),
                annotation.failOnUnexpectedRejections());
    }

    private static void tls(SmtpDoubleTest annotation, List<Consumer<SmtpDouble.Builder>> server) {
        server.add(b -> b.tls(annotation.tls()).requireTls(annotation.requireTls())
                .tlsCertificate(annotation.tlsCertificate()));
        if (annotation.tlsPort() >= 0) {
            server.add(b -> b.tlsPort(annotation.tlsPort()));
        }
        if (!annotation.tlsCert().isEmpty() || !annotation.tlsKey().isEmpty()) {
            server.add(b -> b.tlsCert(Path.of(annotation.tlsCert()), Path.of(annotation.tlsKey())));
        }
        if (!annotation.tlsKeystore().isEmpty()) {
            server.add(b -> b.tlsKeystore(Path.of(annotation.tlsKeystore()), annotation.tlsKeystorePassword()));
        }
        if (!annotation.tlsCaOut().isEmpty()) {
            server.add(b -> b.tlsCaOut(Path.of(annotation.tlsCaOut())));
        }
    }

    private static void auth(SmtpDoubleTest annotation, List<Consumer<SmtpDouble.Builder>> server) {
        for (String account : annotation.auth()) {
            Credentials.Account parsed = account(account);
            server.add(b -> b.auth(parsed.user(), parsed.password()));
        }
        server.add(b -> b.requireAuth(annotation.requireAuth()).allowPlaintextAuth(annotation.allowPlaintextAuth()));
    }

    private static Credentials.Account account(String userColonPassword) {
        try {
            return Credentials.Account.parse(userColonPassword);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@SmtpDoubleTest(auth = ...): " + e.getMessage(), e);
        }
    }

    /** The accounts and the AUTH policy are options of the image, as on the command line. */
    private static void authInContainer(SmtpDoubleTest annotation, List<String> options) {
        for (String account : annotation.auth()) {
            options.addAll(List.of("--auth", account));
        }
        if (annotation.requireAuth()) {
            options.add("--require-auth");
        }
        if (annotation.allowPlaintextAuth()) {
            options.add("--allow-plaintext-auth");
        }
    }

    /** STARTTLS and require-TLS are options of the image; certificates and TLS ports stay in this JVM. */
    private static void tlsInContainer(SmtpDoubleTest annotation, List<String> options, List<String> unsupported) {
        if (annotation.tls()) {
            options.add("--tls");
        }
        if (annotation.requireTls()) {
            options.add("--require-tls");
        }
        if (annotation.tlsPort() >= 0) {
            unsupported.add("tlsPort");
        }
        if (annotation.tlsCertificate() != dev.smtpdouble.tls.CertificateKind.VALID || !annotation.tlsCert().isEmpty()
                || !annotation.tlsKeystore().isEmpty() || !annotation.tlsCaOut().isEmpty()) {
            unsupported.add("tls certificates");
        }
    }

    /** The checks for one test: {@link UseScenario#failOnUnfiredRules()}, when given, overrides the class's. */
    ServerConfig forTest(Optional<UseScenario> use) {
        boolean[] unfired = use.map(UseScenario::failOnUnfiredRules).orElse(new boolean[0]);
        return unfired.length == 0 ? this : new ServerConfig(scenario, reference, server, container, serverPerTest,
                resetBeforeEach, unfired[0], failOnUnexpectedRejections);
    }

    static Supplier<Scenario> scenarioFor(String reference) {
        return reference.isEmpty() ? () -> Scenario.ACCEPT_ALL : () -> Scenarios.load(reference);
    }

    /** Starts the server: binds a free loopback port, or starts a container. */
    ServerResource.Started start() {
        if (container.inContainer()) {
            if (!container.unsupported().isEmpty()) {
                throw new ExtensionConfigurationException(String.join(", ", container.unsupported())
                        + " cannot be set on a server in a container: put the setting in the scenario's server: "
                        + "section instead");
            }
            return ContainerServer.start(this);
        }
        SmtpDouble.Builder builder = SmtpDouble.builder().host("127.0.0.1").port(0);
        server.forEach(change -> change.accept(builder));
        SmtpDouble started = builder.scenario(scenario.get()).start();
        return new ServerResource.Started(started, started);
    }
}
