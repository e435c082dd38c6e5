package dev.smtpdouble.matrix;

import java.time.Duration;
import java.util.List;

/**
 * What happened when the code met one fault: what it reported, read from its return or exception,
 * and what the server saw, read from the journal.
 *
 * @param calls            each call of the code: what it reported, how long it took, how many connections it made
 * @param delivered        messages the server accepted
 * @param partial          whether a message was accepted for fewer recipients than the code gave
 * @param shortestRetryGap the shortest time between the end of one connection and the next of the same call;
 *                         null with fewer than two
 * @param longestWait      the longest time a connection waited for a reply that never came before the client
 *                         gave up; null when none waited
 * @param provoked         whether the fault happened (a rule fired, or the server refused something)
 * @param stopped          why the matrix had to stop the code (it would not give up), or null
 * @param transcript       the server's journal as text
 * @param deliveredInClear messages the server accepted on a connection without TLS
 * @param secretInClear    whether the code sent a password or token on a connection without TLS
 */
public record Observation(List<Call> calls, int delivered, boolean partial, Duration shortestRetryGap,
                          Duration longestWait, boolean provoked, String stopped, String transcript,
                          int deliveredInClear, boolean secretInClear) {

    public Observation {
        calls = List.copyOf(calls);
    }

    /** An observation of a server without TLS, where whatever was delivered was delivered in clear. */
    public Observation(List<Call> calls, int delivered, boolean partial, Duration shortestRetryGap,
                       Duration longestWait, boolean provoked, String stopped, String transcript) {
        this(calls, delivered, partial, shortestRetryGap, longestWait, provoked, stopped, transcript, delivered,
                false);
    }

    /**
     * One call of the code.
     *
     * @param reported what it reported
     * @param elapsed  from the call to its return or exception: the time to deliver or to give up
     * @param attempts connections it opened
     */
    public record Call(Reported reported, Duration elapsed, int attempts) {
    }

    /** Connections opened by the code, over all calls. */
    public int attempts() {
        return calls.stream().mapToInt(Call::attempts).sum();
    }

    public int successes() {
        return (int) calls.stream().filter(call -> call.reported().success()).count();
    }

    public Duration elapsed() {
        return calls.stream().map(Call::elapsed).reduce(Duration.ZERO, Duration::plus);
    }

    /** What the code reported, each call's, comma-separated. */
    public String reportedBrief() {
        return String.join(", ", calls.stream().map(call -> call.reported().brief()).toList());
    }
}
