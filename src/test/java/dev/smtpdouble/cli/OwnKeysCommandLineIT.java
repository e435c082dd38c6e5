package dev.smtpdouble.cli;

import dev.smtpdouble.tls.OwnKey;
import dev.smtpdouble.tls.OwnKey.Form;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's own certificate and key (--tls-cert, --tls-key), in each PEM form the options take,
 * served by the packaged jar. That jar carries only the BouncyCastle classes the code reaches: a form
 * whose parser went missing from it would fail here, though it passes on the class path of the tests.
 */
class OwnKeysCommandLineIT {

    private static final Pattern TLS_PORT = Pattern.compile("smtp-double implicit TLS on 127\\.0\\.0\\.1:(\\d+)");

    private static final List<OwnKey> FORMS = List.of(
            new OwnKey("RSA", 2048, Form.OWN), new OwnKey("RSA", 2048, Form.PKCS8),
            new OwnKey("EC", 256, Form.OWN), new OwnKey("EC", 384, Form.OWN_AFTER_PARAMETERS),
            new OwnKey("EC", 256, Form.PKCS8), new OwnKey("Ed25519", 0, Form.PKCS8));

    @RegisterExtension
    final JarProcesses processes = new JarProcesses();

    @TempDir
    Path temp;

    @Test
    void eachFormServesTheHandshakeWithItsCertificate() throws Exception {
        for (OwnKey own : FORMS) {
            KeyPair pair = own.generate();
            X509Certificate certificate = OwnKey.selfSigned(pair);
            Path cert = temp.resolve(own + ".crt");
            Path key = temp.resolve(own + ".key");
            OwnKey.write(cert, certificate);
            own.write(key, pair);
            assertThat(OwnKey.firstBlockType(key)).as(own.toString()).isEqualTo(own.firstBlockType());

            Child server = processes.start(temp, List.of(), List.of(), "--port", "0", "--tls-port", "0",
                    "--tls-cert", cert.toString(), "--tls-key", key.toString());
            assertThat(OwnKey.handshake(server.awaitPort(TLS_PORT), certificate)).as(own.toString())
                    .isEqualTo(certificate.getSubjectX500Principal().getName() + " 220");
            server.kill();
        }
    }
}
