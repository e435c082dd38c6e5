package dev.smtpdouble.scenario;

import dev.smtpdouble.tls.CertificateKind;
import dev.smtpdouble.tls.ServerCertificate;
import dev.smtpdouble.tls.TlsSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the TLS keys of a scenario's {@code server:} block: one change of the TLS settings, and the
 * listeners and CA file of the server that starts with the scenario.
 */
final class TlsKeysReader {

    static final List<String> KEYS = List.of("tls", "require_tls", "tls_cert", "tls_key", "tls_keystore",
            "tls_keystore_password", "tls_certificate", "tls_versions", "tls_cipher_suites", "tls_port", "tls_ca_out");

    private TlsKeysReader() {
    }

    /** {@code tls_port} (a port or a list of ports, 0 for a free one) and {@code tls_ca_out} (a file). */
    static ServerStart start(YamlReader yaml, Map<String, Node> keys) {
        if (!keys.containsKey("tls_port") && !keys.containsKey("tls_ca_out")) {
            return ServerStart.NONE;
        }
        List<Integer> ports = new ArrayList<>();
        if (keys.containsKey("tls_port")) {
            Node node = keys.get("tls_port");
            List<Node> items = node instanceof SequenceNode list ? list.getValue() : List.of(node);
            for (Node item : items) {
                Long port = yaml.integer(item, "tls_port", 0, 65_535);
                if (port != null) {
                    ports.add(port.intValue());
                }
            }
        }
        String caOut = keys.containsKey("tls_ca_out") ? yaml.text(keys.get("tls_ca_out"), "tls_ca_out") : null;
        if (caOut != null && caOut.isBlank()) {
            yaml.problem(keys.get("tls_ca_out"), "'tls_ca_out' must name a file");
            caOut = null;
        }
        return new ServerStart(ports, caOut == null ? null : Path.of(caOut));
    }

    /** @return the change, or null when the block has no TLS key of the settings */
    static UnaryOperator<Settings> read(YamlReader yaml, Map<String, Node> keys) {
        if (KEYS.stream().filter(key -> !key.equals("tls_port") && !key.equals("tls_ca_out"))
                .noneMatch(keys::containsKey)) {
            return null;
        }
        Boolean startTls = keys.containsKey("tls") ? yaml.bool(keys.get("tls"), "tls") : null;
        Boolean required = keys.containsKey("require_tls") ? yaml.bool(keys.get("require_tls"), "require_tls") : null;
        ServerCertificate certificate = certificate(yaml, keys);
        List<String> versions = keys.containsKey("tls_versions")
                ? yaml.texts(keys.get("tls_versions"), "tls_versions") : null;
        List<String> suites = keys.containsKey("tls_cipher_suites")
                ? yaml.texts(keys.get("tls_cipher_suites"), "tls_cipher_suites") : null;
        if (versions != null) {
            for (String version : versions) {
                if (!version.matches("TLSv1(\\.[0-3])?")) {
                    yaml.problem(keys.get("tls_versions"), "'tls_versions' lists TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3: '"
                            + version + "'");
                }
            }
        }
        return settings -> {
            TlsSettings tls = settings.tls();
            if (startTls != null) tls = tls.withStartTls(startTls);
            if (required != null) tls = tls.withRequired(required);
            if (certificate != null) tls = tls.withCertificate(certificate);
            if (versions != null) tls = tls.withVersions(versions);
            if (suites != null) tls = tls.withCipherSuites(suites);
            return settings.withTls(tls);
        };
    }

    private static ServerCertificate certificate(YamlReader yaml, Map<String, Node> keys) {
        int sources = (keys.containsKey("tls_certificate") ? 1 : 0) + (keys.containsKey("tls_cert") ? 1 : 0)
                + (keys.containsKey("tls_keystore") ? 1 : 0);
        if (sources > 1) {
            yaml.problem(keys.getOrDefault("tls_certificate", keys.getOrDefault("tls_cert", keys.get("tls_keystore"))),
                    "give one of 'tls_certificate', 'tls_cert' (with 'tls_key') or 'tls_keystore'");
            return null;
        }
        if (keys.containsKey("tls_key") != keys.containsKey("tls_cert")) {
            yaml.problem(keys.getOrDefault("tls_cert", keys.get("tls_key")),
                    "'tls_cert' and 'tls_key' go together: the certificate chain and its private key, PEM files");
            return null;
        }
        if (keys.containsKey("tls_keystore_password") && !keys.containsKey("tls_keystore")) {
            yaml.problem(keys.get("tls_keystore_password"), "'tls_keystore_password' needs 'tls_keystore'");
        }
        if (keys.containsKey("tls_certificate")) {
            String name = yaml.text(keys.get("tls_certificate"), "tls_certificate");
            if (name == null) {
                return null;
            }
            List<String> names = Arrays.stream(CertificateKind.values()).map(CertificateKind::yamlName).toList();
            return CertificateKind.named(name).<ServerCertificate>map(ServerCertificate.Generated::new).orElseGet(() -> {
                String nearest = Spelling.nearest(name, names);
                yaml.problem(keys.get("tls_certificate"), "'tls_certificate: " + name + "' is not a certificate kind; "
                        + (nearest == null ? "use one of " + String.join(", ", names) : "did you mean '" + nearest + "'?"));
                return null;
            });
        }
        if (keys.containsKey("tls_cert")) {
            String cert = yaml.text(keys.get("tls_cert"), "tls_cert");
            String key = yaml.text(keys.get("tls_key"), "tls_key");
            return cert == null || key == null ? null : new ServerCertificate.PemFiles(Path.of(cert), Path.of(key));
        }
        if (keys.containsKey("tls_keystore")) {
            String file = yaml.text(keys.get("tls_keystore"), "tls_keystore");
            String password = keys.containsKey("tls_keystore_password")
                    ? yaml.text(keys.get("tls_keystore_password"), "tls_keystore_password") : "";
            return file == null ? null : new ServerCertificate.KeyStoreFile(Path.of(file), password);
        }
        return null;
    }
}
