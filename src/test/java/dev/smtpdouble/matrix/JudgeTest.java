package dev.smtpdouble.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each default expectation, and each override, holds an observation to account. */
class JudgeTest {

    private static final Duration LIMIT = Duration.ofSeconds(3);
    private static final Reported ERROR = new Reported(false, "jakarta.mail.MessagingException", null, 421, "421");

    private static Observation.Call call(Reported reported, int attempts) {
        return new Observation.Call(reported, Duration.ofMillis(40), attempts);
    }

    private static Observation seen(List<Observation.Call> calls, int delivered) {
        return new Observation(calls, delivered, false, null, null, true, null, "transcript");
    }

    private static Verdict judge(Nature nature, Observation observation) {
        return judge(nature, Expectation.of(nature, LIMIT), observation);
    }

    private static Verdict judge(Nature nature, Expectation expectation, Observation observation) {
        return Judge.judge(new Fault("f", "a fault", nature, java.util.Set.of()), expectation, observation);
    }

    @Test
    void aTransientFaultPassesWithAnErrorOrWithOneDelivery() {
        assertThat(judge(Nature.TRANSIENT, seen(List.of(call(ERROR, 1)), 0)).status())
                .isEqualTo(Verdict.Status.PASS);
        assertThat(judge(Nature.TRANSIENT, seen(List.of(call(Reported.SUCCESS, 2)), 1)).status())
                .isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void successWithNothingAcceptedIsASilentLoss() {
        Verdict verdict = judge(Nature.TRANSIENT, seen(List.of(call(Reported.SUCCESS, 1)), 0));

        assertThat(verdict.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(verdict.reasons()).containsExactly(
                "reported success, but the server accepted nothing: the message is lost silently");
    }

    @Test
    void anErrorAfterADeliveryInvitesADuplicate() {
        assertThat(judge(Nature.TRANSIENT, seen(List.of(call(ERROR, 2)), 1)).reasons()).containsExactly(
                "reported an error although the message was delivered: a caller that sends it again duplicates it");
    }

    @Test
    void mustDeliverTurnsAnErrorIntoAViolation() {
        Expectation expectation = Expectation.of(Nature.TRANSIENT, LIMIT).mustDeliver();

        assertThat(judge(Nature.TRANSIENT, expectation, seen(List.of(call(ERROR, 1)), 0)).reasons())
                .containsExactly("nothing delivered: a retry that delivers was expected");
        assertThat(expectation.describe()).startsWith("delivered once;");
    }

    @Test
    void aPermanentFailureMustNotBeRetried() {
        Verdict verdict = judge(Nature.PERMANENT, seen(List.of(call(ERROR, 3)), 0));

        assertThat(verdict.reasons()).containsExactly("retried a permanent failure: 3 attempts");
        assertThat(judge(Nature.PERMANENT, Expectation.of(Nature.PERMANENT, LIMIT).retriesAllowed(),
                seen(List.of(call(ERROR, 3)), 0)).status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void aPartialDeliveryReportedAsSuccessIsAViolationUnlessDeclared() {
        Observation partial = new Observation(List.of(call(Reported.SUCCESS, 1)), 1, true, null, null, true, null, "");

        assertThat(judge(Nature.PARTIAL, partial).reasons()).singleElement().asString()
                .startsWith("reported full success, but a recipient was refused");
        assertThat(judge(Nature.PARTIAL, Expectation.of(Nature.PARTIAL, LIMIT).partialDeliveryAcceptable(), partial)
                .status()).isEqualTo(Verdict.Status.PASS);
        Observation partialWithError = new Observation(List.of(call(ERROR, 1)), 1, true, null, null, true, null, "");
        assertThat(judge(Nature.PARTIAL, partialWithError).status()).as("the error was surfaced")
                .isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void aSecondCopyIsADuplicateUnlessDeclared() {
        Observation twice = seen(List.of(call(Reported.SUCCESS, 2)), 2);

        assertThat(judge(Nature.DUPLICATE, twice).reasons()).containsExactly(
                "delivered 2 copies: a retry sent a message the server had already stored (duplicate)");
        assertThat(judge(Nature.DUPLICATE, Expectation.of(Nature.DUPLICATE, LIMIT).duplicatesAcceptable(), twice)
                .status()).isEqualTo(Verdict.Status.PASS);
        assertThat(judge(Nature.DUPLICATE, seen(List.of(call(ERROR, 1)), 1)).status())
                .as("stored, then reset: an error is all the client can say").isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void retriesWithoutAPauseAreAViolation() {
        Observation hot = new Observation(List.of(call(ERROR, 3)), 0, false, Duration.ofMillis(3), null, true, null, "");

        assertThat(judge(Nature.TRANSIENT, hot).reasons())
                .containsExactly("retried after 3 ms, at least 100 ms expected: back off between attempts");
        assertThat(judge(Nature.TRANSIENT, Expectation.of(Nature.TRANSIENT, LIMIT).retryGapAtLeast(Duration.ZERO),
                hot).status()).isEqualTo(Verdict.Status.PASS);
        assertThat(judge(Nature.TRANSIENT, Expectation.of(Nature.TRANSIENT, LIMIT).attemptsAtMost(2)
                .retryGapAtLeast(Duration.ZERO), hot).reasons()).containsExactly("3 attempts, at most 2 expected");
    }

    @Test
    void aHangMustEndWithinTheLimit() {
        Observation slow = new Observation(List.of(call(ERROR, 1)), 0, false, null, Duration.ofSeconds(5), true, null,
                "");
        Observation stopped = new Observation(List.of(call(ERROR, 1)), 0, false, null, null, true,
                "still waiting for a reply to DATA after 3 s: set a read timeout (the matrix stopped it)", "");

        assertThat(judge(Nature.HANG, slow).reasons()).containsExactly(
                "waited 5 s for a reply that never came (limit 3 s): set a shorter read timeout");
        assertThat(judge(Nature.HANG, stopped).reasons()).containsExactly(
                "still waiting for a reply to DATA after 3 s: set a read timeout (the matrix stopped it)");
        assertThat(judge(Nature.HANG, seen(List.of(call(ERROR, 1)), 0)).status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void theBaselineMustDeliverOnceWithoutAnError() {
        assertThat(judge(Nature.BASELINE, seen(List.of(call(Reported.SUCCESS, 1)), 1)).status())
                .isEqualTo(Verdict.Status.PASS);
        assertThat(judge(Nature.BASELINE, seen(List.of(call(ERROR, 1)), 0)).reasons())
                .containsExactly("reported MessagingException 421 from a healthy server");
    }

    @Test
    void aFaultThatNeverHappenedIsNotExercised() {
        Observation quiet = new Observation(List.of(call(Reported.SUCCESS, 1)), 1, false, null, null, false, null, "");
        Fault needsTwo = new Fault("second-recipient-501", "501", Nature.PARTIAL, java.util.Set.of())
                .exercisedBy("send to at least two recipients");

        Verdict verdict = Judge.judge(needsTwo, Expectation.of(Nature.PARTIAL, LIMIT), quiet);

        assertThat(verdict.status()).isEqualTo(Verdict.Status.NOT_EXERCISED);
        assertThat(verdict.reasons()).containsExactly("send to at least two recipients");
    }

    @Test
    void defaultExpectationsReadAsGoodPractice() {
        assertThat(Expectation.of(Nature.TRANSIENT, LIMIT).describe())
                .isEqualTo("delivered once, or an error; retries ≥ 100 ms apart");
        assertThat(Expectation.of(Nature.PERMANENT, LIMIT).describe()).isEqualTo("an error; no retry");
        assertThat(Expectation.of(Nature.PARTIAL, LIMIT).describe()).isEqualTo("an error; no partial success; no retry");
        assertThat(Expectation.of(Nature.DUPLICATE, LIMIT).describe())
                .isEqualTo("delivered once, or an error; no duplicate; retries ≥ 100 ms apart");
        assertThat(Expectation.of(Nature.HANG, LIMIT).describe())
                .isEqualTo("delivered once, or an error; retries ≥ 100 ms apart; gives up within 3 s");
    }

    private static Observation secured(List<Observation.Call> calls, int delivered, int inClear, boolean secret) {
        return new Observation(calls, delivered, false, null, null, true, null, "", inClear, secret);
    }

    @Test
    void aStarttlsFaultForbidsSendingInClear() {
        Fault refused = new Fault("starttls-refused", "454", Nature.TRANSIENT, java.util.Set.of(Tag.TLS));
        Expectation expected = Expectation.of(refused, LIMIT);

        assertThat(Judge.judge(refused, expected, secured(List.of(call(Reported.SUCCESS, 1)), 1, 1, false))
                .reasons()).containsExactly("sent 1 message(s) without TLS: a client that requires TLS must refuse "
                + "to go on");
        assertThat(Judge.judge(refused, expected, secured(List.of(call(Reported.SUCCESS, 2)), 1, 0, false))
                .status()).as("delivered over TLS on a retry").isEqualTo(Verdict.Status.PASS);
        assertThat(Judge.judge(refused, expected.clearTextAcceptable(),
                secured(List.of(call(Reported.SUCCESS, 1)), 1, 1, false)).status()).isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void anUntrustedCertificateMustStopTheDelivery() {
        assertThat(judge(Nature.UNTRUSTED, secured(List.of(call(Reported.SUCCESS, 1)), 1, 0, false)).reasons())
                .containsExactly("delivered 1 message(s) to a server whose certificate cannot be trusted: check the "
                        + "certificate chain and the server's name");
        assertThat(judge(Nature.UNTRUSTED, secured(List.of(call(ERROR, 1)), 0, 0, false)).status())
                .isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void readingTheInjectedReplyIsTheFlaw() {
        Reported injected = new Reported(false, "exit status 28", null, 554, "554 5.7.0 Injected");

        assertThat(judge(Nature.INJECTED, secured(List.of(call(injected, 1)), 0, 0, false)).reasons())
                .singleElement().asString().startsWith("reported the 554 injected before the TLS handshake");
        assertThat(judge(Nature.INJECTED, secured(List.of(call(ERROR, 1)), 0, 0, false)).status())
                .as("refusing to go on is safe").isEqualTo(Verdict.Status.PASS);
    }

    @Test
    void aHarmlessFaultExpectsSuccessAndAPasswordNeverTravelsInClear() {
        assertThat(judge(Nature.HARMLESS, secured(List.of(call(ERROR, 1)), 0, 0, false)).reasons())
                .containsExactly("reported MessagingException 421: a correct client is not affected by "
                        + "this fault");
        assertThat(judge(Nature.HARMLESS, secured(List.of(call(Reported.SUCCESS, 1)), 1, 0, true)).reasons())
                .containsExactly("sent a password without TLS: anyone on the path can read it");
    }
}
