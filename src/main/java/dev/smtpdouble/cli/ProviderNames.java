package dev.smtpdouble.cli;

/**
 * Names, before anything asks, the providers that SLF4J and the JDK's selector would otherwise look
 * for on the class path, and sets up SLF4J without its search for a properties file. The first such
 * search opens the jar and reads its directory of some 5 000 entries, with the JDK's zip code not yet
 * compiled, on the way to the greeting; without them the server greeted 3-10 ms sooner in five of six
 * sets of interleaved starts (docs/performance.md). A value the user set stays. For the command line
 * only: the library, in a user's JVM, leaves these to the user.
 */
final class ProviderNames {

    /** slf4j-simple, which the standalone jar holds; SLF4J's own search would find it there. */
    static final String SLF4J_PROVIDER = "org.slf4j.simple.SimpleServiceProvider";
    /** The JDK's default on Linux, where a class path search finds no other. */
    static final String LINUX_SELECTOR = "sun.nio.ch.EPollSelectorProvider";

    private ProviderNames() {
    }

    /** Sets the names: first thing, before the early bind opens the JDK's selector. */
    static void apply() {
        setIfAbsent("slf4j.provider", SLF4J_PROVIDER);
        // SLF4J reports a named provider at level INFO on stderr; warnings and errors still show.
        setIfAbsent("slf4j.internal.verbosity", "WARN");
        if (System.getProperty("os.name", "").startsWith("Linux") && isBootClass(LINUX_SELECTOR)) {
            setIfAbsent("java.nio.channels.spi.SelectorProvider", LINUX_SELECTOR);
        }
    }

    /** Sets up SLF4J, once {@link #apply()} named its provider. */
    static void setUpLogging() {
        // slf4j-simple looks for simplelogger.properties through the thread's context loader. The jar has
        // none; the platform loader looks without opening the jar. slf4j-simple's system properties still apply.
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            org.slf4j.LoggerFactory.getILoggerFactory();
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static boolean isBootClass(String name) {
        try {
            Class.forName(name, false, null);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
