package dev.smtpdouble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's copy of {@code --help} is what the command prints (80 columns, as on a pipe). */
class ReadmeHelpTest {

    private static final String COMMAND = "$ java -jar target/smtp-double.jar --help\n";

    @Test
    void theReadmeShowsTheRealHelp() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile("```text\n" + Pattern.quote(COMMAND) + "(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("a text block in README.md starting with " + COMMAND).isTrue();

        StringWriter out = new StringWriter();
        int status = Main.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
                .execute("--help");

        assertThat(status).isZero();
        assertThat(block.group(1)).isEqualTo(out.toString());
    }
}
