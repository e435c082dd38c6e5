package dev.smtpdouble.junit;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.tls.Trust;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.protocol.SyntaxMode;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.Scenarios;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs an smtp-double for JUnit 5 tests: declaratively through {@link SmtpDoubleTest}, or
 * programmatically through a field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static SmtpDoubleExtension smtp = SmtpDoubleExtension.builder().scenario("greylist").build();
 * }</pre>
 *
 * <p>A static field gives one server per class (started before all tests, closed after them); an
 * instance field one server per test. Each server listens on a free loopback port and lives in
 * JUnit's {@link Store}, which closes it; the extension keeps nothing static. Test methods,
 * constructors and lifecycle methods may declare {@link SmtpDouble} and {@link Journal} parameters.
 * A {@code @Nested} class shares the server of its enclosing class, unless it registers its own.
 *
 * <p>Before each test on a shared server, the journal is cleared and the scenario's counters,
 * connection numbers and state are reset (unless turned off). {@link UseScenario} switches the
 * scenario for one test; after each test on a shared server the scenario in force before it is put
 * back, whether the annotation or the test itself changed it. Then the opt-in checks run:
 * unfired rules and rejections no rule asked for.
 *
 * <p>Several servers in one class (e.g. a primary and a fallback relay) are several fields; then
 * inject none by parameter (the resolvers would compete) and use {@link #server()} instead.
 */
public final class SmtpDoubleExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final String TEST = "test";
    private static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";

    /** What a test found before it ran, to check and restore after it. */
    private record TestState(Scenario scenarioBefore, long lastSessionBefore) {
    }

    private final ServerStore servers;
    /** The server this extension last started or handed out; for the field forms only. */
    private volatile SmtpDouble current;

    /** Used by {@link SmtpDoubleTest}; configured by the annotation. Programmatic users call {@link #builder()}. */
    public SmtpDoubleExtension() {
        this(null);
    }

    SmtpDoubleExtension(ServerConfig configured) {
        this.servers = new ServerStore(this, configured);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The running server: from before all tests with a static field, from before each test with an
     * instance field.
     */
    public SmtpDouble server() {
        SmtpDouble server = current;
        if (server == null) {
            throw new IllegalStateException("no smtp-double is running yet: a static field starts one before all "
                    + "tests, an instance field before each test");
        }
        return server;
    }

    public String host() {
        return server().host();
    }

    public int port() {
        return server().port();
    }

    public Journal journal() {
        return server().journal();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        servers.forClass(context).ifPresent(resource -> current = resource.server());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ServerResource resource = servers.forTest(context);
        SmtpDouble server = resource.server();
        current = server;
        if (!resource.ownedBy(context) && resource.config().resetBeforeEach()) {
            refuseConcurrentSharing(context);
            server.reset();
        }
        servers.store(context).put(TEST, new TestState(server.scenario(), server.journal().lastSessionId()));
        AnnotationSupport.findAnnotation(context.getTestMethod(), UseScenario.class)
                .ifPresent(use -> server.useScenario(Scenarios.load(use.value())));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestState state = servers.store(context).get(TEST, TestState.class);
        ServerResource resource = servers.find(context).orElse(null);
        if (state == null || resource == null) {
            return; // the test never got its server: beforeEach failed, and said why
        }
        SmtpDouble server = resource.server();
        try {
            if (context.getExecutionException().isEmpty()) {
                Expectations.verify(resource.config(), server, state.lastSessionBefore());
            }
        } finally {
            if (!resource.ownedBy(context) && server.scenario() != state.scenarioBefore()) {
                server.useScenario(state.scenarioBefore());
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == SmtpDouble.class || type == Journal.class || type == Trust.class || type == SSLContext.class
                || type == SSLSocketFactory.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SmtpDouble server;
        if (context.getTestMethod().isPresent()) {
            server = servers.forTest(context).server();
        } else {
            server = servers.forClass(context)
                    .orElseThrow(() -> new ParameterResolutionException("the smtp-double of "
                            + context.getDisplayName() + " is started per test: declare the parameter on test "
                            + "methods or @BeforeEach methods, not on " + parameter.getDeclaringExecutable()))
                    .server();
        }
        current = server;
        Class<?> type = parameter.getParameter().getType();
        if (type == Journal.class) {
            return server.journal();
        } else if (type == Trust.class) {
            return server.tls();
        } else if (type == SSLContext.class) {
            return server.tls().sslContext();
        } else if (type == SSLSocketFactory.class) {
            return server.tls().socketFactory();
        }
        return server;
    }

    /** Resetting a server that concurrent tests share would wipe what the others are doing. */
    private static void refuseConcurrentSharing(ExtensionContext context) {
        boolean parallel = context.getConfigurationParameter(PARALLEL).map(Boolean::parseBoolean).orElse(false);
        if (parallel && context.getExecutionMode() == ExecutionMode.CONCURRENT) {
            throw new ExtensionConfigurationException(context.getRequiredTestClass().getName() + " runs its tests "
                    + "concurrently on one shared smtp-double, and the reset before each test would clear the "
                    + "journal and counters of the tests running beside it. Give each test its own server (an "
                    + "instance field, or @SmtpDoubleTest(serverPerTest = true)), or turn resetBeforeEach off "
                    + "and tell the tests' mail apart by recipient.");
        }
    }

    /** Configures a programmatic extension; every setting is optional. */
    public static final class Builder {
        private Supplier<Scenario> scenario = () -> Scenario.ACCEPT_ALL;
        private final List<Consumer<SmtpDouble.Builder>> server = new ArrayList<>();
        private boolean resetBeforeEach = true;
        private boolean failOnUnfiredRules;
        private boolean failOnUnexpectedRejections;

        private Builder() {
        }

        /**
         * The scenario: a catalogue name ({@code greylist}), a file path or a classpath resource. It is
         * loaded when the server starts, so a bad file fails the tests that need it, with the loader's message.
         */
        public Builder scenario(String reference) {
            scenario = ServerConfig.scenarioFor(Objects.requireNonNull(reference, "reference"));
            return this;
        }

        public Builder scenario(Scenario value) {
            Objects.requireNonNull(value, "scenario");
            scenario = () -> value;
            return this;
        }

        public Builder syntax(SyntaxMode value) {
            return configure(b -> b.syntax(value));
        }

        public Builder hostname(String value) {
            return configure(b -> b.hostname(value));
        }

        public Builder maxMessageSize(long octets) {
            return configure(b -> b.maxMessageSize(octets));
        }

        public Builder maxConnections(int value) {
            return configure(b -> b.maxConnections(value));
        }

        public Builder maxRecipients(int value) {
            return configure(b -> b.maxRecipients(value));
        }

        public Builder idleTimeout(Duration value) {
            return configure(b -> b.idleTimeout(value));
        }

        /** Any other server setting, e.g. {@code b -> b.journalCapacity(100).drainTimeout(Duration.ZERO)}. */
        public Builder configure(Consumer<SmtpDouble.Builder> change) {
            server.add(Objects.requireNonNull(change, "change"));
            return this;
        }

        /** See {@link SmtpDoubleTest#resetBeforeEach()}; default true. */
        public Builder resetBeforeEach(boolean value) {
            resetBeforeEach = value;
            return this;
        }

        /** See {@link SmtpDoubleTest#failOnUnfiredRules()}; default false. */
        public Builder failOnUnfiredRules(boolean value) {
            failOnUnfiredRules = value;
            return this;
        }

        /** See {@link SmtpDoubleTest#failOnUnexpectedRejections()}; default false. */
        public Builder failOnUnexpectedRejections(boolean value) {
            failOnUnexpectedRejections = value;
            return this;
        }

        public SmtpDoubleExtension build() {
            return new SmtpDoubleExtension(new ServerConfig(scenario, server, false, resetBeforeEach,
                    failOnUnfiredRules, failOnUnexpectedRejections));
        }
    }
}
