package dev.smtpdouble.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts the packaged jar for a test and stops whatever is still running after it. */
final class JarProcesses implements AfterEachCallback {

    private final List<Child> started = new ArrayList<>();

    /** {@code java [jvmOptions] -jar target/smtp-double.jar [args]} in {@code directory}. */
    Child start(Path directory, List<String> jvmOptions, List<String> environment, String... args)
            throws IOException {
        Child child = Child.start(Child.packagedJar(), directory, jvmOptions, environment, args);
        started.add(child);
        return child;
    }

    /** @param prefix a command that runs the JVM, e.g. in a network namespace of its own */
    Child startUnder(List<String> prefix, Path directory, String... args) throws IOException {
        Child child = Child.start(prefix, Child.packagedJar(), directory, List.of(), List.of(), args);
        started.add(child);
        return child;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        for (Child child : started) {
            child.kill();
        }
        started.clear();
    }
}
