package dev.smtpdouble.container;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A container started with {@code podman run -d --rm --network host}, its log followed from the start.
 * Closing removes it whatever state it is in.
 */
final class PodmanContainer implements AutoCloseable {

    /** Marks the containers these tests start, so that .ci/run can remove any left behind. */
    static final String LABEL = "dev.smtpdouble.test=container-it";

    private final String id;
    private final Process follower;
    private final List<String> log = new ArrayList<>();

    private PodmanContainer(String id) throws IOException {
        this.id = id;
        this.follower = new ProcessBuilder("podman", "logs", "-f", id).redirectErrorStream(true).start();
        Thread reader = new Thread(this::follow, "podman-logs-" + id.substring(0, Math.min(12, id.length())));
        reader.setDaemon(true);
        reader.start();
    }

    /** A container started some other way (e.g. by {@code podman kube play}), its log followed from the start. */
    static PodmanContainer follow(String nameOrId) throws IOException {
        return new PodmanContainer(nameOrId);
    }

    /** {@code podman run -d --rm --network host [env...] image [args...]}. */
    static PodmanContainer run(String image, List<String> env, List<String> args) throws IOException, InterruptedException {
        return run(true, image, env, args);
    }

    /**
     * Like {@link #run(String, List, List)}, but kept after it exits when {@code remove} is false, so that
     * its exit code and full log can be read ({@link #close} removes it).
     */
    static PodmanContainer run(boolean remove, String image, List<String> env, List<String> args)
            throws IOException, InterruptedException {
        return run(remove, List.of(), image, env, args);
    }

    /** Like {@link #run(boolean, String, List, List)}, with more options for {@code podman run}. */
    static PodmanContainer run(boolean remove, List<String> options, String image, List<String> env, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman", "run", "-d", "--network", "host", "--label", LABEL));
        if (remove) {
            command.add(2, "--rm");
        }
        command.addAll(options);
        env.forEach(variable -> command.addAll(List.of("-e", variable)));
        command.add(image);
        command.addAll(args);
        Result result = podman(command, Duration.ofSeconds(60));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("podman run failed (" + result.exitCode() + "): " + result.output());
        }
        String output = result.output().strip();
        return new PodmanContainer(output.substring(output.lastIndexOf('\n') + 1).strip());
    }

    /**
     * Skips the calling test class when podman or the image is missing, except under {@code CI=true},
     * where the container tests must run and their absence fails.
     */
    static void requireImage(String image) {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean podman = podmanWorks();
        boolean present = podman && imageExists(image);
        if (!ci) {
            Assumptions.assumeTrue(podman, "podman is not installed: container tests skipped (they run in .ci/run, or with CI=true)");
            Assumptions.assumeTrue(present, "image " + image + " is missing: container tests skipped; build it as .ci/run does, "
                    + "or set SMTP_DOUBLE_IMAGE");
        } else if (!podman || !present) {
            Assertions.fail("CI=true, so the container tests must run, but " + (podman ? "image " + image + " is missing"
                    : "podman is not installed") + "; .ci/run prepares both");
        }
    }

    /** Whether the podman command works here. */
    static boolean podmanWorks() {
        try {
            return podman(List.of("podman", "--version"), Duration.ofSeconds(20)).exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static boolean imageExists(String image) {
        try {
            return podman(List.of("podman", "image", "exists", image), Duration.ofSeconds(20)).exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Waits until a log line matches, and returns it. */
    String awaitLog(Predicate<String> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (log) {
            while (true) {
                for (String line : log) {
                    if (condition.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching log line after " + timeout.toMillis() + " ms; log: " + log);
                }
                log.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** {@code podman exec ID COMMAND...}: its exit code and output. */
    Result exec(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("podman", "exec", id));
        full.addAll(List.of(command));
        return podman(full, Duration.ofSeconds(30));
    }

    /** {@code podman kill --signal SIGNAL ID}: from outside, where even SIGSTOP reaches the container's PID 1. */
    void signal(String signal) throws IOException, InterruptedException {
        Result result = podman(List.of("podman", "kill", "--signal", signal, id), Duration.ofSeconds(30));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("podman kill failed (" + result.exitCode() + "): " + result.output());
        }
    }

    /** {@code podman healthcheck run ID}: runs the image's HEALTHCHECK once; its exit code and output. */
    Result healthcheck() throws IOException, InterruptedException {
        return podman(List.of("podman", "healthcheck", "run", id), Duration.ofSeconds(30));
    }

    /** {@code podman stop -t SECONDS}: SIGTERM, then SIGKILL after the grace period. */
    Duration stop(int graceSeconds) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Result result = podman(List.of("podman", "stop", "-t", String.valueOf(graceSeconds), id),
                Duration.ofSeconds(graceSeconds + 30L));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("podman stop failed (" + result.exitCode() + "): " + result.output());
        }
        return took;
    }

    /** The exit code of a stopped container that was run without {@code --rm}. */
    int exitCode() throws IOException, InterruptedException {
        Result result = podman(List.of("podman", "inspect", "--format", "{{.State.ExitCode}}", id), Duration.ofSeconds(30));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("podman inspect failed (" + result.exitCode() + "): " + result.output());
        }
        return Integer.parseInt(result.output().strip());
    }

    /** The whole log, read anew (the follower may miss the last lines of a container that just exited). */
    String fullLog() throws IOException, InterruptedException {
        return podman(List.of("podman", "logs", id), Duration.ofSeconds(30)).output();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        podman(List.of("podman", "rm", "-f", "--ignore", id), Duration.ofSeconds(30));
        follower.destroy();
    }

    private void follow() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(follower.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (log) {
                    log.add(line);
                    log.notifyAll();
                }
            }
        } catch (IOException e) {
            // the follower was destroyed
        }
    }

    record Result(int exitCode, String output) {
    }

    static Result podman(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[][] output = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                output[0] = process.getInputStream().readAllBytes();
            } catch (IOException e) {
                output[0] = new byte[0];
            }
        });
        reader.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
        }
        reader.join(timeout.toMillis());
        return new Result(process.exitValue(), output[0] == null ? "" : new String(output[0], StandardCharsets.UTF_8));
    }
}
