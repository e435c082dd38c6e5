package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Logging section says what a user's test JVM prints with the published jar and its
 * dependencies alone (slf4j-api, no provider), and that a provider makes the warning go away. Both
 * are run here in a JVM of their own, on the class path a user's build gives.
 */
class ReadmeLoggingIT {

    /** The published jar's runtime dependencies, as a consumer build resolves them. */
    private static final Pattern DEPENDENCY =
            Pattern.compile("(angus-|jakarta\\.mail|jakarta\\.activation|bcpkix|bcprov|bcutil|slf4j-api)[^" + Pattern.quote(File.separator) + "]*\\.jar");
    private static final String STARTS_A_SERVER = """
            public class StartsAServer {
                public static void main(String[] args) {
                    try (var smtp = dev.smtpdouble.SmtpDouble.builder().start()) {
                        System.out.println("listening on " + smtp.port());
                    }
                }
            }
            """;

    @TempDir
    Path directory;

    @Test
    void withoutAProviderTheJvmPrintsWhatTheReadmeShows() throws Exception {
        Matcher block = Pattern.compile("```text\n(SLF4J\\(W\\): No SLF4J providers.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("README.md")));
        assertThat(block.find()).as("the README's text block of the SLF4J warning").isTrue();

        Run run = startAServer(userClassPath());

        assertThat(run.stdout()).startsWith("listening on ");
        assertThat(run.stderr()).isEqualTo(block.group(1));
    }

    @Test
    void slf4jSimpleInTestScopeSilencesIt() throws Exception {
        String simple = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> Path.of(entry).getFileName().toString().startsWith("slf4j-simple-"))
                .findFirst().orElseThrow();

        Run run = startAServer(userClassPath() + File.pathSeparator + simple);

        assertThat(run.stdout()).startsWith("listening on ");
        assertThat(run.stderr()).isEmpty();
    }

    private static String userClassPath() {
        String jar = System.getProperty("smtpdouble.publishedJar");
        assertThat(jar).as("system property smtpdouble.publishedJar; run through mvn verify").isNotNull();
        List<String> dependencies = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> DEPENDENCY.matcher(Path.of(entry).getFileName().toString()).matches())
                .toList();
        assertThat(dependencies).as("slf4j-api among " + dependencies).anyMatch(entry -> entry.contains("slf4j-api"));
        return Stream.concat(Stream.of(jar), dependencies.stream()).collect(Collectors.joining(File.pathSeparator));
    }

    private Run startAServer(String classPath) throws IOException, InterruptedException {
        Path source = Files.writeString(directory.resolve("StartsAServer.java"), STARTS_A_SERVER);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = directory.resolve("out.txt");
        Path err = directory.resolve("err.txt");
        Process process = new ProcessBuilder(java.toString(), "-cp", classPath, source.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the JVM that starts a server did not end: " + Files.readString(err));
        }
        assertThat(process.exitValue()).as(Files.readString(err)).isZero();
        return new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(String stdout, String stderr) {
    }
}
