package dev.smtpdouble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Configuration that loads but cannot work, through the packaged jar: refused at start with what the
 * user typed named, before the SMTP port is bound, and refused in the same words by {@code --validate}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigurationErrorsIT {

    @RegisterExtension
    final JarProcesses processes = new JarProcesses();

    @TempDir
    Path temp;

    /** Each file: its server block, and the line:column where the key at fault sets its value. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "require_auth: true                                | 2:24 | require-auth needs at least one account",
        "tls: true, tls_cert: /nonexistent.pem, tls_key: /nonexistent.key | 2:31 | cannot read the TLS certificate /nonexistent.pem: no such file",
        "tls: true, tls_port: 0, tls_ca_out: nodir/ca.pem  | 2:46 | cannot write the CA certificate to nodir/ca.pem: no such folder",
        "tls_keystore: /nonexistent.p12                    | 2:24 | 'tls_keystore' needs TLS",
        "tls_ca_out: ca.pem                                | 2:22 | 'tls_ca_out' needs TLS",
        "require_tls: true                                 | 2:23 | require-tls needs TLS offered",
    })
    void aScenarioThatCannotWorkFailsValidationAndStartAtItsKey(String server, String place, String message)
            throws Exception {
        Path file = Files.writeString(temp.resolve("s.yaml"), "scenario: s\nserver: {" + server + "}\n");

        Child validate = processes.start(temp, List.of(), List.of(), "--validate", file.toString());
        assertThat(validate.awaitExit()).isEqualTo(1);
        assertThat(validate.stderr()).contains(file + ":" + place + ": " + message);
        assertThat(validate.stdout()).doesNotContain(": ok");

        assertRefusedBeforeBinding(List.of(), "--scenario", file.toString()).contains("invalid scenario")
                .contains(file + ":" + place + ": " + message);
        assertThat(temp.resolve("ca.pem")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--tls-cert /nonexistent.pem --tls-key /nonexistent.key | --tls-cert, --tls-key need TLS, which no listener offers",
        "--tls-keystore-password hunter2 | --tls-keystore-password needs TLS",
        "--tls-ca-out ca.pem             | --tls-ca-out needs TLS",
        "--require-tls                   | require-tls needs TLS offered, or every MAIL gets 530: add --tls",
        "--scenario-dir nonexistent --scenario greeting-421 | --scenario-dir nonexistent: no such folder",
        "--tls --tls-cert /nonexistent.pem --tls-key /nonexistent.key | cannot read the TLS certificate /nonexistent.pem: no such file",
        "--tls --tls-ca-out nodir/ca.pem | cannot write the CA certificate to nodir/ca.pem: no such folder /",
        "--max-message-size 0            | --max-message-size must be at least 1: 0",
        "--io-threads 0                  | --io-threads must be at least 1: 0",
        "--max-connections-per-client -1 | --max-connections-per-client must be at least 0: -1",
    })
    void anOptionThatCannotWorkIsNamedBeforeBinding(String arguments, String message) throws Exception {
        assertRefusedBeforeBinding(List.of(), arguments.split(" ")).contains("smtp-double: " + message);
        assertThat(temp.resolve("ca.pem")).as("no CA written for a server without TLS").doesNotExist();
    }

    @Test
    void aScenarioFolderThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("greylist.yaml"), "scenario: mine\n");
        assertRefusedBeforeBinding(List.of(), "--scenario-dir", file.toString(), "--scenario", "greylist")
                .contains("--scenario-dir " + file + ": not a folder");
    }

    @Test
    void aVariableIsNamedAsTheUserGaveIt() throws Exception {
        assertRefusedBeforeBinding(List.of("SMTP_DOUBLE_TLS_KEYSTORE=/nonexistent.p12"))
                .contains("smtp-double: SMTP_DOUBLE_TLS_KEYSTORE needs TLS");
        assertRefusedBeforeBinding(List.of("SMTP_DOUBLE_TLS=maybe")).contains(
                "invalid value of the environment variable SMTP_DOUBLE_TLS (--tls): 'maybe' is not a boolean")
                .doesNotContain("Usage:");
    }

    @Test
    void aScenarioFileThatIsNotUtf8IsRefusedAtTheByte() throws Exception {
        Path file = temp.resolve("latin1.yaml");
        Files.write(file, "scenario: latin1\ndescription: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertRefusedBeforeBinding(List.of(), "--scenario", file.toString())
                .contains(file + ":2:17: not UTF-8 text: byte 0xE9 at offset 33");
    }

    @Test
    void withTheAdminApiTlsOptionsWaitForAScenarioThatTurnsTlsOnButTheirFilesAreReadAtStart() throws Exception {
        assertRefusedBeforeBinding(List.of(), "--admin-port", "0", "--tls-cert", "/nonexistent.pem", "--tls-key",
                "/nonexistent.key").contains("cannot read the TLS certificate /nonexistent.pem: no such file");
    }

    /** The SMTP port is held: a server that bound before its checks would report it busy instead. */
    private org.assertj.core.api.AbstractStringAssert<?> assertRefusedBeforeBinding(List<String> environment,
                                                                                  String... arguments) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<String> args = new ArrayList<>(List.of("--port", String.valueOf(busy.getLocalPort())));
            args.addAll(Arrays.asList(arguments));
            Child child = processes.start(temp, List.of(), environment, args.toArray(String[]::new));
            assertThat(child.awaitExit()).isNotZero();
            assertThat(child.stdout()).doesNotContain("listening");
            return assertThat(child.stderr()).doesNotContainIgnoringCase("already in use");
        }
    }
}
