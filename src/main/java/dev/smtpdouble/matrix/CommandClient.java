package dev.smtpdouble.matrix;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Mail code that is not Java: a command run once per call, with {@code {host}}, {@code {port}},
 * {@code {cafile}} (a PEM file of the CA to trust), {@code {user}} and {@code {password}} in its
 * arguments replaced. Exit status 0 means the command reports success. The password is masked in
 * what the card shows of the command and its output.
 */
public final class CommandClient implements TargetedMailClient {

    private static final int KEPT_LINES = 200;
    private static final String MASK = "****";

    private final List<String> command;
    /** The CA's PEM file, written once, when a command first needs it. */
    private Path caFile;

    /**
     * @param command the program and its arguments, with {@code {host}}, {@code {port}}, {@code {cafile}},
     *                {@code {user}} and {@code {password}} placeholders
     */
    public CommandClient(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command given");
        }
        this.command = List.copyOf(command);
    }

    public List<String> command() {
        return command;
    }

    /** Whether the program can be found: a path to an executable file, or a name on the PATH. */
    public boolean canRun() {
        String program = command.get(0);
        if (program.contains(File.separator)) {
            return Files.isExecutable(Path.of(program));
        }
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void send(Target target) throws CommandFailedException, InterruptedException {
        String cafile = command.stream().anyMatch(argument -> argument.contains("{cafile}"))
                ? caFile(target).toString() : "{cafile}";
        List<String> arguments = command.stream()
                .map(argument -> argument.replace("{host}", target.host())
                        .replace("{port}", String.valueOf(target.port())).replace("{cafile}", cafile)
                        .replace("{user}", target.user()).replace("{password}", target.password())).toList();
        Process process;
        try {
            process = new ProcessBuilder(arguments).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + arguments.get(0) + ": " + e.getMessage(), e);
        }
        ArrayDeque<String> output = new ArrayDeque<>();
        Thread reader = new Thread(() -> read(process, output), "smtp-double-matrix-output");
        reader.setDaemon(true);
        reader.start();
        int status;
        try {
            status = process.waitFor();
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            stop(process);
            throw e;
        }
        if (status != 0) {
            List<String> lines;
            synchronized (output) {
                lines = List.copyOf(output);
            }
            throw new CommandFailedException(mask(String.join(" ", arguments), target.password()), status,
                    lines.stream().map(line -> mask(line, target.password())).toList());
        }
    }

    private static String mask(String text, String password) {
        return text.replace(password, MASK);
    }

    private synchronized Path caFile(Target target) {
        if (caFile == null) {
            try {
                Path file = Files.createTempFile("smtp-double-ca-", ".pem");
                file.toFile().deleteOnExit();
                caFile = target.trust().writeCaPem(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the CA certificate for {cafile}: " + e.getMessage(), e);
            }
        }
        return caFile;
    }

    private static void read(Process process, ArrayDeque<String> output) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (output) {
                    if (output.size() == KEPT_LINES) {
                        output.removeFirst();
                    }
                    output.addLast(line);
                }
            }
        } catch (IOException closed) {
            // the process was stopped
        }
    }

    /** Ends the process this call started, and its children, by handle. */
    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
    }

    private static File nullFile() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }
}
