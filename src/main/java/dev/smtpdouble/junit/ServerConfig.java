package dev.smtpdouble.junit;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.Scenarios;
import java.nio.file.Path;
import dev.smtpdouble.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How the extension starts its server and what it checks, from {@link SmtpDoubleTest} or from
 * {@link SmtpDoubleExtension.Builder}.
 *
 * @param scenario the scenario to start with, loaded when the server starts (so a bad file fails the
 *                 class or test that needs it, with the loader's message)
 * @param server   changes to the server's builder, in order
 */
record ServerConfig(Supplier<Scenario> scenario, List<Consumer<SmtpDouble.Builder>> server, boolean serverPerTest,
                    boolean resetBeforeEach, boolean failOnUnfiredRules, boolean failOnUnexpectedRejections) {

    static final ServerConfig DEFAULTS =
            new ServerConfig(() -> Scenario.ACCEPT_ALL, List.of(), false, true, false, false);

    ServerConfig {
        server = List.copyOf(server);
    }

    static ServerConfig of(SmtpDoubleTest annotation) {
        List<Consumer<SmtpDouble.Builder>> server = new ArrayList<>();
        server.add(b -> b.syntax(annotation.syntax()));
        if (!annotation.hostname().isEmpty()) {
            server.add(b -> b.hostname(annotation.hostname()));
        }
        if (annotation.maxMessageSize() > 0) {
            server.add(b -> b.maxMessageSize(annotation.maxMessageSize()));
        }
        if (annotation.maxConnections() > 0) {
            server.add(b -> b.maxConnections(annotation.maxConnections()));
        }
        if (annotation.maxRecipients() > 0) {
            server.add(b -> b.maxRecipients(annotation.maxRecipients()));
        }
        if (annotation.manualClock()) {
            server.add(b -> b.clock(new ManualClock()));
        }
        if (annotation.idleTimeoutMillis() > 0) {
            server.add(b -> b.idleTimeout(Duration.ofMillis(annotation.idleTimeoutMillis())));
        }
        tls(annotation, server);
        return new ServerConfig(scenarioFor(annotation.scenario()), server, annotation.serverPerTest(),
                annotation.resetBeforeEach(), annotation.failOnUnfiredRules(),
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

    static Supplier<Scenario> scenarioFor(String reference) {
        return reference.isEmpty() ? () -> Scenario.ACCEPT_ALL : () -> Scenarios.load(reference);
    }

    /** Binds a server on a free loopback port. */
    SmtpDouble start() {
        SmtpDouble.Builder builder = SmtpDouble.builder().host("127.0.0.1").port(0);
        server.forEach(change -> change.accept(builder));
        return builder.scenario(scenario.get()).start();
    }
}
