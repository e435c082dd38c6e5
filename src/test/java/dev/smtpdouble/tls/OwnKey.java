package dev.smtpdouble.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * A key a user brings: its algorithm and size (0 where the algorithm has one size), and the form its
 * PEM file takes.
 */
public record OwnKey(String algorithm, int bits, Form form) {

    /** How a key file holds the key. */
    public enum Form {
        /** {@code PRIVATE KEY}, any algorithm */
        PKCS8,
        /** the algorithm's own block: {@code RSA PRIVATE KEY} (PKCS#1) or {@code EC PRIVATE KEY} (SEC1) */
        OWN,
        /** an {@code EC PARAMETERS} block, then {@code EC PRIVATE KEY}: what {@code openssl ecparam -genkey} writes */
        OWN_AFTER_PARAMETERS
    }

    public KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (bits > 0) {
            generator.initialize(bits);
        }
        return generator.generateKeyPair();
    }

    /** The type of the key file's first PEM block. */
    public String firstBlockType() {
        return switch (form) {
            case PKCS8 -> "PRIVATE KEY";
            case OWN -> algorithm + " PRIVATE KEY";
            case OWN_AFTER_PARAMETERS -> "EC PARAMETERS";
        };
    }

    /** The type of the first PEM block in {@code file}, or null when it has none. */
    public static String firstBlockType(Path file) throws IOException {
        try (PemReader reader = new PemReader(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            PemObject first = reader.readPemObject();
            return first == null ? null : first.getType();
        }
    }

    @Override
    public String toString() {
        return algorithm + "-" + form.name().toLowerCase();
    }

    /** A certificate for localhost, signed by its own key, valid for a day. */
    public static X509Certificate selfSigned(KeyPair pair) throws Exception {
        X500Name name = new X500Name("CN=localhost,O=own key");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name,
                pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        String signature = switch (pair.getPrivate().getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "EdDSA" -> "Ed25519"; // the only EdDSA key made here
            default -> throw new IllegalArgumentException(pair.getPrivate().getAlgorithm());
        };
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(signature).build(pair.getPrivate())));
    }

    /**
     * Writes the key file. The JDK's EC key leaves the curve out of the inner structure (PKCS#8
     * carries it outside), so the {@code EC PRIVATE KEY} block is built as OpenSSL writes it.
     */
    public void write(Path file, KeyPair pair) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (form == Form.PKCS8) {
                writer.writeObject(new JcaPKCS8Generator(pair.getPrivate(), null));
            } else if (!algorithm.equals("EC")) {
                writer.writeObject(pair.getPrivate());
            } else {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
                if (form == Form.OWN_AFTER_PARAMETERS) {
                    writer.writeObject(new PemObject("EC PARAMETERS",
                            info.getPrivateKeyAlgorithm().getParameters().toASN1Primitive().getEncoded()));
                }
                ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
                writer.writeObject(new PemObject("EC PRIVATE KEY", new ECPrivateKey(bits, inner.getKey(),
                        SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()).getPublicKeyData(),
                        info.getPrivateKeyAlgorithm().getParameters()).getEncoded()));
            }
        }
    }

    public static void write(Path file, Object pem) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(pem);
        }
    }

    /**
     * Connects over implicit TLS trusting only {@code expected}.
     *
     * @return the subject of the certificate the server showed, and the code of its greeting
     */
    public static String handshake(int port, X509Certificate expected) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("own", expected);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            X509Certificate shown = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return shown.getSubjectX500Principal().getName() + " " + greeting.substring(0, 3);
        }
    }
}
