package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The README's sections on the postfix and exim profiles show, verbatim, the example tests that run. */
class ReadmeSyntaxProfilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"PostfixSyntaxTest.java", "EximSyntaxTest.java"})
    void showsTheExampleTestVerbatim(String file) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String source = Files.readString(Path.of("src/test/java/dev/smtpdouble/examples").resolve(file));
        String shown = source.substring(source.indexOf("@SmtpDoubleTest("));

        assertThat(readme).contains("```java\n" + shown + "```\n");
    }
}
