package dev.smtpdouble.tls;

import dev.smtpdouble.files.FileProblems;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a client needs to trust a server's certificate: the CA certificate, as an object, as PEM,
 * as an {@link SSLContext} or {@link SSLSocketFactory}, as a truststore file, or as the Jakarta Mail
 * properties that use it. Only the CA is trusted, nothing else, so a broken certificate is still
 * refused.
 */
public final class Trust {

    /** The password of the truststore files this class writes. */
    public static final String TRUSTSTORE_PASSWORD = "changeit";

    private final X509Certificate anchor;
    private volatile SSLContext context;

    public Trust(X509Certificate anchor) {
        this.anchor = Objects.requireNonNull(anchor, "anchor");
    }

    /** Trust in the CA that signs the certificates generated in this process. */
    public static Trust generated() {
        return new Trust(ServerKeys.generatedAuthority());
    }

    /** The certificate to trust: the generated CA, or the last certificate of the user's chain. */
    public X509Certificate caCertificate() {
        return anchor;
    }

    /** The CA certificate in PEM, as {@code openssl}, curl and Python read it. */
    public String caPem() {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(anchor.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the CA certificate", e);
        }
    }

    /** Writes the CA certificate as PEM to this file (for {@code curl --cacert}, Python, Node). */
    public Path writeCaPem(Path file) {
        try {
            return Files.writeString(file, caPem(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CA certificate to " + file + ": " + FileProblems.reason(e), e);
        }
    }

    /** A key store holding only the CA certificate, as a trust store. */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("smtp-double-ca", anchor);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust store: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a PKCS#12 truststore with the CA certificate (password {@value #TRUSTSTORE_PASSWORD}), for
     * {@code -Djavax.net.ssl.trustStore=} or a build tool's TLS settings.
     */
    public Path writeTrustStore(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            trustStore().store(out, TRUSTSTORE_PASSWORD.toCharArray());
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new UncheckedIOException("cannot write the truststore " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** A TLS context whose only trust is the CA: host names are still checked by clients that check them. */
    public SSLContext sslContext() {
        SSLContext result = context;
        if (result == null) {
            try {
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trustStore());
                result = SSLContext.getInstance("TLS");
                result.init(null, trust.getTrustManagers(), null);
                context = result;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot build an SSLContext: " + e.getMessage(), e);
            }
        }
        return result;
    }

    public SSLSocketFactory socketFactory() {
        return sslContext().getSocketFactory();
    }

    /**
     * Jakarta Mail properties that trust the CA and check the server's name: with {@code implicit}
     * for an implicit-TLS port ({@code mail.smtp.ssl.enable}), else for STARTTLS, required.
     */
    public Properties jakartaMailProperties(boolean implicit) {
        Properties properties = new Properties();
        if (implicit) {
            properties.put("mail.smtp.ssl.enable", "true");
        } else {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        properties.put("mail.smtp.ssl.socketFactory", socketFactory());
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        return properties;
    }

    @Override
    public String toString() {
        return "Trust[" + anchor.getSubjectX500Principal().getName() + "]";
    }
}
