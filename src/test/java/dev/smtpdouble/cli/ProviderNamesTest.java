package dev.smtpdouble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.spi.SelectorProvider;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProviderNamesTest {

    private static final String[] KEYS = {"slf4j.provider", "slf4j.internal.verbosity",
            "java.nio.channels.spi.SelectorProvider"};
    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void save() {
        for (String key : KEYS) {
            saved.put(key, System.getProperty(key));
            System.clearProperty(key);
        }
    }

    @AfterEach
    void restore() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void namesTheProvidersTheSearchesWouldFind() throws Exception {
        ProviderNames.apply();

        assertThat(System.getProperty("slf4j.provider")).isEqualTo(ProviderNames.SLF4J_PROVIDER);
        assertThat(Class.forName(ProviderNames.SLF4J_PROVIDER)).as("in the jar, as a provider SLF4J accepts")
                .isAssignableTo(org.slf4j.spi.SLF4JServiceProvider.class);
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(System.getProperty("java.nio.channels.spi.SelectorProvider"))
                    .as("the provider the JDK uses anyway here")
                    .isEqualTo(SelectorProvider.provider().getClass().getName());
        }
    }

    @Test
    void keepsWhatTheUserSet() {
        System.setProperty("slf4j.provider", "org.example.TheirProvider");
        System.setProperty("slf4j.internal.verbosity", "DEBUG");
        System.setProperty("java.nio.channels.spi.SelectorProvider", "org.example.TheirSelector");

        ProviderNames.apply();

        assertThat(System.getProperty("slf4j.provider")).isEqualTo("org.example.TheirProvider");
        assertThat(System.getProperty("slf4j.internal.verbosity")).isEqualTo("DEBUG");
        assertThat(System.getProperty("java.nio.channels.spi.SelectorProvider")).isEqualTo("org.example.TheirSelector");
    }

    @Test
    void setUpLoggingLeavesTheThreadsContextLoaderAsItWas() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        ProviderNames.setUpLogging();

        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }
}
