package dev.smtpdouble.junit;

import dev.smtpdouble.SmtpDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A running server in JUnit's store, closed by the store when the context that started it ends.
 * It is both a {@code CloseableResource} (JUnit 5.10 to 5.12) and an {@code AutoCloseable} (JUnit
 * 5.13 and later, including 6); closing twice does nothing the second time.
 *
 * @param owner the unique id of the extension context that started it
 */
record ServerResource(SmtpDouble server, ServerConfig config, String owner, AtomicBoolean closed)
        implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    ServerResource(SmtpDouble server, ServerConfig config, ExtensionContext owner) {
        this(server, config, owner.getUniqueId(), new AtomicBoolean());
    }

    boolean ownedBy(ExtensionContext context) {
        return owner.equals(context.getUniqueId());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.close();
        }
    }
}
