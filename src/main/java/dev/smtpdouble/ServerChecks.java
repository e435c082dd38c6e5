package dev.smtpdouble;

import dev.smtpdouble.files.FileProblems;
import dev.smtpdouble.netty.TlsContexts;
import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.tls.ServerCertificate;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether settings can work on a server: checked when it starts, when a scenario is put in force,
 * and by {@link SmtpDouble.Builder#check()}, so that a mistake shows before a client waits on it.
 */
final class ServerChecks {

    private ServerChecks() {
    }

    /**
     * @param implicitTls whether the server has implicit-TLS listeners
     * @throws SettingException for require-auth without an account, require-TLS without TLS, or a
     *                          certificate, TLS versions or cipher suites that cannot be used
     */
    static void usable(Settings settings, boolean implicitTls, TlsContexts contexts) {
        try {
            settings.auth().check();
        } catch (IllegalArgumentException e) {
            throw new SettingException("require_auth", e.getMessage(), e);
        }
        boolean tls = implicitTls || settings.tls().startTls();
        if (settings.tls().required() && !tls) {
            throw new SettingException("require_tls", "require-tls needs TLS offered, or every MAIL gets 530: add --tls"
                    + " or --tls-port (tls: true or tls_port in a scenario's server block)");
        }
        if (tls) {
            try {
                contexts.prepare(settings);
            } catch (IllegalArgumentException e) {
                throw new SettingException(tlsKey(settings.tls().certificate(), e.getMessage()), e.getMessage(), e);
            }
        }
    }

    /** A CA file that cannot be written fails before the server binds; nothing is written here. */
    static void writable(Path caFile) {
        Path folder = caFile.toAbsolutePath().getParent();
        String problem = Files.isDirectory(caFile) ? "it is a folder"
                : Files.exists(caFile) && !Files.isWritable(caFile) ? "permission denied"
                : folder == null ? null : FileProblems.unwritableFolder(folder);
        if (problem != null) {
            throw new SettingException("tls_ca_out", "cannot write the CA certificate to " + caFile + ": " + problem);
        }
    }

    /** The scenario key behind a TLS problem, from what the problem is about. */
    private static String tlsKey(ServerCertificate certificate, String problem) {
        if (problem.contains("cipher suite")) {
            return "tls_cipher_suites";
        } else if (problem.contains("TLS version")) {
            return "tls_versions";
        } else if (certificate instanceof ServerCertificate.KeyStoreFile) {
            return "tls_keystore";
        } else if (certificate instanceof ServerCertificate.PemFiles) {
            boolean aboutCertificate = problem.startsWith("cannot read the TLS certificate")
                    || problem.startsWith("no PEM certificate");
            return aboutCertificate ? "tls_cert" : "tls_key";
        }
        return "tls_certificate";
    }
}
