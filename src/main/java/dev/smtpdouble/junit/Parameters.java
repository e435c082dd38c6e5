package dev.smtpdouble.junit;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.SmtpDoubleControl;
import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.journal.JournalReader;
import dev.smtpdouble.remote.SmtpDoubleClient;
import dev.smtpdouble.time.ManualClock;
import dev.smtpdouble.tls.Trust;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * The parameters the extension injects: what works wherever the server runs ({@link SmtpDoubleControl},
 * {@link JournalReader}), what only a server in this JVM has ({@link SmtpDouble}, {@link Journal} and
 * its TLS trust), and what only a container has (its admin client, the container itself).
 */
final class Parameters {

    /** Named, not referenced: Testcontainers is optional, and loading this class must not need it. */
    private static final String CONTAINER_CLASS = "dev.smtpdouble.testcontainers.SmtpDoubleContainer";

    private static final Set<Class<?>> EITHER = Set.of(SmtpDoubleControl.class, JournalReader.class);
    private static final Set<Class<?>> IN_THIS_JVM = Set.of(SmtpDouble.class, Journal.class, Trust.class,
            SSLContext.class, SSLSocketFactory.class, ManualClock.class);

    private Parameters() {
    }

    static boolean supports(Class<?> type) {
        return EITHER.contains(type) || IN_THIS_JVM.contains(type) || type == SmtpDoubleClient.class
                || type.getName().equals(CONTAINER_CLASS);
    }

    static Object resolve(Class<?> type, ServerResource resource) {
        SmtpDoubleControl server = resource.server();
        if (type == SmtpDoubleControl.class) {
            return server;
        }
        if (type == JournalReader.class) {
            return server.journal();
        }
        if (server instanceof SmtpDouble embedded && IN_THIS_JVM.contains(type)) {
            return inThisJvm(type, embedded);
        }
        if (!(server instanceof SmtpDouble) && type == SmtpDoubleClient.class) {
            return server;
        }
        if (!(server instanceof SmtpDouble) && type.getName().equals(CONTAINER_CLASS)) {
            return resource.started().container();
        }
        throw new ParameterResolutionException("a " + type.getSimpleName() + " parameter needs an smtp-double "
                + (server instanceof SmtpDouble ? "in a container (container = true)"
                        : "in this JVM, but this one runs in a container")
                + "; declare SmtpDoubleControl (and JournalReader), which work both ways");
    }

    private static Object inThisJvm(Class<?> type, SmtpDouble server) {
        if (type == ManualClock.class) {
            if (server.clock() instanceof ManualClock clock) {
                return clock;
            }
            throw new ParameterResolutionException("this smtp-double runs on the wall clock; for a ManualClock "
                    + "parameter use @SmtpDoubleTest(manualClock = true) or SmtpDoubleExtension.builder().manualClock()");
        }
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
}
