package dev.smtpdouble.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.tls.Trust;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TLS and AUTH faults on Jakarta Mail (Angus) configured as production is: STARTTLS required, the
 * server's name checked against the CA the matrix hands over, a login with the matrix's account; the
 * same behind a retry wrapper; and a careless set-up (opportunistic STARTTLS, any certificate trusted)
 * that the TLS rows must catch. The cards are written to {@code target/smtp-double-matrix/}.
 */
class SecuredClientsMatrixIT {

    private static final List<String> TLS_AND_AUTH = Faults.tagged(List.of(Tag.TLS, Tag.AUTH)).stream()
            .map(Fault::name).toList();

    @BeforeAll
    static void warmUp() throws Exception {
        try (SmtpDouble smtp = SmtpDouble.builder().tls(true).auth(Matrix.DEFAULT_USER, Matrix.DEFAULT_PASSWORD)
                .start()) {
            MailClients.jakartaWithTlsAndAuth(new Target(smtp.host(), smtp.port(), Trust.generated(),
                    Matrix.DEFAULT_USER, Matrix.DEFAULT_PASSWORD));
        }
    }

    private static ReportCard run(String name, TargetedMailClient client) {
        ReportCard card = Matrix.builder(name, client).tags(Tag.TLS, Tag.AUTH).clientTimeout(MailClients.TIMEOUT)
                .build().run();
        card.writeTo(Matrix.DEFAULT_REPORTS);
        System.out.println(card.markdown());
        return card;
    }

    /** Every row passes except the ones named, which fail, and tls-old-version-421, which a modern JVM never meets. */
    private static void assertFailsExactly(ReportCard card, String... failing) {
        assertThat(card.rows()).extracting(Row::name).containsExactlyElementsOf(TLS_AND_AUTH);
        Map<String, Verdict.Status> verdicts = card.rows().stream()
                .collect(Collectors.toMap(Row::name, row -> row.verdict().status()));
        for (String fault : TLS_AND_AUTH) {
            Verdict.Status expected = List.of(failing).contains(fault) ? Verdict.Status.FAIL
                    : fault.equals("tls-old-version-421") ? Verdict.Status.NOT_EXERCISED : Verdict.Status.PASS;
            assertThat(verdicts.get(fault)).as(fault + "\n" + card.row(fault).explain()).isEqualTo(expected);
        }
    }

    private static Integer code(ReportCard card, String fault) {
        return card.row(fault).observation().calls().get(0).reported().code();
    }

    @Test
    void jakartaMailWithStarttlsRequiredAndAuth() {
        ReportCard card = run("jakarta-mail-tls-auth", MailClients::jakartaWithTlsAndAuth);

        assertFailsExactly(card);
        assertThat(card.rows()).allSatisfy(row -> assertThat(row.observation().attempts()).isEqualTo(1));
        assertThat(card.row("starttls-refused").observation().delivered()).isZero();
        assertThat(code(card, "starttls-refused")).isEqualTo(454);
        assertThat(card.row("starttls-not-offered").observation().delivered()).isZero();
        assertThat(card.row("certificate-wrong-host").observation().delivered()).isZero();
        assertThat(card.row("certificate-expired").observation().calls().get(0).reported().cause())
                .isEqualTo("java.security.cert.CertificateExpiredException");
        assertThat(card.row("starttls-injection").observation().delivered())
                .as("the injected 554 is discarded").isEqualTo(1);
        assertThat(card.row("auth-required").observation().delivered()).as("it logs in").isEqualTo(1);
        assertThat(List.of(code(card, "auth-535"), code(card, "auth-534-app-password"),
                code(card, "auth-535-tenant-disabled"), code(card, "auth-538-encryption-required"),
                code(card, "auth-454"), code(card, "auth-432-password-transition")))
                .containsExactly(535, 534, 535, 538, 454, 432);
        assertThat(card.row("auth-535").observation().calls().get(0).reported().failure())
                .isEqualTo("jakarta.mail.AuthenticationFailedException");
    }

    @Test
    void aRetryWrapperRetriesRefusedPasswords() {
        ReportCard card = run("jakarta-mail-tls-auth-with-retries",
                MailClients.withRetries(MailClients::jakartaWithTlsAndAuth));

        assertFailsExactly(card, "auth-535", "auth-535-then-accept", "auth-534-app-password",
                "auth-535-tenant-disabled", "auth-538-encryption-required");
        assertThat(card.row("auth-535").verdict().reasons())
                .containsExactly("retried a permanent failure: 3 attempts");
        assertThat(card.row("starttls-not-offered").observation().delivered())
                .as("the retry finds STARTTLS offered and delivers over TLS").isEqualTo(1);
        assertThat(card.row("auth-454").observation().attempts()).as("a 4xx is retried").isEqualTo(3);
    }

    @Test
    void opportunisticTlsThatTrustsAnyCertificateIsCaught() {
        ReportCard card = run("jakarta-mail-opportunistic-tls", MailClients::jakartaOpportunisticTls);

        assertThat(card.row("starttls-not-offered").verdict().reasons())
                .containsExactly("sent 1 message(s) without TLS: a client that requires TLS must refuse to go on");
        for (String fault : List.of("certificate-expired", "certificate-not-yet-valid", "certificate-self-signed",
                "certificate-untrusted-ca")) {
            assertThat(card.row(fault).verdict().reasons()).as(fault).containsExactly("delivered 1 message(s) to a "
                    + "server whose certificate cannot be trusted: check the certificate chain and the server's name");
        }
        assertThat(card.row("certificate-wrong-host").verdict().status())
                .as("Angus Mail checks the server's name even when it trusts every certificate")
                .isEqualTo(Verdict.Status.PASS);
        assertThat(card.row("accept-all").verdict().status()).isEqualTo(Verdict.Status.PASS);
    }
}
