package dev.smtpdouble.matrix;

import java.util.ArrayList;
import java.util.List;

/** Holds an observation against an expectation; each broken promise is one reason. */
final class Judge {

    /** The code of the reply the catalogue's {@code starttls-injection} sends before the handshake. */
    static final int INJECTED_CODE = 554;

    private Judge() {
    }

    static Verdict judge(Fault fault, Expectation expected, Observation seen) {
        List<String> violations = new ArrayList<>();
        if (seen.stopped() != null) {
            violations.add(seen.stopped());
        }
        if (!seen.provoked() && violations.isEmpty()) {
            return Verdict.notExercised(fault.exercise().isEmpty() ? "the fault never happened" : fault.exercise());
        }
        delivery(expected, seen, violations);
        security(expected, seen, violations);
        attempts(expected, seen, violations);
        Observation.Call firstFailure = seen.calls().stream().filter(call -> !call.reported().success())
                .findFirst().orElse(null);
        if (firstFailure != null && succeedsAnyway(expected)) {
            violations.add("reported " + firstFailure.reported().brief() + (expected.nature() == Nature.BASELINE
                    ? " from a healthy server" : ": a correct client is not affected by this fault"));
        }
        if (expected.giveUpLimit() != null && seen.longestWait() != null
                && seen.longestWait().compareTo(expected.giveUpLimit()) > 0 && seen.stopped() == null) {
            violations.add("waited " + Durations.brief(seen.longestWait()) + " for a reply that never came (limit "
                    + Durations.brief(expected.giveUpLimit()) + "): set a shorter read timeout");
        }
        return Verdict.of(violations);
    }

    private static void delivery(Expectation expected, Observation seen, List<String> violations) {
        int calls = seen.calls().size();
        int delivered = seen.delivered();
        int successes = seen.successes();
        if (successes > delivered) {
            violations.add("reported success, but the server accepted " + (delivered == 0 ? "nothing" : "only "
                    + delivered + " of " + successes + " messages") + ": the message is lost silently");
        }
        if (expected.requiresDelivery() && delivered < calls && !succeedsAnyway(expected)) {
            violations.add(delivered == 0 ? "nothing delivered: a retry that delivers was expected"
                    : "delivered " + delivered + " of " + calls + " messages");
        }
        if (delivered > calls && !expected.acceptsDuplicates()) {
            violations.add("delivered " + delivered + " copies: a retry sent a message the server had already "
                    + "stored" + (calls > 1 ? "" : " (duplicate)"));
        }
        boolean storedUnseen = expected.nature() == Nature.DUPLICATE || (expected.nature() == Nature.PARTIAL
                && seen.partial());
        if (successes < calls && delivered >= calls && !storedUnseen) {
            violations.add("reported an error although the message was delivered: a caller that sends it again "
                    + "duplicates it");
        }
        if (seen.partial() && successes > 0 && !expected.acceptsPartialDelivery()) {
            violations.add("reported full success, but a recipient was refused: partial delivery (declare it "
                    + "acceptable if it is what the code means to do)");
        }
    }

    /** The baseline and the harmless faults: a correct client delivers as if nothing happened. */
    private static boolean succeedsAnyway(Expectation expected) {
        return expected.nature() == Nature.BASELINE || expected.nature() == Nature.HARMLESS;
    }

    /** TLS that cannot be had, or cannot be trusted, must stop the code: nothing in clear, nothing to an impostor. */
    private static void security(Expectation expected, Observation seen, List<String> violations) {
        if (expected.nature() == Nature.INJECTED && seen.calls().stream()
                .anyMatch(call -> Integer.valueOf(INJECTED_CODE).equals(call.reported().code()))) {
            violations.add("reported the " + INJECTED_CODE + " injected before the TLS handshake: it took a "
                    + "plaintext reply as an answer inside TLS (response injection, the CVE-2021-38371 class)");
        }
        if (expected.nature() == Nature.UNTRUSTED && seen.delivered() > 0) {
            violations.add("delivered " + seen.delivered() + " message(s) to a server whose certificate cannot be "
                    + "trusted: check the certificate chain and the server's name");
        } else if (!expected.acceptsClearText() && seen.deliveredInClear() > 0) {
            violations.add("sent " + seen.deliveredInClear() + " message(s) without TLS: a client that requires "
                    + "TLS must refuse to go on");
        }
        if (seen.secretInClear()) {
            violations.add("sent a password without TLS: anyone on the path can read it");
        }
    }

    private static void attempts(Expectation expected, Observation seen, List<String> violations) {
        int most = seen.calls().stream().mapToInt(Observation.Call::attempts).max().orElse(0);
        if (!expected.allowsRetries() && most > 1 && !succeedsAnyway(expected)) {
            violations.add("retried a permanent failure: " + most + " attempts");
        } else if (expected.maxAttempts() > 0 && most > expected.maxAttempts()) {
            violations.add(most + " attempts, at most " + expected.maxAttempts() + " expected");
        }
        if (expected.allowsRetries() && seen.shortestRetryGap() != null
                && seen.shortestRetryGap().compareTo(expected.minRetryGap()) < 0) {
            violations.add("retried after " + Durations.brief(seen.shortestRetryGap()) + ", at least "
                    + Durations.brief(expected.minRetryGap()) + " expected: back off between attempts");
        }
    }
}
