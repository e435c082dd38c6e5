package alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClasspathTest {

    /** smtp-double keeps its Netty, SnakeYAML, Jackson and RE2/J to itself: none of them reaches this project. */
    @ParameterizedTest
    @ValueSource(strings = {"io.netty.channel.Channel", "org.yaml.snakeyaml.Yaml",
            "com.fasterxml.jackson.databind.ObjectMapper", "com.google.re2j.Pattern"})
    void addsNoLibraryOfItsOwn(String className) {
        assertThrows(ClassNotFoundException.class, () -> Class.forName(className));
    }

    /** This build runs on the JUnit that invoker.properties asked for. */
    @Test
    void runsOnTheRequestedJUnit() {
        assertEquals(System.getProperty("expected.junit.version"), Test.class.getPackage().getImplementationVersion());
    }
}
