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
        assertThat(Matrix.builder("c", NOTHING).tags(Tag.TLS).build().faults()).extracting(Fault::name)
                .as("no TLS faults yet").containsExactly("accept-all");
        assertThat(Matrix.builder("c", NOTHING).build().faults()).hasSameSizeAs(Faults.ALL);
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
