package dev.smtpdouble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PlainStartTest {

    private final PrintWriter out = new PrintWriter(new StringWriter());

    @ParameterizedTest
    @ValueSource(strings = {"", "--port 0", "--port=2526 --host 0.0.0.0 --hostname mx.test",
            "--scenario greeting-421 --scenario-dir /tmp/scenarios --port 25", "--max-message-size 1000 --port 1 --port 2",
            "--admin-port 0 --admin-host=::1", "--scenario=bench/limits.yaml", "--tls", "--tls --port 0", "--port 0 --tls",
            "--tls=true", "--tls=FALSE", "--tls-port 4650", "--tls-port=0", "--tls-port 4650,4651 --tls-port 4652",
            "--tls --tls-port 0 --scenario greeting-421", "--syntax postfix", "--syntax=EXIM",
            "--scenario greeting-421 --syntax strict", "--auth alice:secret",
            "--auth alice:secret --auth=bob:pw:token", "--require-auth --auth alice:secret", "--require-tls --tls",
            "--require-tls=false --tls --require-tls"})
    void readsThePlainOptionsAsTheFullParserDoes(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        assertSameAsFullParser(PlainStart.parse(args, Map.of(), out, out, null), args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--tls true", "--tls false", "--tls=yes", "--tls-port abc", "--tls-port 1,,2", "--tls-port",
            "--tls --tls-cert c.pem --tls-key k.pem", "--tls-ca-out ca.pem", "--syntax nonsense", "--auth nocolon",
            "--auth :secret", "--require-auth=true", "--require-tls true", "--auth-mechanisms PLAIN", "--port abc", "--port -1", "--help", "--version", "matrix", "--port", "--clock manual",
            "--validate x.yaml", "--scenario greeting-421 --chunking on", "--port=0 extra"})
    void leavesEverythingElseToTheFullParser(String line) {
        assertThat(PlainStart.parse(line.split(" "), Map.of(), out, out, null)).isNull();
    }

    @Test
    void takesTheScenarioFromTheEnvironmentAndLeavesOtherOptionVariablesToTheFullParser() {
        Main plain = PlainStart.parse(new String[0], Map.of("SMTP_DOUBLE_SCENARIO", "greeting-421",
                "SMTP_DOUBLE_CDS", "off", "PATH", "/bin"), out, out, null);
        assertThat(plain.scenario).isEqualTo("greeting-421");
        assertThat(PlainStart.parse(new String[] {"--scenario", "x"}, Map.of("SMTP_DOUBLE_SCENARIO", "y"), out, out, null)
                .scenario).as("the option wins").isEqualTo("x");
        for (String variable : List.of("SMTP_DOUBLE_TLS", "SMTP_DOUBLE_TLS_PORT", "SMTP_DOUBLE_AUTH", "SMTP_DOUBLE_ADMIN_TOKEN", "SMTP_DOUBLE_CLOCK")) {
            assertThat(PlainStart.parse(new String[0], Map.of(variable, "x"), out, out, null)).as(variable).isNull();
        }
    }

    @Test
    void readsTheImagesEnvironmentAsTheFullParserReadsItsOwn() {
        Map<String, String> image = Map.of("SMTP_DOUBLE_SCENARIO", "accept-all", "SMTP_DOUBLE_SCENARIO_DIR", "/scenarios",
                "SMTP_DOUBLE_ADMIN_PORT", "8025", "SMTP_DOUBLE_JOURNAL_ENTRIES", "10000", "SMTP_DOUBLE_JOURNAL_BYTES", "32m",
                "SMTP_DOUBLE_OPTS", "", "SMTP_DOUBLE_JVM_DEFAULTS", "-XX:+UseSerialGC");
        String[] args = {"--host", "0.0.0.0", "--port", "2525", "--admin-host", "0.0.0.0", "--admin-port", "8025"};
        Main plain = PlainStart.parse(args, image, out, out, null);

        assertSameAsFullParser(plain, concat(args, "--scenario", "accept-all", "--scenario-dir", "/scenarios",
                "--journal-entries", "10000", "--journal-bytes", "32m"));
        assertThat(plain.limits.journalBytes).isEqualTo(32L << 20);
        assertThat(PlainStart.parse(args, Map.of("SMTP_DOUBLE_JOURNAL_BYTES", "32x"), out, out, null))
                .as("a size that does not parse is the full parser's to word").isNull();
        assertThat(PlainStart.parse(args, Map.of("SMTP_DOUBLE_JOURNAL_ENTRIES", "many"), out, out, null)).isNull();
    }

    @Test
    void readsTheImagesTlsVariablesAsTheFullParserReadsItsOwn() {
        Map<String, String> image = Map.of("SMTP_DOUBLE_TLS", "true", "SMTP_DOUBLE_TLS_PORT", "4650,4651");
        assertSameAsFullParser(PlainStart.parse(new String[] {"--port", "0"}, image, out, out, null),
                "--port", "0", "--tls", "--tls-port", "4650,4651");
        assertSameAsFullParser(PlainStart.parse(new String[] {"--tls-port", "4652", "--tls=false"}, image, out, out, null),
                "--tls-port", "4652", "--tls=false");
        for (String wrong : List.of("yes", "", " true")) {
            assertThat(PlainStart.parse(new String[0], Map.of("SMTP_DOUBLE_TLS", wrong), out, out, null)).as(wrong).isNull();
        }
        for (String wrong : List.of("", "abc", "4650,", "4650, 4651")) {
            assertThat(PlainStart.parse(new String[0], Map.of("SMTP_DOUBLE_TLS_PORT", wrong), out, out, null)).as(wrong)
                    .isNull();
        }
    }

    /** The plain start read what picocli reads from {@code args}, which spell out the plain start's input. */
    private void assertSameAsFullParser(Main plain, String... args) {
        Main full = new Main(out, out, null);
        picocli.CommandLine cli = new picocli.CommandLine(full);
        cli.setOverwrittenOptionsAllowed(true);
        cli.parseArgs(args);
        assertThat(plain).isNotNull();
        assertThat(fields(plain)).isEqualTo(fields(full));
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private static List<Object> fields(Main main) {
        return Arrays.asList(main.host, main.port, main.hostname, main.scenario, main.scenarioDir, main.maxMessageSize,
                main.adminPort, main.adminHost, main.clock, main.chunking, main.syntax, main.listen, main.artifacts,
                main.adminToken, main.validate, main.schema, main.tls.tls, main.tls.tlsPorts, main.tls.tlsVersions,
                main.tls.requireTls, main.auth.auth, main.auth.requireAuth, main.auth.authMechanisms,
                main.limits.journalBytes, main.limits.journalEntries, main.limits.ioThreads);
    }
}
