package dev.smtpdouble.cli;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.tls.CertificateKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The TLS options of the command line, each with its environment variable, and how they set up a server. */
final class TlsOptions {

    @Option(names = "--tls", defaultValue = "${env:SMTP_DOUBLE_TLS:-false}", fallbackValue = "true", arity = "0..1",
            description = "Offer STARTTLS on the SMTP port(s), with a certificate generated at start unless --tls-cert or --tls-keystore is given (env SMTP_DOUBLE_TLS).")
    boolean tls;

    @Option(names = "--tls-port", paramLabel = "PORT", split = ",", defaultValue = "${env:SMTP_DOUBLE_TLS_PORT}",
            description = "An implicit-TLS listener (the port known as 465) with the same scenario and journal as --port; repeatable, 0 for a free one (env SMTP_DOUBLE_TLS_PORT).")
    List<Integer> tlsPorts = new ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "FILE", defaultValue = "${env:SMTP_DOUBLE_TLS_CERT}",
            description = "The server's certificate chain, PEM, with --tls-key (env SMTP_DOUBLE_TLS_CERT).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", defaultValue = "${env:SMTP_DOUBLE_TLS_KEY}",
            description = "The private key of --tls-cert, unencrypted PEM (env SMTP_DOUBLE_TLS_KEY).")
    Path tlsKey;

    @Option(names = "--tls-keystore", paramLabel = "FILE", defaultValue = "${env:SMTP_DOUBLE_TLS_KEYSTORE}",
            description = "The server's key and certificate in a PKCS#12 file (env SMTP_DOUBLE_TLS_KEYSTORE).")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password", paramLabel = "PASSWORD", defaultValue = "${env:SMTP_DOUBLE_TLS_KEYSTORE_PASSWORD}",
            description = "The password of --tls-keystore (env SMTP_DOUBLE_TLS_KEYSTORE_PASSWORD).")
    String tlsKeystorePassword;

    @Option(names = "--tls-certificate", paramLabel = "KIND", defaultValue = "${env:SMTP_DOUBLE_TLS_CERTIFICATE}",
            converter = CertificateKindConverter.class,
            description = "A generated certificate: valid (default), self-signed, expired, not-yet-valid, wrong-host, untrusted-ca (env SMTP_DOUBLE_TLS_CERTIFICATE).")
    CertificateKind tlsCertificate;

    @Option(names = "--tls-versions", paramLabel = "VERSION", split = ",", defaultValue = "${env:SMTP_DOUBLE_TLS_VERSIONS}",
            description = "The TLS versions offered, e.g. TLSv1.3 or TLSv1.2,TLSv1.3; TLSv1 and TLSv1.1 are enabled in the JVM when asked for (env SMTP_DOUBLE_TLS_VERSIONS).")
    List<String> tlsVersions = new ArrayList<>();

    @Option(names = "--tls-ca-out", paramLabel = "FILE", defaultValue = "${env:SMTP_DOUBLE_TLS_CA_OUT}",
            description = "Write the CA certificate clients must trust to this file, PEM, once the server listens (env SMTP_DOUBLE_TLS_CA_OUT).")
    Path tlsCaOut;

    @Option(names = "--require-tls", defaultValue = "${env:SMTP_DOUBLE_REQUIRE_TLS:-false}", fallbackValue = "true", arity = "0..1",
            description = "Answer MAIL, RCPT, DATA, BDAT, RSET, VRFY, AUTH and ETRN before STARTTLS with 530 5.7.0 (env SMTP_DOUBLE_REQUIRE_TLS).")
    boolean requireTls;

    /** The TLS options every listener shares: STARTTLS, the certificate, TLS required. */
    SmtpDouble.Builder applyTo(SmtpDouble.Builder builder) {
        if (tlsCert != null || tlsKey != null) {
            if (tlsCert == null || tlsKey == null) {
                throw new IllegalArgumentException("--tls-cert and --tls-key go together");
            }
            builder.tlsCert(tlsCert, tlsKey);
        }
        if (tlsKeystore != null) {
            if (tlsCert != null) {
                throw new IllegalArgumentException("give --tls-cert/--tls-key or --tls-keystore, not both");
            }
            builder.tlsKeystore(tlsKeystore, tlsKeystorePassword);
        }
        if (tlsCertificate != null) {
            builder.tlsCertificate(tlsCertificate);
        }
        if (!tlsVersions.isEmpty()) {
            builder.tlsVersions(tlsVersions.toArray(String[]::new));
        }
        return builder.tls(tls).requireTls(requireTls);
    }

    /** The implicit-TLS listeners and the CA file belong to the first server. */
    SmtpDouble.Builder listenersOn(SmtpDouble.Builder builder) {
        tlsPorts.forEach(builder::tlsPort);
        return tlsCaOut == null ? builder : builder.tlsCaOut(tlsCaOut);
    }

    /** The TLS versions asked for, which may need TLS 1.0/1.1 enabled in this JVM. */
    List<String> versions() {
        return tlsVersions;
    }

    /**
     * The options given that only TLS uses, each as the user gave it ({@code --tls-cert} or
     * {@code SMTP_DOUBLE_TLS_CERT}); they are refused on a server that offers no TLS.
     */
    List<String> onlyForTls(BiFunction<String, String, String> given) {
        List<String> names = new ArrayList<>();
        Object[][] options = {{tlsCert, "--tls-cert", "SMTP_DOUBLE_TLS_CERT"}, {tlsKey, "--tls-key", "SMTP_DOUBLE_TLS_KEY"},
            {tlsKeystore, "--tls-keystore", "SMTP_DOUBLE_TLS_KEYSTORE"},
            {tlsKeystorePassword, "--tls-keystore-password", "SMTP_DOUBLE_TLS_KEYSTORE_PASSWORD"},
            {tlsCertificate, "--tls-certificate", "SMTP_DOUBLE_TLS_CERTIFICATE"},
            {tlsVersions.isEmpty() ? null : tlsVersions, "--tls-versions", "SMTP_DOUBLE_TLS_VERSIONS"},
            {tlsCaOut, "--tls-ca-out", "SMTP_DOUBLE_TLS_CA_OUT"}};
        for (Object[] option : options) {
            if (option[0] != null) {
                names.add(given.apply((String) option[1], (String) option[2]));
            }
        }
        return names;
    }

    /** Where the CA certificate is written, or null. */
    Path caOut() {
        return tlsCaOut;
    }

    static final class CertificateKindConverter implements CommandLine.ITypeConverter<CertificateKind> {
        @Override
        public CertificateKind convert(String value) {
            return CertificateKind.named(value).orElseThrow(() -> new CommandLine.TypeConversionException("'" + value
                    + "' is not one of valid, self-signed, expired, not-yet-valid, wrong-host, untrusted-ca"));
        }
    }
}
