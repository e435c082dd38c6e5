package dev.smtpdouble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.RawSmtpClient;
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
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's implicit-TLS listener and CA file, asked for by a scenario's server block
 * ({@code tls_port}, {@code tls_ca_out}) or by the container's environment ({@code SMTP_DOUBLE_TLS_PORT},
 * {@code SMTP_DOUBLE_TLS_CA_OUT}): a client that trusts only the written file gets the greeting.
 */
class ImplicitTlsCommandLineIT {

    private static final Pattern IMPLICIT_TLS = Pattern.compile("smtp-double implicit TLS on 127\\.0\\.0\\.1:(\\d+)");

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
        int tlsPort = child.awaitPort(IMPLICIT_TLS);
        child.awaitLine(Pattern.compile(Pattern.quote("smtp-double wrote the CA certificate to " + ca)));

        assertThat(greetingOverTls(ca, tlsPort)).isEqualTo("220 localhost ESMTP");
    }

    @Test
    void theEnvironmentAsksForTheSameAsTheOptions() throws Exception {
        Path ca = temp.resolve("ca.pem");

        Child child = processes.start(temp, List.of(), List.of("SMTP_DOUBLE_TLS_PORT=0", "SMTP_DOUBLE_TLS_CA_OUT=" + ca),
                "--port", "0");
        int tlsPort = child.awaitPort(IMPLICIT_TLS);
        child.awaitLine(Pattern.compile(Pattern.quote("smtp-double wrote the CA certificate to " + ca)));

        assertThat(greetingOverTls(ca, tlsPort)).isEqualTo("220 localhost ESMTP");
    }

    /**
     * {@code --tls} and {@code --tls-port} alone are read by the plain start, without the command line
     * library: STARTTLS is offered on the SMTP port and the implicit-TLS port greets over TLS with the
     * generated certificate.
     */
    @Test
    void tlsAndATlsPortAloneServeTlsWithTheGeneratedCertificate() throws Exception {
        Child child = processes.start(temp, List.of(), List.of(), "--port", "0", "--tls", "--tls-port", "0");
        int port = child.awaitListeningPort(); // printed first
        int tlsPort = child.awaitPort(IMPLICIT_TLS);

        try (RawSmtpClient client = new RawSmtpClient("127.0.0.1", port)) {
            assertThat(client.reply()).startsWith("220 ");
            assertThat(client.command("EHLO client.example")).contains("STARTTLS");
        }
        SSLContext anyCertificate = SSLContext.getInstance("TLS");
        anyCertificate.init(null, new TrustManager[] {new AnyCertificate()}, null);
        try (SSLSocket socket = (SSLSocket) anyCertificate.getSocketFactory().createSocket("127.0.0.1", tlsPort)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            X509Certificate presented = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertThat(presented.getIssuerX500Principal().getName()).contains("smtp-double test CA");
            assertThat(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine()).isEqualTo("220 localhost ESMTP");
        }
    }

    /** Takes any server certificate: the test reads who issued it instead. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client's trust manager");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Connects with TLS from the first byte, trusting the CA in the file and nothing else; returns the first line. */
    private static String greetingOverTls(Path caPem, int port) throws Exception {
        Trust trust;
        try (InputStream in = Files.newInputStream(caPem)) {
            trust = new Trust((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        try (SSLSocket socket = (SSLSocket) trust.socketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
