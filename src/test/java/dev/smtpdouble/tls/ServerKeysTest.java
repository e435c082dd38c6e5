package dev.smtpdouble.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
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
        byte[] pkcs1 = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive()
                .getEncoded();
        byte[] cut = Arrays.copyOf(pkcs1, 48); // the key's first bytes, its structure broken
        Path key = temp.resolve("cut.key");
        OwnKey.write(key, new PemObject("RSA PRIVATE KEY", cut));

        assertThatThrownBy(() -> ServerKeys.load(new ServerCertificate.PemFiles(certificate, key), "localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the TLS private key " + key + ": problem creating RSA private key")
                .message().doesNotContain("encrypted")
                .doesNotContain(Base64.getEncoder().encodeToString(Arrays.copyOfRange(cut, 12, 36)))
                .doesNotContainIgnoringCase(HexFormat.of().formatHex(cut, 12, 24)); // the key's bytes, in hex
    }

    @Test
    void aKeyFileWhosePemIsBrokenGetsTheReason() throws Exception {
        OwnKey rsa = new OwnKey("RSA", 2048, OwnKey.Form.OWN);
        Path badBase64 = temp.resolve("bad-base64.key");
        rsa.write(badBase64, pair);
        List<String> lines = new ArrayList<>(Files.readAllLines(badBase64));
        lines.set(1, "%%%" + lines.get(1).substring(3)); // not base64
        Files.write(badBase64, lines);
        Path noEnd = temp.resolve("no-end.key");
        rsa.write(noEnd, pair);
        lines = new ArrayList<>(Files.readAllLines(noEnd));
        Files.write(noEnd, lines.subList(0, lines.size() - 1)); // without its END line

        assertThatThrownBy(() -> ServerKeys.load(new ServerCertificate.PemFiles(certificate, badBase64), "localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the TLS private key " + badBase64 + ": malformed PEM data");
        assertThatThrownBy(() -> ServerKeys.load(new ServerCertificate.PemFiles(certificate, noEnd), "localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the TLS private key " + noEnd + ": ")
                .hasMessageEndingWith("END " + rsa.firstBlockType() + "----- not found");
    }

    @Test
    void aMissingKeyFileIsNamed() {
        Path missing = temp.resolve("missing.key");
        assertThatThrownBy(() -> ServerKeys.load(new ServerCertificate.PemFiles(certificate, missing), "localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read the TLS private key " + missing + ": no such file");
    }

    @Test
    void aFileWithoutAKeyBlockSaysWhatWasExpected() throws Exception {
        assertThatThrownBy(() -> ServerKeys.load(new ServerCertificate.PemFiles(certificate, certificate), "localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no unencrypted PEM private key (a PKCS#8, EC or RSA key block) in " + certificate);
    }
}
