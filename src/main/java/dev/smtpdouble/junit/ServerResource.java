package dev.smtpdouble.junit;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.SmtpDoubleControl;
import dev.smtpdouble.remote.SmtpDoubleClient;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A running server in JUnit's store, closed by the store when the context that started it ends.
 * It is both a {@code CloseableResource} (JUnit 5.10 to 5.12) and an {@code AutoCloseable} (JUnit
 * 5.13 and later, including 6); closing twice does nothing the second time.
 *
 * @param owner the unique id of the extension context that started it
 */
record ServerResource(Started started, ServerConfig config, String owner, AtomicBoolean closed)
        implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    /**
     * What {@link ServerConfig#start()} started.
     *
     * @param control  what tests drive: the server itself, or a client of its admin API
     * @param stopper  stops it
     * @param container the Testcontainers container, or null in this JVM
     */
    record Started(SmtpDoubleControl control, AutoCloseable stopper, Object container) {
        Started(SmtpDouble server, AutoCloseable stopper) {
            this(server, stopper, null);
        }
    }

    ServerResource(Started started, ServerConfig config, ExtensionContext owner) {
        this(started, config, owner.getUniqueId(), new AtomicBoolean());
    }

    SmtpDoubleControl server() {
        return started.control();
    }

    boolean ownedBy(ExtensionContext context) {
        return owner.equals(context.getUniqueId());
    }

    /** Tells which scenario is in force now, to put it back later: the scenario itself, or the YAML sent. */
    Object scenarioMark() {
        return server() instanceof SmtpDouble embedded ? embedded.scenario() : ((SmtpDoubleClient) server()).scenarioYaml();
    }

    /** Puts back the scenario a mark names, unless it is in force already. */
    void restoreScenario(Object mark) {
        if (server() instanceof SmtpDouble embedded) {
            if (embedded.scenario() != mark) {
                embedded.useScenario((dev.smtpdouble.scenario.Scenario) mark);
            }
        } else if (mark != null) {
            SmtpDoubleClient client = (SmtpDoubleClient) server();
            if (!Objects.equals(client.scenarioYaml(), mark)) {
                client.useScenarioYaml((String) mark);
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (closed.compareAndSet(false, true)) {
            started.stopper().close();
        }
    }
}
