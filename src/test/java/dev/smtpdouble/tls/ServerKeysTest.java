package dev.smtpdouble.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's own PEM files: what is read, and what each kind of unreadable key is told. */
class ServerKeysTest {

    @TempDir
    Path temp;

    private KeyPair pair;
    private Path certificate;

    @BeforeEach
    void certificate() throws Exception {
        pair = new OwnKey("RSA", 2048, OwnKey.Form.PKCS8).generate();
        certificate = temp.resolve("server.crt");
        OwnKey.write(certificate, OwnKey.selfSigned(pair));
    }

    @Test
    void aPkcs8KeyAndItsCertificateMakeTheKeyMaterial() throws Exception {
        Path key = temp.resolve("server.key");
        OwnKey.write(key, new JcaPKCS8Generator(pair.getPrivate(), null));

        KeyMaterial material = ServerKeys.load(new ServerCertificate.PemFiles(certificate, key), "localhost");

        assertThat(material.key()).isEqualTo(pair.getPrivate());
        assertThat(material.chain()).extracting(X509Certificate::getPublicKey).containsExactly(pair.getPublic());
    }

    @Test
    void anEncryptedKeyIsNamedAsSuchInEitherForm() throws Exception {
        Path pkcs8 = temp.resolve("pkcs8.key");
        OwnKey.write(pkcs8, new JcaPKCS8Generator(pair.getPrivate(), new JceOpenSSLPKCS8EncryptorBuilder(
                PKCS8Generator.AES_128_CBC).setProvider(new BouncyCastleProvider()) // the JDK lacks PKCS7Padding
                .setPassword("secret".toCharArray()).build()));
        Path traditional = temp.resolve("traditional.key");
        OwnKey.write(traditional, new JcaMiscPEMGenerator(pair.getPrivate(),
                new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new BouncyCastleProvider())
                        .build("secret".toCharArray())));
        assertThat(Files.readString(traditional)).contains("Proc-Type: 4,ENCRYPTED");

        for (Path key : new Path[] {pkcs8, traditional}) {
            assertThatThrownBy(() -> ServerKeys.load(new ServerCertificate.PemFiles(certificate, key), "localhost"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the TLS private key in " + key + " is encrypted, which is not supported: decrypt it"
                            + " (openssl pkey -in KEY -out PLAIN-KEY) or use a PKCS#12 key store");
        }
    }

    @Test
    void aDamagedKeyIsNotCalledEncryptedAndNoKeyBytesAreShown() throws Exception {
        String body = "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu";
        byte[] bytes = Base64.getDecoder().decode(body);
        Path key = temp.resolve("cut.key");
        Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> ServerKeys.load(new ServerCertificate.PemFiles(certificate, key), "localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the TLS private key " + key + ": problem creating RSA private key")
                .message().doesNotContain("encrypted").doesNotContain(body.substring(8, 24))
                .doesNotContainIgnoringCase(HexFormat.of().formatHex(bytes, 8, 20)); // the key's bytes, in hex
    }

    @Test
    void aKeyFileWhosePemIsBrokenGetsTheReason() throws Exception {
        Path badBase64 = temp.resolve("bad-base64.key");
        Files.writeString(badBase64, "-----BEGIN PRIVATE KEY-----\nMII%%%not base64\n-----END PRIVATE KEY-----\n");
        Path noEnd = temp.resolve("no-end.key");
        Files.writeString(noEnd, "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcN\n");

        assertThatThrownBy(() -> ServerKeys.load(new ServerCertificate.PemFiles(certificate, badBase64), "localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the TLS private key " + badBase64 + ": malformed PEM data");
        assertThatThrownBy(() -> ServerKeys.load(new ServerCertificate.PemFiles(certificate, noEnd), "localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read the TLS private key " + noEnd + ": -----END RSA PRIVATE KEY----- not found");
    }

    @Test
    void aMissingKeyFileIsNamed() {
        Path missing = temp.resolve("missing.key");
        assertThatThrownBy(() -> ServerKeys.load(new ServerCertificate.PemFiles(certificate, missing), "localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read the TLS private key " + missing + ": NoSuchFileException");
    }

    @Test
    void aFileWithoutAKeyBlockSaysWhatWasExpected() throws Exception {
        assertThatThrownBy(() -> ServerKeys.load(new ServerCertificate.PemFiles(certificate, certificate), "localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no unencrypted PEM private key (a PKCS#8, EC or RSA key block) in " + certificate);
    }
}
