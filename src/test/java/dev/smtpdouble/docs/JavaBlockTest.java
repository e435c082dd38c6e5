package dev.smtpdouble.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a block is told apart and wrapped, and that a compiler error points at the Markdown line. */
class JavaBlockTest {

    private static final String MARKDOWN = """
            # Title

            ```java
            package shop;

            class Whole {
            }
            ```

            ```java
            @SmtpDoubleTest(scenario = "greylist")   // a comment
            class AType {
            }
            ```

            ```java
            @RegisterExtension
            static SmtpDoubleExtension smtp = SmtpDoubleExtension.builder().build();
            ```

            ```java
            @Test
            void aMethod(SmtpDouble smtp) throws Exception {
            }
            ```

            ```java
            ManualClock clock = new ManualClock();
            clock.advance(Duration.ofMinutes(5));
            ```

            ```text
            not java
            ```
            """;

    @Test
    void findsEachJavaBlockAtItsFenceLine() {
        List<JavaBlock> blocks = JavaBlock.in("doc.md", MARKDOWN);

        assertThat(blocks).extracting(JavaBlock::line).containsExactly(3, 10, 16, 21, 27);
        assertThat(blocks).extracting(JavaBlock::kind).containsExactly(JavaBlock.Kind.FILE, JavaBlock.Kind.TYPE,
                JavaBlock.Kind.MEMBERS, JavaBlock.Kind.MEMBERS, JavaBlock.Kind.STATEMENTS);
        assertThat(blocks).extracting(JavaBlock::typeName).containsExactly("Whole", "AType", "Example", "Example", "Example");
    }

    @Test
    void anErrorIsReportedAtTheLineOfTheMarkdownFile(@TempDir Path classes) throws Exception {
        JavaBlock statements = JavaBlock.in("doc.md", """
                text

                ```java
                ManualClock clock = new ManualClock();
                clock.advanceBy(Duration.ofMinutes(5));
                ```
                """).get(0);

        List<String> errors = JavaBlocksCompileTest.compile(statements, Files.createDirectories(classes));

        assertThat(errors).singleElement().asString().startsWith("doc.md:5: cannot find symbol");
    }
}
