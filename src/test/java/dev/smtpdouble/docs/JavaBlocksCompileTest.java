package dev.smtpdouble.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```java} block of the README and of {@code docs/*.md} compiles as written, against
 * the test class path (smtp-double, Jakarta Mail, JUnit, AssertJ, Spring's mail support), with the
 * imports the README names ({@link JavaBlock} has the convention). A block that is a whole file of a
 * consumer build under {@code src/it} must be that file verbatim: the consumer build compiles and
 * runs it, on the Spring Boot versions this class path does not have. A block that declares a type
 * named like one of {@code src/test/java/dev/smtpdouble/examples} must be found verbatim in it, so
 * that the build also runs it. There is no way to mark a block as not compiled.
 */
class JavaBlocksCompileTest {

    private static final Path EXAMPLES = Path.of("src/test/java/dev/smtpdouble/examples");
    private static final Path CONSUMERS = Path.of("src/it");
    private static final Path CLASSES = Path.of("target/java-blocks");
    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    /** One for all blocks: it reads the class path's jars once. */
    private static final StandardJavaFileManager FILES = JAVAC.getStandardFileManager(null, Locale.ROOT, null);

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompilesAsWritten() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<JavaBlock> blocks = new ArrayList<>();
        for (Path file : files) {
            String markdown = Files.readString(file);
            List<JavaBlock> found = JavaBlock.in(file.toString(), markdown);
            assertThat(found).as("every ```java fence of %s opens a block this test reads (at the start of a line, closed by ```)", file)
                    .hasSize(markdown.split("```java", -1).length - 1);
            blocks.addAll(found);
        }
        assertThat(blocks).as("java blocks in README.md and docs/*.md").hasSizeGreaterThan(10);
        return blocks.stream().map(block -> dynamicTest(block.toString(), () -> check(block)));
    }

    private static void check(JavaBlock block) throws Exception {
        if (block.kind() == JavaBlock.Kind.FILE) {
            Optional<Path> consumerFile = consumerFileEqualTo(block.code());
            if (consumerFile.isPresent()) {
                return;   // compiled and run by the consumer build (maven-invoker-plugin, mvn verify)
            }
        }
        Path example = EXAMPLES.resolve(block.typeName() + ".java");
        if (block.kind() == JavaBlock.Kind.TYPE && Files.exists(example)) {
            assertThat(Files.readString(example))
                    .as("%s shows %s: the block must appear in that file as it is written in the docs", block, example)
                    .contains(block.code());
        }
        Path classes = Files.createDirectories(CLASSES.resolve(block.file().replace('/', '_') + "_" + block.line()));
        List<String> errors = compile(block, classes);
        assertThat(errors).as("%s does not compile as written:%n%s%nas compiled:%n%s", block,
                String.join("\n", errors), block.unit()).isEmpty();
        if (block.kind() == JavaBlock.Kind.STATEMENTS) {
            run(block, classes);
        }
    }

    /** Statements need nothing around them but the method they are put in: they run too. */
    private static void run(JavaBlock block, Path classes) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, JavaBlocksCompileTest.class.getClassLoader())) {
            Class<?> example = loader.loadClass("Example");
            Method method = example.getDeclaredMethod("example");
            method.setAccessible(true);
            Constructor<?> constructor = example.getDeclaredConstructor();
            constructor.setAccessible(true);
            try {
                method.invoke(constructor.newInstance());
            } catch (InvocationTargetException e) {
                throw new AssertionError(block + " compiles but fails when run: " + e.getCause(), e.getCause());
            }
        }
    }

    /** The compiler's errors, each as "FILE:LINE: message", with the line in the Markdown file. */
    static List<String> compile(JavaBlock block, Path out) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-d", out.toString(), "-classpath", readersClassPath(),
                "-proc:none", "-implicit:none", "-nowarn", "--release", "17");
        JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + block.typeName() + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return block.unit();
            }
        };
        JAVAC.getTask(null, FILES, diagnostics, options, null, List.of(source)).call();
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> (d.getSource() == null ? block.toString() : block.file() + ":" + block.markdownLine(d.getLineNumber()))
                        + ": " + d.getMessage(Locale.ROOT))
                .toList();
    }

    /** The test class path without this project's test classes: a reader has none of them. */
    private static String readersClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith(Path.of("target", "test-classes")))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Optional<Path> consumerFileEqualTo(String code) throws IOException {
        try (Stream<Path> files = Files.walk(CONSUMERS)) {
            return files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readString(p).equals(code);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).findFirst();
        }
    }
}
