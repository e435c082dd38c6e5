package dev.smtpdouble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Python's smtplib as a client outside the JVM: {@code src/test/resources/clients/smtplib_login.py}. */
public final class PythonSmtplib {

    private PythonSmtplib() {
    }

    /**
     * Logs in and sends one message; returns the one line the script printed: {@code sent}, or the
     * exception smtplib raised with the server's code and text.
     *
     * @param mechanism {@code login} (smtplib chooses), {@code PLAIN}, {@code LOGIN}, {@code CRAM-MD5},
     *                  or {@code none} to send without AUTH
     * @param caPem     optional: STARTTLS first, trusting only this CA file
     */
    public static String login(int port, String mechanism, String user, String password, String... caPem) {
        try {
            Path script = Path.of(PythonSmtplib.class.getResource("/clients/smtplib_login.py").toURI());
            List<String> command = new ArrayList<>(List.of("python3", script.toString(), String.valueOf(port),
                    mechanism, user, password));
            command.addAll(List.of(caPem));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("python3 smtplib did not finish in 30 s");
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
