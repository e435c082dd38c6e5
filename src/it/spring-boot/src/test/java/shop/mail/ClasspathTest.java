package shop.mail;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * smtp-double keeps its Netty and Jackson to itself: none reaches this application, so Spring Boot's
 * dependency management has nothing of it to move to another version.
 */
class ClasspathTest {

    @ParameterizedTest
    @ValueSource(strings = {"io.netty.channel.Channel", "com.fasterxml.jackson.databind.ObjectMapper"})
    void addsNoLibraryOfItsOwn(String className) {
        assertThatThrownBy(() -> Class.forName(className)).isInstanceOf(ClassNotFoundException.class);
    }
}
