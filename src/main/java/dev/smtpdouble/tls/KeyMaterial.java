package dev.smtpdouble.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What a server presents in the handshake: its private key and its certificate chain, the server's
 * own certificate first.
 *
 * @param trustAnchor the certificate a client must trust to accept the chain: the CA that signed a
 *                    generated certificate, or the last certificate of the user's chain
 */
public record KeyMaterial(PrivateKey key, List<X509Certificate> chain, X509Certificate trustAnchor) {

    public KeyMaterial {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the server's certificate");
        }
        Objects.requireNonNull(trustAnchor, "trustAnchor");
    }

    @Override
    public String toString() {
        return "KeyMaterial[" + chain.get(0).getSubjectX500Principal().getName() + ", key hidden]";
    }
}
