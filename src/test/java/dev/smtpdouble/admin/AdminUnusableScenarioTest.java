package dev.smtpdouble.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.tls.OwnKey;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PUT /scenario} with a scenario that parses but cannot be used on this server: a 400 with the
 * text a server gives at start, never a 500, never a password.
 */
class AdminUnusableScenarioTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String RIGHT = "Right-Pa55word";
    private static final String WRONG = "WrongPwd123";

    @TempDir
    Path temp;

    @Test
    void aScenarioThisServerCannotUseIs400WithTheReasonAndChangesNothing() throws Exception {
        KeyPair pair = new OwnKey("EC", 256, OwnKey.Form.PKCS8).generate();
        X509Certificate certificate = OwnKey.selfSigned(pair);
        Path cert = temp.resolve("server.pem");
        OwnKey.write(cert, certificate);
        Path store = temp.resolve("server.p12");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", pair.getPrivate(), RIGHT.toCharArray(), new Certificate[] {certificate});
        try (OutputStream out = Files.newOutputStream(store)) {
            keys.store(out, RIGHT.toCharArray());
        }
        Path encrypted = temp.resolve("encrypted.key");
        OwnKey.write(encrypted, new JcaPKCS8Generator(pair.getPrivate(), new JceOpenSSLPKCS8EncryptorBuilder(
                PKCS8Generator.AES_128_CBC).setProvider(new BouncyCastleProvider())
                .setPassword(RIGHT.toCharArray()).build()));
        Path missing = temp.resolve("missing.p12");

        try (SmtpDouble smtp = SmtpDouble.start();
             AdminServer admin = AdminServer.builder().listener(smtp).port(0).start()) {
            String uri = "http://127.0.0.1:" + admin.port() + "/scenario";

            assertThat(refusal(uri, "server: {require_auth: true}"))
                    .startsWith("scenario 'request body' cannot be used on this server: require-auth needs at least"
                            + " one account");
            assertThat(refusal(uri, "server: {tls: true, tls_keystore: '" + missing + "', tls_keystore_password: "
                    + RIGHT + "}"))
                    .isEqualTo("scenario 'request body' cannot be used on this server: cannot read the TLS key store "
                            + missing + ": no such file");
            assertThat(refusal(uri, "server: {tls: true, tls_keystore: '" + store + "', tls_keystore_password: "
                    + WRONG + "}"))
                    .isEqualTo("scenario 'request body' cannot be used on this server: cannot read the TLS key store "
                            + store + ": wrong password");
            assertThat(refusal(uri, "server: {tls: true, tls_cert: '" + cert + "', tls_key: '" + cert + "'}"))
                    .contains("cannot be used on this server: no unencrypted PEM private key");
            assertThat(refusal(uri, "server: {tls: true, tls_cert: '" + cert + "', tls_key: '" + encrypted + "'}"))
                    .contains("cannot be used on this server: the TLS private key in " + encrypted + " is encrypted");
            assertThat(smtp.scenario().name()).isEqualTo("accept-all");
        }
    }

    /** The error of a 400 answer, checked to name no class and show no password. */
    private static String refusal(String uri, String yaml) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri))
                .PUT(BodyPublishers.ofString(yaml)).build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("Exception", "internal error", RIGHT, WRONG);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(400);
        return body.get("error").asText();
    }
}
