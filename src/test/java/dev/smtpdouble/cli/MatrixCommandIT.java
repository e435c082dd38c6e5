package dev.smtpdouble.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/smtp-double.jar matrix -- COMMAND} with real mail commands, curl and swaks:
 * the card on standard output, the JSON file, the exit status. Without the commands the tests are
 * skipped, unless {@code CI=true}, where {@code .ci/run} installs them.
 */
class MatrixCommandIT {

    private static final String MESSAGE = "From: shop@example.org\r\nTo: ada@example.org, grace@example.org\r\n"
            + "Subject: Your order has shipped\r\n\r\n" + "Your order is on its way.\r\n".repeat(60);

    private static Path jar;

    @TempDir
    Path temp;

    @BeforeAll
    static void locateJar() {
        String basedir = System.getProperty("basedir");
        jar = (basedir != null ? Path.of(basedir) : Path.of("")).toAbsolutePath().resolve("target/smtp-double.jar");
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: run this test through 'mvn verify'");
        }
    }

    /** The command on the PATH, or a skipped test (a failed one under CI, which must have it). */
    private static void requireCommand(String name) {
        boolean found = false;
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= !directory.isEmpty() && Files.isExecutable(Path.of(directory, name));
        }
        if (!found && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(name + " is not installed; .ci/run installs it with apt");
        }
        assumeTrue(found, name + " is not installed");
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private Run matrix(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "matrix"));
        command.addAll(List.of(args));
        Path out = temp.resolve("stdout.txt");
        Path err = temp.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("the matrix did not finish within 3 minutes");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path message() throws IOException {
        return Files.writeString(temp.resolve("message.eml"), MESSAGE, StandardCharsets.UTF_8);
    }

    private static JsonNode row(JsonNode card, String fault) {
        for (JsonNode row : card.get("rows")) {
            if (row.get("fault").asText().equals(fault)) {
                return row;
            }
        }
        throw new AssertionError("no row " + fault + " in " + card);
    }

    @Test
    void curlSurvivesEveryFaultWithATimeout() throws Exception {
        requireCommand("curl");
        Path json = temp.resolve("cards/curl.json");

        Run run = matrix("--json", json.toString(), "--client-timeout", "2s", "--", "curl", "--silent",
                "--show-error", "--max-time", "2", "--url", "smtp://{host}:{port}", "--mail-from", "shop@example.org",
                "--mail-rcpt", "ada@example.org", "--mail-rcpt", "grace@example.org", "--upload-file",
                message().toString());

        assertThat(run.exit()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("### Resilience matrix: curl\n")
                .contains("| `greeting-421` 421 greeting on every connection |")
                .contains("20 faults: 19 passed, 0 failed, 1 not exercised.");
        assertThat(run.stderr()).contains("smtp-double matrix: hang-at-data: pass");
        JsonNode card = new ObjectMapper().readTree(json.toFile());
        assertThat(card.get("client").asText()).isEqualTo("curl");
        assertThat(card.get("rows")).hasSize(20);
        JsonNode atMail = row(card, "shutdown-at-mail");
        assertThat(atMail.get("verdict").asText()).isEqualTo("pass");
        assertThat(atMail.at("/calls/0/failure").asText()).isEqualTo("exit status 55");
        assertThat(atMail.at("/calls/0/code").asInt()).isEqualTo(421);
        assertThat(row(card, "stored-then-reset").get("delivered").asInt()).isEqualTo(1);
    }

    @Test
    void swaksDeliversToTheRecipientsLeftAndReportsSuccess() throws Exception {
        requireCommand("swaks");

        Run run = matrix("--tags", "permanent", "--client-timeout", "1s", "--", "swaks", "--silent", "1",
                "--server", "{host}", "--port", "{port}", "--from", "shop@example.org",
                "--to", "ada@example.org,grace@example.org", "--body", message().toString(), "--timeout", "1");

        assertThat(run.exit()).as("a row violates its expectation\n" + run.stdout() + run.stderr()).isEqualTo(1);
        assertThat(run.stdout()).contains("| `sender-501` 501 to MAIL FROM | an error; no retry | 1 | 0 |")
                .contains("| `second-recipient-501` 501 to the second RCPT TO only | an error; no partial success; "
                        + "no retry | 1 | 1 (partial) |")
                .contains("**FAIL**: reported full success, but a recipient was refused")
                .contains("4 faults: 3 passed, 1 failed, 0 not exercised.");
        assertThat(run.stdout()).containsPattern("\\| `recipient-501` .* \\| exit status \\d+ \\| 501 \\| pass \\|");
    }

    /** 5 s rather than 2: the first TLS handshake of a fresh JVM on a busy machine can take more than 2 s. */
    @Test
    void curlWithTlsRequiredAndALoginPassesTheTlsAndAuthFaults() throws Exception {
        requireCommand("curl");
        Path json = temp.resolve("cards/curl-tls.json");

        Run run = matrix("--tags", "tls,auth", "--account", "ada@example.org:correct horse", "--json", json.toString(),
                "--client-timeout", "5s", "--", "curl", "--silent", "--show-error", "--max-time", "5", "--ssl-reqd",
                "--cacert", "{cafile}", "--user", "{user}:{password}", "--url", "smtp://{host}:{port}",
                "--mail-from", "shop@example.org", "--mail-rcpt", "ada@example.org", "--upload-file",
                message().toString());

        assertThat(run.exit()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stdout()).contains("| `starttls-refused` 454 4.7.0 to STARTTLS | delivered once, or an error; "
                        + "nothing in clear; retries ≥ 100 ms apart | 1 | 0 |")
                .contains("22 faults: 21 passed, 0 failed, 1 not exercised.")
                .doesNotContain("correct horse");
        JsonNode card = new ObjectMapper().readTree(json.toFile());
        assertThat(row(card, "accept-all").get("delivered").asInt()).as("over TLS, logged in").isEqualTo(1);
        assertThat(row(card, "accept-all").get("transcript").asText()).contains("ada@example.org")
                .doesNotContain("correct horse");
        assertThat(row(card, "certificate-wrong-host").at("/calls/0/failure").asText())
                .as("curl's 'SSL peer certificate or SSH remote key was not OK'").isEqualTo("exit status 60");
        assertThat(row(card, "auth-535").at("/calls/0/failure").asText())
                .as("curl's 'Login denied'").isEqualTo("exit status 67");
        assertThat(card.toString()).doesNotContain("correct horse");
    }

    @Test
    void swaksWithTlsVerifyMissesTheHostNameAndReadsTheInjectedReply() throws Exception {
        requireCommand("swaks");

        Run run = matrix("--tags", "tls", "--client-timeout", "2s", "--time-limit", "10s", "--", "swaks",
                "--silent", "1", "--server", "{host}", "--port", "{port}", "--tls", "--tls-verify",
                "--tls-ca-path", "{cafile}", "--auth", "--auth-user", "{user}", "--auth-password", "{password}",
                "--from", "shop@example.org", "--to", "ada@example.org", "--body", message().toString(),
                "--timeout", "2");

        assertThat(run.exit()).as(run.stdout() + run.stderr()).isEqualTo(1);
        assertThat(run.stdout())
                .contains("| `certificate-expired` an expired certificate | an error; nothing delivered; "
                        + "retries ≥ 100 ms apart | 1 | 0 |")
                .containsPattern("\\| `certificate-wrong-host` .* \\| 1 \\| 1 \\| .* \\*\\*FAIL\\*\\*: delivered 1 "
                        + "message\\(s\\) to a server whose certificate cannot be trusted")
                .containsPattern("\\| `starttls-injection` .* \\| 554 \\| \\*\\*FAIL\\*\\*: reported the 554 injected "
                        + "before the TLS handshake")
                .containsPattern("\\| `starttls-hang` .* \\*\\*FAIL\\*\\*: did not return within the matrix's time "
                        + "limit of 10 s")
                .contains("14 faults: 10 passed, 3 failed, 1 not exercised.");
    }

    @Test
    void aBadAccountIsAnError() throws Exception {
        Run run = matrix("--account", "nobody", "--", "true");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("--account must be USER:PASSWORD");
    }

    @Test
    void aCommandThatCannotRunIsAnErrorNotACard() throws Exception {
        Run run = matrix("--", "no-such-mail-program", "{host}", "{port}");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("cannot run 'no-such-mail-program': no such executable");
    }

    @Test
    void aBadTagNamesTheTagsThereAre() throws Exception {
        Run run = matrix("--tags", "retryable,flaky", "--", "true");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("'flaky' is not a tag; use retryable, permanent, network, tls, auth");
    }
}
