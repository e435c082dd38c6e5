package dev.smtpdouble.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.tls.CertificateKind;
import dev.smtpdouble.tls.ServerCertificate;
import dev.smtpdouble.tls.TlsSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TLS keys of a scenario's server block and rules. */
class TlsScenarioKeysTest {

    private static TlsSettings tls(String yaml) {
        return Scenarios.fromYaml(yaml, "tls.yaml").settings().apply(Settings.DEFAULTS).tls();
    }

    @Test
    void serverKeysSetStarttlsRequirementCertificateVersionsAndSuites() {
        TlsSettings tls = tls("""
                server:
                  tls: true
                  require_tls: true
                  tls_certificate: expired
                  tls_versions: [TLSv1.2]
                  tls_cipher_suites: TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                """);
        assertThat(tls).isEqualTo(new TlsSettings(true, true, new ServerCertificate.Generated(CertificateKind.EXPIRED),
                List.of("TLSv1.2"), List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")));
    }

    @Test
    void theUsersFilesAreNamedInTheScenario() {
        assertThat(tls("server: {tls_cert: cert.pem, tls_key: key.pem}").certificate())
                .isEqualTo(new ServerCertificate.PemFiles(Path.of("cert.pem"), Path.of("key.pem")));
        ServerCertificate store = tls("server: {tls_keystore: server.p12, tls_keystore_password: s3cret}")
                .certificate();
        assertThat(store).isEqualTo(new ServerCertificate.KeyStoreFile(Path.of("server.p12"), "s3cret"));
        assertThat(store.toString()).doesNotContain("s3cret");
    }

    @Test
    void javaRulesReachTheSameMatchKeys() {
        Scenario scenario = ScenarioBuilder.named("plaintext-refused")
                .rule(Rules.on(Trigger.MAIL).tls(false).tlsVersion("TLSv1\\.3").reply("550 5.7.1 No"))
                .build();
        Match match = scenario.rules().get(0).match();
        assertThat(match.tls()).isFalse();
        assertThat(match.tlsVersion().pattern()).isEqualTo("TLSv1\\.3");
    }

    @Test
    void withoutTlsKeysNothingChanges() {
        assertThat(tls("server: {hostname: mx.test}")).isEqualTo(TlsSettings.OFF);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "server: {tls_certificate: expird}            | tls.yaml:1:27: 'tls_certificate: expird' is not a certificate kind; did you mean 'expired'?",
        "server: {tls_cert: cert.pem}                 | 'tls_cert' and 'tls_key' go together",
        "server: {tls_certificate: expired, tls_keystore: a.p12} | give one of 'tls_certificate', 'tls_cert' (with 'tls_key') or 'tls_keystore'",
        "server: {tls_versions: [SSLv2]}               | 'tls_versions' lists TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3: 'SSLv2'",
        "server: {tls: maybe}                          | tls",
        "rules: [{on: tls}]                            | an 'on: tls' rule has no default reply",
        "rules: [{on: mail, tls_version: '[TLS'}]      | 'tls_version' is not a valid regular expression",
        "rules: [{on: starttl}]                        | did you mean 'starttls'?",
    })
    void mistakesAreNamedWithTheirPlace(String yaml, String message) {
        assertThatThrownBy(() -> Scenarios.fromYaml(yaml, "tls.yaml")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining(message);
    }
}
