package dev.smtpdouble.matrix;

import java.util.ArrayList;
import java.util.List;

/** Holds an observation against an expectation; each broken promise is one reason. */
final class Judge {

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
        attempts(expected, seen, violations);
        Observation.Call firstFailure = seen.calls().stream().filter(call -> !call.reported().success())
                .findFirst().orElse(null);
        if (expected.nature() == Nature.BASELINE && firstFailure != null) {
            violations.add("reported " + firstFailure.reported().brief() + " from a healthy server");
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
        if (expected.requiresDelivery() && delivered < calls && expected.nature() != Nature.BASELINE) {
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

    private static void attempts(Expectation expected, Observation seen, List<String> violations) {
        int most = seen.calls().stream().mapToInt(Observation.Call::attempts).max().orElse(0);
        if (!expected.allowsRetries() && most > 1 && expected.nature() != Nature.BASELINE) {
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
