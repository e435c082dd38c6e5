package dev.smtpdouble.tls;

import java.nio.file.Path;
import java.util.Objects;

/** Where the certificate a server presents comes from. */
public sealed interface ServerCertificate {

    /** The default: generated in memory, signed by the throwaway CA. */
    ServerCertificate GENERATED = new Generated(CertificateKind.VALID);

    /** Generated in memory, valid or broken on purpose. */
    record Generated(CertificateKind kind) implements ServerCertificate {
        public Generated {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** The user's PEM files: the certificate chain (server first) and its private key (PKCS#8, PKCS#1 or SEC1). */
    record PemFiles(Path certificate, Path key) implements ServerCertificate {
        public PemFiles {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
        }
    }

    /** The user's PKCS#12 (or JKS) key store holding one private key entry. */
    record KeyStoreFile(Path file, String password) implements ServerCertificate {
        public KeyStoreFile {
            Objects.requireNonNull(file, "file");
            password = password == null ? "" : password;
        }

        @Override
        public String toString() {
            return "KeyStoreFile[file=" + file + ", password=" + (password.isEmpty() ? "none" : "****") + "]";
        }
    }
}
