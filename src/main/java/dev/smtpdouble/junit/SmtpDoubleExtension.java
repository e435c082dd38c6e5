package dev.smtpdouble.junit;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.SmtpDoubleControl;
import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.journal.JournalReader;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.junit.ServerConfig.ContainerSettings;
import dev.smtpdouble.protocol.SyntaxMode;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.Scenarios;
import dev.smtpdouble.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
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
 * constructors and lifecycle methods may declare {@link SmtpDouble} and {@link Journal} parameters,
 * or {@link SmtpDoubleControl} and {@link JournalReader}, which also work when the server runs in a
 * container ({@link SmtpDoubleTest#container()}, {@link Builder#container(String)}; then an
 * {@link dev.smtpdouble.remote.SmtpDoubleClient} or the {@code SmtpDoubleContainer} itself can be injected too),
 * and {@link ManualClock} when the server runs on one.
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
    private record TestState(Object scenarioBefore, long lastSessionBefore) {
    }

    private final ServerStore servers;
    /** The server this extension last started or handed out; for the field forms only. */
    private volatile ServerResource current;

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
        if (control() instanceof SmtpDouble server) {
            return server;
        }
        throw new IllegalStateException("this smtp-double runs in a container: use control()");
    }

    /** The running server, in this JVM or in a container; see {@link #server()} for when it starts. */
    public SmtpDoubleControl control() {
        ServerResource resource = current;
        if (resource == null) {
            throw new IllegalStateException("no smtp-double is running yet: a static field starts one before all "
                    + "tests, an instance field before each test");
        }
        return resource.server();
    }

    public String host() {
        return control().host();
    }

    public int port() {
        return control().port();
    }

    public Journal journal() {
        return server().journal();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        servers.forClass(context).ifPresent(resource -> current = resource);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ServerResource resource = servers.forTest(context);
        SmtpDoubleControl server = resource.server();
        current = resource;
        if (!resource.ownedBy(context) && resource.config().resetBeforeEach()) {
            refuseConcurrentSharing(context);
            server.reset();
        }
        servers.store(context).put(TEST, new TestState(resource.scenarioMark(), lastSessionId(server.journal())));
        useScenario(context).ifPresent(use -> server.useScenario(use.value()));
    }

    private static Optional<UseScenario> useScenario(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getTestMethod(), UseScenario.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestState state = servers.store(context).get(TEST, TestState.class);
        ServerResource resource = servers.find(context).orElse(null);
        if (state == null || resource == null) {
            return; // the test never got its server: beforeEach failed, and said why
        }
        try {
            if (context.getExecutionException().isEmpty()) {
                Expectations.verify(resource.config().forTest(useScenario(context)), resource.server(),
                        state.lastSessionBefore());
            }
        } finally {
            if (!resource.ownedBy(context)) {
                resource.restoreScenario(state.scenarioBefore());
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return Parameters.supports(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ServerResource resource;
        if (context.getTestMethod().isPresent()) {
            resource = servers.forTest(context);
        } else {
            resource = servers.forClass(context)
                    .orElseThrow(() -> new ParameterResolutionException("the smtp-double of "
                            + context.getDisplayName() + " is started per test: declare the parameter on test "
                            + "methods or @BeforeEach methods, not on " + parameter.getDeclaringExecutable()));
        }
        current = resource;
        return Parameters.resolve(parameter.getParameter().getType(), resource);
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

    private static long lastSessionId(JournalReader journal) {
        List<SessionRecord> sessions = journal.sessions();
        return sessions.isEmpty() ? 0 : sessions.get(sessions.size() - 1).id();
    }

    /** Configures a programmatic extension; every setting is optional. */
    public static final class Builder {
        private Supplier<Scenario> scenario = () -> Scenario.ACCEPT_ALL;
        private final List<Consumer<SmtpDouble.Builder>> server = new ArrayList<>();
        private boolean resetBeforeEach = true;
        private boolean failOnUnfiredRules;
        private boolean failOnUnexpectedRejections;
        private String reference = "";
        private String image;
        private final List<String> options = new ArrayList<>();
        private final List<String> unsupported = new ArrayList<>();

        private Builder() {
        }

        /**
         * Runs the server in a container of this image (started with Testcontainers, which must be on
         * the test classpath) instead of in this JVM. Tests then declare {@link SmtpDoubleControl}.
         */
        public Builder container(String imageName) {
            image = Objects.requireNonNull(imageName, "image");
            return this;
        }

        /**
         * The scenario: a catalogue name ({@code greylist}), a file path or a classpath resource. It is
         * loaded when the server starts, so a bad file fails the tests that need it, with the loader's message.
         */
        public Builder scenario(String reference) {
            scenario = ServerConfig.scenarioFor(Objects.requireNonNull(reference, "reference"));
            this.reference = reference;
            return this;
        }

        /** A scenario object: in this JVM only (a container is sent a scenario by reference). */
        public Builder scenario(Scenario value) {
            Objects.requireNonNull(value, "scenario");
            scenario = () -> value;
            unsupported.add("scenario(Scenario)");
            return this;
        }

        public Builder syntax(SyntaxMode value) {
            options.addAll(List.of("--syntax", value.name().toLowerCase(Locale.ROOT)));
            return change(b -> b.syntax(value));
        }

        public Builder hostname(String value) {
            options.addAll(List.of("--hostname", value));
            return change(b -> b.hostname(value));
        }

        public Builder maxMessageSize(long octets) {
            options.addAll(List.of("--max-message-size", String.valueOf(octets)));
            return change(b -> b.maxMessageSize(octets));
        }

        public Builder maxConnections(int value) {
            unsupported.add("maxConnections");
            return change(b -> b.maxConnections(value));
        }

        public Builder maxRecipients(int value) {
            unsupported.add("maxRecipients");
            return change(b -> b.maxRecipients(value));
        }

        public Builder idleTimeout(Duration value) {
            unsupported.add("idleTimeout");
            return change(b -> b.idleTimeout(value));
        }

        /**
         * Runs the server on a {@link ManualClock} that tests move forward; get it with
         * {@code (ManualClock) extension.server().clock()} or as a {@code ManualClock} parameter.
         */
        public Builder manualClock() {
            return configure(b -> b.clock(new ManualClock()));
        }

        /** An account AUTH accepts (repeatable); see {@link SmtpDoubleTest#auth()}. */
        public Builder auth(String user, String password) {
            return configure(b -> b.auth(user, password));
        }

        /** See {@link SmtpDoubleTest#requireAuth()}. */
        public Builder requireAuth(boolean on) {
            return configure(b -> b.requireAuth(on));
        }

        /** Any other server setting, e.g. {@code b -> b.journalCapacity(100).drainTimeout(Duration.ZERO)}. */
        public Builder configure(Consumer<SmtpDouble.Builder> change) {
            unsupported.add("configure(...)");
            return change(change);
        }

        private Builder change(Consumer<SmtpDouble.Builder> change) {
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
            ContainerSettings container = image == null ? ContainerSettings.IN_PROCESS
                    : new ContainerSettings(image, options, unsupported);
            return new SmtpDoubleExtension(new ServerConfig(scenario, reference, server, container, false,
                    resetBeforeEach, failOnUnfiredRules, failOnUnexpectedRejections));
        }
    }
}
