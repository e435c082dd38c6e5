package dev.smtpdouble.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Building a matrix: the faults a selection gives, and the overrides the README shows. */
class MatrixTest {

    private static final MailClient NOTHING = (host, port) -> { };

    @Test
    void theOverridesOfTheReadme() {
        MailClient client = NOTHING;
        Matrix matrix = Matrix.builder("shipping-mail", client)
                .expect("greylist", Expectation::mustDeliver)
                .expect("second-recipient-501", Expectation::partialDeliveryAcceptable)
                .expect("stored-then-reset", Expectation::duplicatesAcceptable)
                .expect("shutdown-at-mail", e -> e.attemptsAtMost(3).retryGapAtLeast(Duration.ofSeconds(1)))
                .build();

        assertThat(matrix.expectation(Faults.named("greylist")).describe())
                .isEqualTo("delivered once; retries ≥ 100 ms apart");
        assertThat(matrix.expectation(Faults.named("second-recipient-501")).describe())
                .isEqualTo("an error; partial delivery accepted; no retry");
        assertThat(matrix.expectation(Faults.named("stored-then-reset")).describe())
                .isEqualTo("delivered once, or an error; duplicates accepted; retries ≥ 100 ms apart");
        assertThat(matrix.expectation(Faults.named("shutdown-at-mail")).describe())
                .isEqualTo("delivered once, or an error; at most 3 attempts; retries ≥ 1 s apart");
        assertThat(matrix.expectation(Faults.named("hang-at-data")).describe())
                .as("client timeout and margin, 2 s each by default").endsWith("gives up within 4 s");
    }

    @Test
    void tagsSelectFaultsAndTheBaselineAlwaysRuns() {
        assertThat(Matrix.builder("c", NOTHING).tags(Tag.PERMANENT).build().faults()).extracting(Fault::name)
                .containsExactly("accept-all", "sender-501", "recipient-501", "second-recipient-501");
        assertThat(Matrix.builder("c", NOTHING).tags(Tag.NETWORK).build().faults()).extracting(Fault::name)
                .containsExactly("accept-all", "shutdown-mid-data-abrupt", "reset-at-mail", "stored-then-reset",
                        "hang-at-data", "slow-greeting");
        assertThat(Matrix.builder("c", NOTHING).tags(Tag.AUTH).build().faults()).extracting(Fault::name)
                .containsExactly("accept-all", "auth-required", "auth-535", "auth-535-then-accept",
                        "auth-534-app-password", "auth-535-tenant-disabled", "auth-538-encryption-required",
                        "auth-454", "auth-432-password-transition");
        assertThat(Matrix.builder("c", NOTHING).tags(Tag.TLS).build().faults()).extracting(Fault::name)
                .contains("starttls-refused", "starttls-not-offered", "starttls-injection", "certificate-wrong-host")
                .allMatch(name -> name.equals("accept-all") || name.startsWith("starttls-")
                        || name.startsWith("certificate-") || name.startsWith("tls-"))
                .hasSize(14);
    }

    @Test
    void theTlsAndAuthFaultsRunOnlyWhenSelectedAndThenEveryServerOffersThem() {
        Matrix plain = Matrix.builder("c", NOTHING).build();
        assertThat(plain.faults()).extracting(Fault::name).doesNotContain("starttls-refused", "auth-535")
                .contains("greylist", "hang-at-data").hasSize(20);
        assertThat(plain.secure()).isFalse();
        assertThat(Matrix.builder("c", NOTHING).tags(Tag.RETRYABLE).build().faults()).extracting(Fault::name)
                .as("auth-454 is transient, but runs only with the auth tag").doesNotContain("auth-454");

        Matrix secured = Matrix.builder("c", NOTHING).tags(Tag.RETRYABLE, Tag.TLS, Tag.AUTH).build();
        assertThat(secured.secure()).isTrue();
        assertThat(secured.faults()).extracting(Fault::name).contains("greylist", "starttls-refused", "auth-535")
                .doesNotContain("sender-501");
    }

    @Test
    void theTlsAndAuthExpectationsEncodeGoodPractice() {
        Matrix matrix = Matrix.builder("c", NOTHING).tags(Tag.TLS, Tag.AUTH).build();

        assertThat(matrix.expectation(Faults.named("starttls-refused")).describe())
                .isEqualTo("delivered once, or an error; nothing in clear; retries ≥ 100 ms apart");
        assertThat(matrix.expectation(Faults.named("certificate-expired")).describe())
                .isEqualTo("an error; nothing delivered; retries ≥ 100 ms apart");
        assertThat(matrix.expectation(Faults.named("starttls-injection")).describe()).isEqualTo(
                "delivered once, or an error; the injected reply never read; nothing in clear; retries ≥ 100 ms apart");
        assertThat(matrix.expectation(Faults.named("auth-535")).describe()).isEqualTo("an error; no retry");
        assertThat(matrix.expectation(Faults.named("auth-454")).describe())
                .isEqualTo("delivered once, or an error; retries ≥ 100 ms apart");
        assertThat(matrix.expectation(Faults.named("auth-required")).describe()).isEqualTo("delivered once, success");
        assertThat(Matrix.builder("c", NOTHING).expect("starttls-not-offered", Expectation::clearTextAcceptable)
                .build().expectation(Faults.named("starttls-not-offered")).acceptsClearText()).isTrue();
    }

    @Test
    void theTargetCarriesTrustAndAccountButNeverPrintsThePassword() {
        Target target = new Target("127.0.0.1", 25, dev.smtpdouble.tls.Trust.generated(), "ada", "hunter2");

        assertThat(target.toString()).contains("ada").doesNotContain("hunter2");
        assertThatThrownBy(() -> Matrix.builder("c", NOTHING).account("a:b", "x"))
                .hasMessageContaining("without ':'");
        assertThatThrownBy(() -> Matrix.builder("c", NOTHING).account("ada", ""))
                .hasMessage("the account's password must not be empty");
    }

    @Test
    void everyFaultIsACatalogueScenario() {
        assertThat(Faults.ALL).extracting(Fault::name)
                .allSatisfy(name -> assertThat(dev.smtpdouble.scenario.Scenarios.CATALOGUE).contains(name));
    }

    @Test
    void mistakesAreRefusedWithTheNamesThereAre() {
        assertThatThrownBy(() -> Matrix.builder("c", NOTHING).expect("greylisting", Expectation::mustDeliver))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("no fault 'greylisting' in the "
                        + "matrix; faults: accept-all, greeting-421,");
        assertThatThrownBy(() -> Tag.parse("flaky")).hasMessage(
                "'flaky' is not a tag; use retryable, permanent, network, tls, auth");
        assertThatThrownBy(() -> Matrix.builder(" ", NOTHING)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Matrix.builder("c", NOTHING).clientTimeout(Duration.ZERO))
                .hasMessage("clientTimeout must be positive: PT0S");
    }
}
