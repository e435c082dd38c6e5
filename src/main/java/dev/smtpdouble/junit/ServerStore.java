package dev.smtpdouble.junit;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Where one extension's servers live: in JUnit's {@link Store}, under a namespace of their own, as
 * an entry of the class context (one server per class) or of the test context (one per test). A
 * lookup from a test or a {@code @Nested} class sees the entries of the enclosing contexts, which is
 * how they share a server.
 */
final class ServerStore {

    private static final String SERVER = "server";

    /** The tests of a class each get their own server, with this configuration. */
    private record PerTest(ServerConfig config, String owner) {
    }

    /** From the builder; null when the extension is declarative and reads {@link SmtpDoubleTest}. */
    private final ServerConfig configured;
    private final Namespace namespace;

    ServerStore(Object extension, ServerConfig configured) {
        this.configured = configured;
        this.namespace = Namespace.create(SmtpDoubleExtension.class, extension);
    }

    Store store(ExtensionContext context) {
        return context.getStore(namespace);
    }

    /**
     * The class's server: started now unless it shares its enclosing class's, or is already started
     * (constructor injection may come before all callbacks); empty when its tests get one each.
     */
    Optional<ServerResource> forClass(ExtensionContext context) {
        Store store = store(context);
        Object existing = store.get(SERVER);
        Optional<ServerConfig> own = ownConfig(context);
        boolean startHere = existing == null
                || (own.isPresent() && configured == null && !ownedBy(existing, context));
        if (startHere) {
            ServerConfig config = own.orElse(ServerConfig.DEFAULTS);
            existing = config.serverPerTest() ? new PerTest(config, context.getUniqueId())
                    : new ServerResource(config.start(), config, context);
            store.put(SERVER, existing);
        }
        return existing instanceof ServerResource resource ? Optional.of(resource) : Optional.empty();
    }

    /** The server a test uses: its class's, or one of its own, started now. */
    ServerResource forTest(ExtensionContext context) {
        Store store = store(context);
        Object existing = store.get(SERVER);
        if (existing instanceof ServerResource resource) {
            return resource;
        }
        ServerConfig config = existing instanceof PerTest perTest ? perTest.config()
                : ownConfig(context).orElse(ServerConfig.DEFAULTS);
        ServerResource resource = new ServerResource(config.start(), config, context);
        store.put(SERVER, resource);
        return resource;
    }

    /** The server a test used, if one was started or found for it. */
    Optional<ServerResource> find(ExtensionContext context) {
        return store(context).get(SERVER) instanceof ServerResource resource ? Optional.of(resource) : Optional.empty();
    }

    /** The builder's configuration, or the annotation on the context's own class (not an enclosing one). */
    private Optional<ServerConfig> ownConfig(ExtensionContext context) {
        if (configured != null) {
            return Optional.of(configured);
        }
        return context.getTestClass()
                .flatMap(type -> AnnotationSupport.findAnnotation(type, SmtpDoubleTest.class))
                .map(ServerConfig::of);
    }

    private static boolean ownedBy(Object entry, ExtensionContext context) {
        return entry instanceof ServerResource resource ? resource.ownedBy(context)
                : entry instanceof PerTest perTest && perTest.owner().equals(context.getUniqueId());
    }
}
