package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's Spring Boot section shows, verbatim, the files of the consumer build that CI runs on
 * Spring Boot 3 and 4 ({@code src/it/spring-boot}).
 */
class ReadmeSpringSectionTest {

    @ParameterizedTest
    @ValueSource(strings = {"src/test/java/shop/mail/WelcomeMailerTest.java", "src/main/java/shop/mail/WelcomeMailer.java"})
    void showsTheTestedConsumerVerbatim(String file) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String source = Files.readString(Path.of("src/it/spring-boot").resolve(file));

        assertThat(readme).contains("```java\n" + source + "```\n");
    }
}
