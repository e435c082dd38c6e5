package dev.smtpdouble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.tls.Trust;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar with a scenario whose server block asks for an implicit-TLS listener and the CA file. */
class ScenarioTlsCommandLineIT {

    @RegisterExtension
    final JarProcesses processes = new JarProcesses();

    @TempDir
    Path temp;

    @Test
    void theScenariosTlsPortListensAndItsCaFileIsWritten() throws Exception {
        Path ca = temp.resolve("ca.pem");
        Path scenario = Files.writeString(temp.resolve("implicit-tls.yaml"),
                "scenario: implicit-tls\nserver:\n  tls_port: 0\n  tls_ca_out: '" + ca + "'\n");

        Child child = processes.start(temp, List.of(), List.of(), "--port", "0", "--scenario", scenario.toString());
        int tlsPort = child.awaitPort(Pattern.compile("smtp-double implicit TLS on 127\\.0\\.0\\.1:(\\d+)"));
        child.awaitLine(Pattern.compile(Pattern.quote("smtp-double wrote the CA certificate to " + ca)));

        Trust trust;
        try (InputStream in = Files.newInputStream(ca)) {
            trust = new Trust((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        try (SSLSocket socket = (SSLSocket) trust.socketFactory().createSocket("127.0.0.1", tlsPort)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake(); // trusting the written CA, and nothing else
            String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(greeting).isEqualTo("220 localhost ESMTP");
        }
    }
}
