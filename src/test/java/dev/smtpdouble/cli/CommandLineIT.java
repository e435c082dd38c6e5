package dev.smtpdouble.cli;

import dev.smtpdouble.PythonSmtplib;
import dev.smtpdouble.RawSmtpClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged {@code target/smtp-double.jar} as a separate process: options and their errors, the
 * exit status, scenarios from the catalogue and from files, {@code --validate}, a busy port, and the
 * graceful shutdown on SIGTERM and SIGINT that a connected client sees as 421.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandLineIT {

    private static final Duration WAIT = Child.WAIT;
    private static final Duration STOP_WAIT = Child.STOP_WAIT;
    private static final Pattern ADMIN = Pattern.compile("smtp-double admin on 127\\.0\\.0\\.1:(\\d+)");
    private static final InetAddress LOOPBACK = loopback();
    private static final String SHUTDOWN_421 = "421 4.3.2 Service not available, closing transmission channel";
    /** Line 5, column 12 is where the reply code sits in {@link #INVALID_YAML}. */
    private static final String INVALID_YAML = """
            scenario: broken
            rules:
              - name: an impossible reply code
                on: connect
                reply: 621 4.3.2 No such class
            """;
    private static final String VALID_YAML = """
            scenario: no-senders
            description: every MAIL FROM is refused
            rules:
              - name: refuse senders
                on: mail
                reply: 550 5.7.1 No mail from you today
            """;

    private static final Path projectDir = Child.projectDir();

    @RegisterExtension
    final JarProcesses processes = new JarProcesses();

    @TempDir
    Path temp;

    // --- help, version, bad options ---------------------------------------------------------------

    @Test
    void helpPrintsTheUsageAndExits0() throws Exception {
        Child child = start("--help");

        assertThat(child.awaitExit()).isZero();
        assertThat(child.stdout()).startsWith("Usage: smtp-double")
                .contains("--host=ADDRESS", "--port=PORT", "--hostname=NAME", "--max-message-size=SIZE",
                        "--syntax=MODE", "--scenario=SCENARIO", "--validate=FILE", "-h, --help", "-V, --version")
                .doesNotContain("listening");
        assertThat(child.stderr()).isEmpty();
    }

    /**
     * A sandboxed build or a container without a network: only a loopback interface, no MAC address.
     * Netty would warn that it found no hardware address for its channel ids.
     */
    @Test
    void servesAndStopsWithoutAWarningWhereTheMachineHasNoNetworkInterface() throws Exception {
        List<String> isolated = List.of("unshare", "--net", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\"");
        boolean possible = new ProcessBuilder(List.of("unshare", "--net", "ip", "link", "set", "lo", "up"))
                .redirectErrorStream(true).start().waitFor() == 0;
        if (!possible) {
            assumeFalse(!"true".equalsIgnoreCase(System.getenv("CI")), "needs unshare and ip (root): " + isolated);
            fail("CI needs 'unshare --net' and 'ip' (root) for this test");
        }
        Child child = processes.startUnder(isolated, temp, "--port", "0");

        child.awaitListeningPort();
        child.sigterm();

        assertThat(child.awaitExit(STOP_WAIT)).isZero();
        assertThat(child.stderr()).isEmpty();
    }

    /**
     * The command line names SLF4J's provider and sets SLF4J up without its class path searches
     * ({@link ProviderNames}): its log lines still come through slf4j-simple, with no SLF4J notice,
     * and slf4j-simple's system properties still apply.
     */
    @Test
    void logsThroughSlf4jSimpleWithoutNoticesAndHonoursItsProperties() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("mine"));
        Files.writeString(dir.resolve("greeting-421.yaml"), VALID_YAML); // takes the built-in name: a warning
        String shadowed = "WARN dev.smtpdouble.scenario.ScenarioLookup - scenario 'greeting-421' is "
                + dir.resolve("greeting-421.yaml");

        Child plain = start("--port", "0", "--scenario-dir", dir.toString(), "--scenario", "greeting-421");
        plain.awaitListeningPort();
        plain.sigterm();
        assertThat(plain.awaitExit(STOP_WAIT)).isZero();
        assertThat(plain.stderr()).contains(shadowed).doesNotContain("SLF4J");

        Child quiet = processes.start(temp, List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=error"), List.of(),
                "--port", "0", "--scenario-dir", dir.toString(), "--scenario", "greeting-421");
        quiet.awaitListeningPort();
        quiet.sigterm();
        assertThat(quiet.awaitExit(STOP_WAIT)).isZero();
        assertThat(quiet.stderr()).as("a level the user set").doesNotContain("ScenarioLookup");
    }

    @Test
    void schemaPrintsTheJsonSchemaOfScenarioFilesAndExits0() throws Exception {
        Child child = start("--schema");

        assertThat(child.awaitExit()).isZero();
        assertThat(child.stdout()).isEqualTo(Files.readString(projectDir.resolve("scenarios/scenario.schema.json")));
        assertThat(child.stderr()).isEmpty();
    }

    @Test
    void versionPrintsTheProjectVersionAndExits0() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = CommandLineIT.class.getResourceAsStream("/dev/smtpdouble/version.properties")) {
            assertThat(in).as("version.properties on the test class path").isNotNull();
            properties.load(in);
        }
        String version = properties.getProperty("version");
        assertThat(version).matches("\\d+\\.\\d+\\.\\d+.*");

        Child child = start("--version");

        assertThat(child.awaitExit()).isZero();
        assertThat(child.stdout().strip()).isEqualTo("smtp-double " + version);
        assertThat(child.stderr()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--bogus            | Unknown option: '--bogus'",
        "--port abc         | Invalid value for option '--port': 'abc' is not an int",
        "--syntax loose     | Invalid value for option '--syntax': 'loose' is not lenient, strict, postfix or exim",
        "--max-message-size lots | Invalid value for option '--max-message-size': 'lots' is not a size such as 65536, 512k, 64m or 1g",
        "--scenario no-such-scenario | no scenario 'no-such-scenario'",
        "--clock sundial    | Invalid value for option '--clock': 'sundial' is not system or manual",
        "--auth alice               | Invalid value for option '--auth' (USER:PASSWORD): an account is written USER:PASSWORD",
        "--auth :s3cr3t             | Invalid value for option '--auth' (USER:PASSWORD): an account is written USER:PASSWORD",
        "--auth a:s3cr3t --auth a:x | user 'a' is given twice",
        "--require-auth             | require-auth needs at least one account to log in with: add --auth USER:PASSWORD",
        "--auth-mechanisms PLAIN,NTLM | 'NTLM' is not one of PLAIN, LOGIN, CRAM-MD5, XOAUTH2, OAUTHBEARER",
    })
    void aBadOptionOrValueIsNamedAndExitsNonZeroWithoutListening(String arguments, String message) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0")); // should it start after all: no fixed port
        args.addAll(Arrays.asList(arguments.split(" ")));

        Child child = start(args.toArray(String[]::new));

        assertThat(child.awaitExit()).isNotZero();
        assertThat(child.stderr()).contains(message).as("a password is never repeated").doesNotContain("s3cr3t");
        assertThat(child.stdout()).doesNotContain("listening");
    }

    @Test
    void aBusyPortIsReportedWithTheAddressAndTheReason() throws Exception {
        try (ServerSocket busy = bindLoopback()) {
            int port = busy.getLocalPort();

            // C locale: the reason comes from the operating system, in its language otherwise
            Child child = start(List.of("LC_ALL=C"), "--host", "127.0.0.1", "--port", String.valueOf(port));

            assertThat(child.awaitExit()).isNotZero();
            assertThat(child.stderr()).contains("127.0.0.1:" + port).containsIgnoringCase("address already in use");
            assertThat(child.stdout()).doesNotContain("listening");
        }
    }

    // --- AUTH -----------------------------------------------------------------------------------

    /** The container's way: accounts and required AUTH from the environment; no secret is ever printed. */
    @Test
    void accountsFromTheEnvironmentServeAClientThatLogsIn() throws Exception {
        Child child = start(List.of("SMTP_DOUBLE_AUTH=alice:s3cr3t-alice bob:s3cr3t-bob",
                "SMTP_DOUBLE_REQUIRE_AUTH=true"), "--port", "0");
        int port = child.awaitListeningPort();
        try (RawSmtpClient client = new RawSmtpClient(LOOPBACK.getHostAddress(), port)) {
            client.reply();
            assertThat(client.command("EHLO client.test")).contains("250-AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER");
            assertThat(client.command("MAIL FROM:<a@example.org>")).isEqualTo("530 5.7.0 Authentication required");
        }

        assertThat(PythonSmtplib.login(port, "PLAIN", "bob", "s3cr3t-bob")).isEqualTo("sent");
        assertThat(PythonSmtplib.login(port, "LOGIN", "alice", "wrong-s3cr3t"))
                .isEqualTo("SMTPAuthenticationError 535 5.7.8 Error: authentication failed: authentication failure");
        child.process.destroy();
        assertThat(child.awaitExit()).isZero();
        assertThat(child.stdout() + child.stderr()).doesNotContain("s3cr3t");
    }

    // --- scenarios ------------------------------------------------------------------------------

    @Test
    void aBareCatalogueNameSelectsTheCatalogueScenario() throws Exception {
        Child child = start("--port", "0", "--scenario", "greeting-421");
        try (RawSmtpClient client = new RawSmtpClient(LOOPBACK.getHostAddress(), child.awaitListeningPort())) {
            assertThat(client.reply()).startsWith("421 4.3.2 ");
            assertThat(client.reply()).as("closed after the 421 greeting").isNull();
        }
    }

    @Test
    void aScenarioFileIsLoadedAndActsOnTheWire() throws Exception {
        Path file = Files.writeString(temp.resolve("no-senders.yaml"), VALID_YAML);

        Child child = start("--port", "0", "--scenario", file.toString());
        try (RawSmtpClient client = new RawSmtpClient(LOOPBACK.getHostAddress(), child.awaitListeningPort())) {
            assertThat(client.reply()).startsWith("220 ");
            assertThat(client.command("EHLO client.example")).startsWith("250-");
            assertThat(client.command("MAIL FROM:<sender@example.org>")).isEqualTo("550 5.7.1 No mail from you today");
            assertThat(client.command("QUIT")).startsWith("221 ");
        }
    }

    @Test
    void anInvalidScenarioFileFailsWithFileLineAndColumnBeforeAnythingBinds() throws Exception {
        Path file = Files.writeString(temp.resolve("broken.yaml"), INVALID_YAML);
        // Hold the port: a server that bound before loading its scenario would report the busy port instead.
        try (ServerSocket busy = bindLoopback()) {
            Child child = start("--port", String.valueOf(busy.getLocalPort()), "--scenario", file.toString());

            assertThat(child.awaitExit()).isNotZero();
            assertThat(child.stderr()).contains(file + ":5:12: ").contains("621")
                    .doesNotContainIgnoringCase("already in use");
            assertThat(child.stdout()).doesNotContain("listening");
        }
    }

    @Test
    void anInvalidScenarioForAnExtraListenerAlsoFailsBeforeAnythingBinds() throws Exception {
        Path file = Files.writeString(temp.resolve("broken.yaml"), INVALID_YAML);
        try (ServerSocket busy = bindLoopback()) {
            Child child = start("--port", String.valueOf(busy.getLocalPort()), "--listen", "0=" + file);

            assertThat(child.awaitExit()).isNotZero();
            assertThat(child.stderr()).contains(file + ":5:12: ").doesNotContainIgnoringCase("already in use");
            assertThat(child.stdout()).doesNotContain("listening");
        }
    }

    // --- --validate -------------------------------------------------------------------------------

    @Test
    void validateAcceptsValidFilesAndNamesAndExits0WithoutListening() throws Exception {
        Path file = Files.writeString(temp.resolve("no-senders.yaml"), VALID_YAML);
        List<String> catalogue;
        try (Stream<Path> files = Files.list(projectDir.resolve("scenarios"))) {
            catalogue = files.filter(p -> p.toString().endsWith(".yaml")).map(Path::toString).sorted().toList();
        }
        assertThat(catalogue).hasSizeGreaterThanOrEqualTo(19);
        List<String> args = new ArrayList<>();
        // validating must not bind: the port given is taken
        try (ServerSocket busy = bindLoopback()) {
            args.addAll(List.of("--port", String.valueOf(busy.getLocalPort()), "--validate", file.toString(), "greeting-421"));
            args.addAll(catalogue);

            Child child = start(args.toArray(String[]::new));

            assertThat(child.awaitExit()).isZero();
            assertThat(child.stdout()).contains(file + ": ok", "greeting-421: ok").doesNotContain("listening");
            for (String path : catalogue) {
                assertThat(child.stdout()).contains(path + ": ok");
            }
            assertThat(child.stderr()).isEmpty();
        }
    }

    @Test
    void validateWithOneInvalidFileExits1AndPrintsTheProblem() throws Exception {
        Path good = Files.writeString(temp.resolve("no-senders.yaml"), VALID_YAML);
        Path bad = Files.writeString(temp.resolve("broken.yaml"), INVALID_YAML);

        Child child = start("--validate", good.toString(), bad.toString(), "greeting-421");

        assertThat(child.awaitExit()).isEqualTo(1);
        assertThat(child.stdout()).contains(good + ": ok", "greeting-421: ok").doesNotContain(bad.toString());
        assertThat(child.stderr()).contains(bad + ":5:12: ").contains("621");
    }

    // --- signals ----------------------------------------------------------------------------------

    @Test
    void sigtermSends421ToAConnectedClientAndExits0() throws Exception {
        Child child = start("--port", "0");
        try (RawSmtpClient client = new RawSmtpClient(LOOPBACK.getHostAddress(), child.awaitListeningPort())) {
            assertThat(client.reply()).startsWith("220 ");

            child.sigterm();

            assertStopsGracefully(child, client);
        }
    }

    @Test
    void sigintSends421ToAConnectedClientAndExits0() throws Exception {
        Child child = start("--port", "0");
        int port = child.awaitListeningPort();
        assumeFalse(child.ignoresSigint(), "SIGINT is ignored in this environment (inherited), so Ctrl-C cannot reach the server");
        try (RawSmtpClient client = new RawSmtpClient(LOOPBACK.getHostAddress(), port)) {
            assertThat(client.reply()).startsWith("220 ");

            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(child.process.pid()))
                    .redirectErrorStream(true).start();
            assertThat(kill.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("kill finished").isTrue();
            assertThat(kill.exitValue()).as(new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

            assertStopsGracefully(child, client);
        }
    }

    @Test
    void sigtermWithoutClientsExits0() throws Exception {
        Child child = start("--port", "0");
        child.awaitListeningPort();

        child.sigterm();

        assertThat(child.awaitExit(STOP_WAIT)).isZero();
        assertThat(child.stdout()).contains("smtp-double stopped");
    }

    private static void assertStopsGracefully(Child child, RawSmtpClient client) throws Exception {
        long signalled = System.nanoTime();
        assertThat(client.reply()).isEqualTo(SHUTDOWN_421);
        assertThat(client.reply()).as("nothing after the 421, then end of stream").isNull();
        client.close();
        assertThat(child.awaitExit(STOP_WAIT)).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(STOP_WAIT);
        assertThat(child.stdout()).contains("smtp-double stopped");
        assertThat(child.stderr()).doesNotContain("Exception");
    }

    // --- server options ---------------------------------------------------------------------------

    @Test
    void aMessageSizeWithAUnitReachesTheWire() throws Exception {
        Child child = start("--port", "0", "--max-message-size", "2k");
        try (RawSmtpClient client = new RawSmtpClient(LOOPBACK.getHostAddress(), child.awaitListeningPort())) {
            assertThat(client.reply()).startsWith("220 ");
            assertThat(client.command("EHLO client.example")).contains("250-SIZE 2048\r\n");
            assertThat(client.command("QUIT")).startsWith("221 ");
        }
    }

    @Test
    void hostnameSizeAndStrictSyntaxReachTheWire() throws Exception {
        Child child = start("--port", "0", "--hostname", "mx.test", "--max-message-size", "1000", "--syntax", "strict");
        try (RawSmtpClient client = new RawSmtpClient(LOOPBACK.getHostAddress(), child.awaitListeningPort())) {
            assertThat(client.reply()).startsWith("220 mx.test ");

            String ehlo = client.command("EHLO client.example");
            List<String> lines = Arrays.stream(ehlo.split("\r\n")).map(line -> line.substring(4)).toList();
            assertThat(ehlo).startsWith("250-mx.test");
            assertThat(lines).contains("SIZE 1000");

            assertThat(client.command("MAIL FROM:a@b.example")).as("strict: a path needs its brackets").startsWith("501 ");
            assertThat(client.command("MAIL FROM:<a@b.example> SIZE=1001")).startsWith("552 ");
            assertThat(client.command("MAIL FROM:<a@b.example> SIZE=1000")).startsWith("250 ");
            assertThat(client.command("QUIT")).startsWith("221 ");
        }
    }

    @Test
    void postfixSyntaxReachesTheWire() throws Exception {
        Child child = start("--port", "0", "--syntax", "postfix");
        try (RawSmtpClient client = new RawSmtpClient(LOOPBACK.getHostAddress(), child.awaitListeningPort())) {
            assertThat(client.reply()).startsWith("220 ");
            assertThat(client.command("EHLO client.example")).startsWith("250");
            assertThat(client.command("MAIL FROM:<a@b@c.example>")).as("postfix takes the last @").startsWith("250 2.1.0");
            assertThat(client.command("RSET")).startsWith("250 ");
            assertThat(client.command("MAIL FROM:<a@b.example> BODY=BINARYMIME"))
                    .isEqualTo("555 5.5.4 Unsupported option: BODY=BINARYMIME");
            assertThat(client.command("MAIL FROM:<-x@b.example>")).startsWith("501 5.1.7");
            assertThat(client.command("QUIT")).startsWith("221 ");
        }
    }

    @Test
    void eximSyntaxReachesTheWire() throws Exception {
        Child child = start("--port", "0", "--syntax", "exim");
        try (RawSmtpClient client = new RawSmtpClient(LOOPBACK.getHostAddress(), child.awaitListeningPort())) {
            assertThat(client.reply()).startsWith("220 ");
            assertThat(client.command("EHLO client.example")).startsWith("250");
            assertThat(client.command("MAIL FROM:<a@b..c>")).isEqualTo("501 <a@b..c>: domain missing or malformed");
            assertThat(client.command("MAIL FROM :<a@b.example>")).isEqualTo("500 unrecognized command");
            assertThat(client.command("MAIL FROM:<a@b.example>")).isEqualTo("250 OK");
            assertThat(client.command("RCPT TO:<c@[192.0.2.1]>"))
                    .isEqualTo("501 <c@[192.0.2.1]>: domain literals not allowed");
            assertThat(client.command("RCPT TO:<c@d.example>")).isEqualTo("250 Accepted");
            assertThat(client.command("QUIT")).startsWith("221 ");
        }
    }

    @Test
    void aManualClockMovesWhenTheAdminApiSaysSo() throws Exception {
        Path file = Files.writeString(temp.resolve("quiet.yaml"), """
                server: {idle_timeout: 1h}
                rules:
                  - {on: idle, after: 10m, reply: 421 4.4.2 Ten quiet minutes}
                """);
        Child child = start("--port", "0", "--clock", "manual", "--admin-port", "0", "--scenario", file.toString());
        int smtpPort = child.awaitListeningPort();
        int adminPort = child.awaitPort(ADMIN);
        try (RawSmtpClient client = new RawSmtpClient(LOOPBACK.getHostAddress(), smtpPort)) {
            assertThat(client.reply()).startsWith("220 ");

            HttpResponse<String> moved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + adminPort + "/clock?advance=10m"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
            assertThat(moved.body()).containsPattern("\"kind\" *: *\"manual\"");
            assertThat(client.reply()).isEqualTo("421 4.4.2 Ten quiet minutes");
        }
    }

    // --- plumbing ---------------------------------------------------------------------------------

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServerSocket bindLoopback() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(LOOPBACK, 0));
        return socket;
    }

    private Child start(String... args) throws IOException {
        return start(List.of(), args);
    }

    private Child start(List<String> environment, String... args) throws IOException {
        return processes.start(temp, List.of(), environment, args);
    }
}
