package dev.smtpdouble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/smtp-double}, the launcher the README starts the server with: it serves, and its
 * class-data-sharing archive holds what a connection needs even when the start that recorded it
 * served none (the warm-up rehearses a dialogue in memory).
 */
class LauncherIT {

    private static final String HANDLER_FROM_ARCHIVE =
            "dev.smtpdouble.netty.SmtpSessionHandler source: shared objects file";

    @TempDir
    Path cache;

    @Test
    void aSecondStartMapsTheClassesOfAConnectionFromTheArchiveThatAFirstStartWithoutConnectionsRecorded()
            throws Exception {
        Child.packagedJar();
        Path folder = cache.resolve("smtp-double");

        Child first = launch(List.of());
        first.awaitListeningPort();
        first.sigterm();
        assertThat(first.awaitExit()).isZero();
        assertThat(archives(folder)).as("the first start records an archive as it stops").hasSize(1);

        Path classes = cache.resolve("classes.log");
        Child second = launch(List.of("JAVA_OPTS=-Xlog:class+load=info:file=" + classes));
        int port = second.awaitListeningPort();
        assertThat(greeting(port)).startsWith("220 ");
        second.sigterm();
        assertThat(second.awaitExit()).isZero();

        assertThat(archives(folder)).singleElement().asString().endsWith(".jsa");
        assertThat(Files.readString(classes)).contains(HANDLER_FROM_ARCHIVE);
    }

    @Test
    void recordingANewArchiveTidiesTheCache() throws Exception {
        Path jar = Child.packagedJar();
        Path folder = cache.resolve("smtp-double");
        Child first = launch(List.of());
        first.awaitListeningPort();
        first.sigterm();
        assertThat(first.awaitExit()).isZero();
        Path recorded = archives(folder).get(0); // ARCHIVE.jsa.PID, put in place by the next start
        Files.setLastModifiedTime(recorded, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        Path ancient = Files.writeString(folder.resolve("another-jar.jsa"), "recorded long ago");
        Files.setLastModifiedTime(ancient, FileTime.from(Instant.now().minus(Duration.ofDays(40))));
        Path recent = Files.writeString(folder.resolve("a-third-jar.jsa"), "recorded yesterday");
        Files.setLastModifiedTime(recent, FileTime.from(Instant.now().minus(Duration.ofDays(1))));

        Child second = launch(List.of()); // the recording is older than the jar (as after a rebuild): recorded anew
        second.awaitListeningPort();
        second.sigterm();
        assertThat(second.awaitExit()).isZero();

        assertThat(recorded).as("a recording older than its jar").doesNotExist();
        assertThat(ancient).as("an archive recorded 40 days ago").doesNotExist();
        assertThat(recent).exists();
        String name = recorded.getFileName().toString();
        assertThat(archives(folder)).as("the new recording and the recent archive").hasSize(2)
                .anySatisfy(file -> assertThat(file.getFileName().toString())
                        .startsWith(name.substring(0, name.lastIndexOf('.'))));
    }

    @Test
    void aCollectorChosenInJavaOptsReplacesTheLaunchersOwn() throws Exception {
        Child.packagedJar();
        Child child = launch(List.of("JAVA_OPTS=-XX:+UseSerialGC"));
        int port = child.awaitListeningPort();
        assertThat(greeting(port)).startsWith("220 ");
        child.sigterm();
        assertThat(child.awaitExit()).isZero();
    }

    private Child launch(List<String> extraEnvironment) throws IOException {
        List<String> environment = new ArrayList<>(List.of("XDG_CACHE_HOME=" + cache,
                "JAVA_HOME=" + System.getProperty("java.home")));
        environment.addAll(extraEnvironment);
        Path launcher = Child.projectDir().resolve("bin/smtp-double");
        return Child.run(List.of(launcher.toString(), "--port", "0"), Child.projectDir(), environment);
    }

    private static List<Path> archives(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().contains(".jsa")).toList();
        }
    }

    private static String greeting(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
            return in.readLine();
        }
    }
}
