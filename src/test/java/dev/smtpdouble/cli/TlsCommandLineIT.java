package dev.smtpdouble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with its TLS options, served to a client that is not Java: Python's smtplib,
 * trusting only the CA file the server wrote ({@code --tls-ca-out}), with STARTTLS and on the
 * implicit-TLS port. The admin API serves the same CA.
 */
@Timeout(120)
class TlsCommandLineIT {

    private static final Pattern LINE = Pattern.compile("smtp-double (listening on|implicit TLS on|admin on) "
            + "127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path temp;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void pythonSendsOverStarttlsAndImplicitTlsTrustingTheWrittenCa() throws Exception {
        Path ca = temp.resolve("ca.pem");
        Path jar = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target/smtp-double.jar");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", "0", "--tls-port", "0", "--tls-ca-out", ca.toString(),
                "--admin-port", "0")
                .redirectError(temp.resolve("stderr.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SMTP_DOUBLE_"));
        builder.environment().put("SMTP_DOUBLE_TLS", "true"); // the container's way of saying --tls
        builder.environment().put("SMTP_DOUBLE_REQUIRE_TLS", "true");
        process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        int port = 0;
        int tlsPort = 0;
        int adminPort = 0;
        while (port == 0 || tlsPort == 0 || adminPort == 0) {
            String line = out.readLine();
            assertThat(line).as("stdout of the server; stderr: %s", stderr()).isNotNull();
            Matcher matcher = LINE.matcher(line);
            if (matcher.matches()) {
                int value = Integer.parseInt(matcher.group(2));
                switch (matcher.group(1)) {
                    case "listening on" -> port = value;
                    case "implicit TLS on" -> tlsPort = value;
                    default -> adminPort = value;
                }
            }
        }
        String pem = Files.readString(ca);
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");

        HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/tls/ca.pem")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(pem);

        List<String> python = run(List.of("python3", script().toString(), ca.toString(), String.valueOf(port),
                String.valueOf(tlsPort)));
        assertThat(python).contains("starttls offered: True", "mail before tls: 530",
                "starttls offered inside tls: False", "sent over starttls", "sent over implicit tls");
        assertThat(python).anyMatch(line -> line.matches("version: TLSv1\\.[23]"));

        HttpResponse<String> journal = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/journal")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(journal.body().replace(" ", "")).contains("\"mode\":\"starttls\"", "\"mode\":\"implicit\"",
                "\"serverName\":\"localhost\"", "\"subject\":\"overimplicittls\"");
    }

    private Path script() throws IOException {
        return script("smtplib_tls.py");
    }

    private Path script(String name) throws IOException {
        Path script = temp.resolve(name);
        try (var in = TlsCommandLineIT.class.getResourceAsStream("/tls/" + name)) {
            Files.copy(in, script);
        }
        return script;
    }

    /** The TLS faults of the catalogue, each on its own listener, against Python's smtplib. */
    @Test
    void pythonRefusesEveryTlsFaultAndTls11MeetsTheExchangeRefusal() throws Exception {
        List<String> scenarios = List.of("starttls-refused", "starttls-not-offered", "starttls-reset",
                "starttls-close", "starttls-hang", "starttls-alert", "starttls-injection", "tls-old-version-421",
                "tls13-only", "certificate-self-signed", "certificate-expired", "certificate-not-yet-valid",
                "certificate-wrong-host", "certificate-untrusted-ca", "exchange-online");
        Path ca = temp.resolve("ca.pem");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar().toString(), "--port", "0", "--tls", "--tls-ca-out", ca.toString()));
        scenarios.forEach(name -> command.addAll(List.of("--listen", "0=" + name)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(temp.resolve("stderr.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SMTP_DOUBLE_"));
        process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < scenarios.size() + 1) {
            String line = out.readLine();
            assertThat(line).as("stdout of the server; stderr: %s", stderr()).isNotNull();
            Matcher matcher = LINE.matcher(line);
            if (matcher.matches() && matcher.group(1).equals("listening on")) {
                ports.add(Integer.parseInt(matcher.group(2)));
            }
        }
        out.readLine(); // the CA file is written
        List<String> arguments = new ArrayList<>(List.of("python3", script("smtplib_faults.py").toString(),
                ca.toString()));
        for (int i = 0; i < scenarios.size(); i++) {
            arguments.add(scenarios.get(i) + "=" + ports.get(i + 1));
        }
        List<String> outcomes = run(arguments);
        System.out.println(String.join("\n", outcomes)); // the README's client table quotes these

        assertThat(outcomes).hasSize(scenarios.size()).filteredOn(line -> line.contains("delivered"))
                .as("a correct client discards the injected reply; every other fault stops the message")
                .containsExactly("starttls-injection: delivered over TLSv1.3");
        assertThat(outcomes).contains(
                "starttls-refused: SMTPResponseException: (454, b'4.7.0 TLS not available due to local problem')",
                "starttls-not-offered: SMTPNotSupportedError: STARTTLS extension not supported by server.",
                "tls-old-version-421: EHLO over TLSv1.1 answered 421 4.7.66 TLS 1.0 and 1.1 are not supported. Please"
                        + " upgrade/update your client to support TLS 1.2.",
                "exchange-online: EHLO over TLSv1.1 answered 421 4.7.66 TLS 1.0 and 1.1 are not supported. Please"
                        + " upgrade/update your client to support TLS 1.2.");
        assertThat(outcomes).anySatisfy(line -> assertThat(line).startsWith("certificate-wrong-host: SSLCertVerificationError")
                .contains("Hostname mismatch"));
        assertThat(outcomes).anySatisfy(line -> assertThat(line).startsWith("certificate-expired: SSLCertVerificationError")
                .contains("certificate has expired"));
        assertThat(outcomes).anySatisfy(line -> assertThat(line).startsWith("starttls-alert: SSLError")
                .contains("HANDSHAKE_FAILURE"));
    }

    private static Path jar() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target/smtp-double.jar");
    }

    private List<String> run(List<String> command) throws IOException, InterruptedException {
        Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8))) {
            reader.lines().forEach(lines::add);
        }
        assertThat(client.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(client.exitValue()).as("python exit; output: %s", lines).isZero();
        return lines;
    }

    private String stderr() {
        try {
            return Files.readString(temp.resolve("stderr.txt"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
