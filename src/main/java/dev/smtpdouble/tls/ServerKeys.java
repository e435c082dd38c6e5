package dev.smtpdouble.tls;

import java.io.IOException;
import java.io.InputStream;
import dev.smtpdouble.files.FileProblems;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** The key material for a {@link ServerCertificate}: generated, or read from the user's files. */
public final class ServerKeys {

    private ServerKeys() {
    }

    /**
     * @param hostname the server's configured name, put into generated certificates
     * @throws IllegalArgumentException when the user's files cannot be read or do not fit together
     */
    public static KeyMaterial load(ServerCertificate certificate, String hostname) {
        if (certificate instanceof ServerCertificate.Generated generated) {
            return GeneratedCertificates.certificate(generated.kind(), hostname);
        } else if (certificate instanceof ServerCertificate.PemFiles pem) {
            return fromPem(pem.certificate(), pem.key());
        } else {
            ServerCertificate.KeyStoreFile store = (ServerCertificate.KeyStoreFile) certificate;
            return fromKeyStore(store.file(), store.password());
        }
    }

    /** The CA certificate that signs every valid generated certificate of this process. */
    public static X509Certificate generatedAuthority() {
        return GeneratedCertificates.authority().certificate();
    }

    private static KeyMaterial fromPem(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader reader = Files.newBufferedReader(certificateFile, StandardCharsets.US_ASCII);
             PEMParser pem = new PEMParser(reader)) {
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (FileSystemException e) {
            throw new IllegalArgumentException("cannot read the TLS certificate " + certificateFile + ": "
                    + FileProblems.reason(e), e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the TLS certificate " + certificateFile + ": "
                    + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no PEM certificate (-----BEGIN CERTIFICATE-----) in " + certificateFile);
        }
        PrivateKey key = readKey(keyFile);
        requireMatch(key, chain.get(0), keyFile + " is not the private key of the certificate in " + certificateFile);
        return new KeyMaterial(key, chain, chain.get(chain.size() - 1));
    }

    /** Reads an unencrypted private key; no message contains key bytes. */
    private static PrivateKey readKey(Path keyFile) {
        try (Reader reader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
             PEMParser pem = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                if (item instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                } else if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                } else if (item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new IllegalArgumentException("the TLS private key in " + keyFile + " is encrypted, which is"
                            + " not supported: decrypt it (openssl pkey -in KEY -out PLAIN-KEY) or use a PKCS#12 key store");
                }
            }
        } catch (FileSystemException e) {
            throw new IllegalArgumentException("cannot read the TLS private key " + keyFile + ": "
                    + FileProblems.reason(e), e);
        } catch (IOException e) {
            // BouncyCastle's PEM and ASN.1 messages name the structure that failed, never the key's bytes
            throw new IllegalArgumentException("cannot read the TLS private key " + keyFile + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no unencrypted PEM private key (a PKCS#8, EC or RSA key block) in "
                + keyFile);
    }

    private static KeyMaterial fromKeyStore(Path file, String password) {
        char[] secret = password.toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(file.toString().endsWith(".jks") ? "JKS" : "PKCS12");
            store.load(in, secret);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, secret);
                    Certificate[] certificates = store.getCertificateChain(alias);
                    if (key instanceof PrivateKey privateKey && certificates != null && certificates.length > 0) {
                        List<X509Certificate> chain = new ArrayList<>();
                        for (Certificate certificate : certificates) {
                            chain.add((X509Certificate) certificate);
                        }
                        return new KeyMaterial(privateKey, chain, chain.get(chain.size() - 1));
                    }
                }
            }
        } catch (FileSystemException e) {
            throw new IllegalArgumentException("cannot read the TLS key store " + file + ": " + FileProblems.reason(e), e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the TLS key store " + file + ": "
                    + keyStoreProblem(e, file, password), e);
        }
        throw new IllegalArgumentException("the TLS key store " + file + " holds no private key with a certificate");
    }

    /** The JDK words a wrong password and a file of another kind alike, as parsing errors. */
    private static String keyStoreProblem(Exception e, Path file, String password) {
        if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
            return password.isEmpty() ? "it needs a password, and none was given" : "wrong password";
        }
        try (InputStream in = Files.newInputStream(file)) {
            if (new String(in.readNBytes(11), StandardCharsets.US_ASCII).equals("-----BEGIN ")) {
                return "it is a PEM file, not a PKCS#12 key store: give PEM files as the certificate and the key";
            }
        } catch (IOException ignored) {
            // read a moment ago; the parser's message below is all there is
        }
        return "not a PKCS#12 key store (" + e.getMessage() + ")";
    }

    /** A key and a certificate fit when the key signs what the certificate's public key verifies. */
    private static void requireMatch(PrivateKey key, X509Certificate certificate, String problem) {
        try {
            String algorithm = switch (key.getAlgorithm()) {
                case "EC" -> "SHA256withECDSA";
                case "RSA" -> "SHA256withRSA";
                case "Ed25519", "EdDSA" -> "Ed25519";
                default -> null;
            };
            if (algorithm == null) {
                return; // the handshake will tell
            }
            byte[] probe = "smtp-double".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException(problem);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(problem, e);
        }
    }
}
