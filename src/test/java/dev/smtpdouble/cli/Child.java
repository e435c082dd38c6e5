package dev.smtpdouble.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A started jar: its output is read as it comes, line by line, so a test can wait for a line. */
final class Child {

    /** Bounds every wait: a JVM start, a reply, an exit. */
    static final Duration WAIT = Duration.ofSeconds(20);
    /** From the signal to the exit: the server allows its clients one second to take the 421. */
    static final Duration STOP_WAIT = Duration.ofSeconds(5);
    private static final Pattern LISTENING = Pattern.compile("smtp-double listening on 127\\.0\\.0\\.1:(\\d+)");

    final Process process;
    private final String args;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final Thread outPump;
    private final Thread errPump;

    /** The project's folder: Maven's basedir, or the working directory. */
    static Path projectDir() {
        String basedir = System.getProperty("basedir");
        return (basedir != null ? Path.of(basedir) : Path.of("")).toAbsolutePath();
    }

    /** {@code target/smtp-double.jar}; fails the test when it was not packaged. */
    static Path packagedJar() {
        Path jar = projectDir().resolve("target/smtp-double.jar");
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: this test runs the packaged jar; run it through 'mvn verify' "
                    + "(the integration-test phase comes after package)");
        }
        return jar;
    }

    /**
     * Starts {@code java [jvmOptions] -jar JAR [args]} in {@code directory}, without the caller's
     * {@code SMTP_DOUBLE_*} variables (the server reads them), with {@code environment} (NAME=value) added.
     */
    static Child start(Path jar, Path directory, List<String> jvmOptions, List<String> environment, String... args)
            throws IOException {
        return start(List.of(), jar, directory, jvmOptions, environment, args);
    }

    /** @param prefix a command that runs the JVM, e.g. {@code unshare --net} */
    static Child start(List<String> prefix, Path jar, Path directory, List<String> jvmOptions, List<String> environment,
                       String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(Arrays.asList(args));
        return run(command, directory, environment);
    }

    /** Starts {@code command} as it is (the launcher script, say), with the environment as {@link #start} sets it. */
    static Child run(List<String> command, Path directory, List<String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SMTP_DOUBLE_"));
        for (String entry : environment) {
            int eq = entry.indexOf('=');
            builder.environment().put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return new Child(builder.start(), String.join(" ", command));
    }

    private Child(Process process, String args) {
        this.process = process;
        this.args = args;
        try {
            process.getOutputStream().close(); // nothing is ever typed into the server
        } catch (IOException e) {
            // already gone
        }
        outPump = pump(process.getInputStream(), stdout, stdoutLines, "stdout");
        errPump = pump(process.getErrorStream(), stderr, null, "stderr");
    }

    private Thread pump(InputStream in, StringBuffer text, BlockingQueue<String> lines, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    text.append(line).append('\n');
                    if (lines != null) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                text.append("[").append(name).append(" read failed: ").append(e).append("]\n");
            }
        }, "smtp-double-" + process.pid() + "-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits for the "listening" line and returns the port it names. */
    int awaitListeningPort() throws InterruptedException {
        int port = Integer.parseInt(awaitLine(LISTENING).group(1));
        assertThat(port).isPositive();
        return port;
    }

    /** Waits for a line of standard output that matches {@code pattern} in full; its group 1 is a port. */
    int awaitPort(Pattern pattern) throws InterruptedException {
        int port = Integer.parseInt(awaitLine(pattern).group(1));
        assertThat(port).isPositive();
        return port;
    }

    /** Waits for a line of standard output that matches {@code pattern} in full. */
    Matcher awaitLine(Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? stdoutLines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                fail("no line like '" + pattern + "' within " + WAIT + " from '" + args
                        + "' (alive: " + process.isAlive() + ")\nstdout:\n" + stdout + "stderr:\n" + stderr);
            }
            Matcher matcher = pattern.matcher(line);
            if (matcher.matches()) {
                return matcher;
            }
        }
    }

    int awaitExit() throws InterruptedException {
        return awaitExit(WAIT);
    }

    /** Waits for the process to end and for all its output; fails when it does not end in time. */
    int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("'" + args + "' still running after " + limit + "\nstdout:\n" + stdout + "stderr:\n" + stderr);
        }
        outPump.join(WAIT.toMillis());
        errPump.join(WAIT.toMillis());
        return process.exitValue();
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    /**
     * SIGTERM, as {@link Process#destroy()} sends it on Linux, but through the process handle:
     * {@code Process.destroy()} also closes the pipes, and the "stopped" line would be lost.
     */
    void sigterm() {
        assertThat(process.toHandle().destroy()).as("SIGTERM sent").isTrue();
    }

    /** Whether the process started with SIGINT ignored (as background jobs of some shells do). */
    boolean ignoresSigint() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("SigIgn:")) {
                    long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
                    return (ignored & (1L << (2 - 1))) != 0; // SIGINT is 2
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // no procfs: assume the default disposition
        }
        return false;
    }

    void kill() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }
}
