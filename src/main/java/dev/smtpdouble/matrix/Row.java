package dev.smtpdouble.matrix;

/** One row of the report card: a fault, what was expected, what happened, and the verdict. */
public record Row(Fault fault, Expectation expectation, Observation observation, Verdict verdict) {

    public String name() {
        return fault.name();
    }

    /** For a failing test: the violations, the expectation, the observation and the server's transcript. */
    public String explain() {
        Observation seen = observation;
        return fault.name() + " (" + fault.summary() + "): " + verdict.brief().replace("**", "") + "\n"
                + "expected: " + expectation.describe() + "\n"
                + "observed: " + seen.attempts() + " attempt(s), " + seen.delivered() + " delivered"
                + (seen.partial() ? " (partially)" : "") + ", " + Durations.brief(seen.elapsed()) + "\n"
                + "the code reported: " + String.join(", ", seen.calls().stream()
                        .map(call -> call.reported().brief() + (call.reported().message() == null ? ""
                                : " \"" + call.reported().message() + "\"")).toList()) + "\n\n"
                + seen.transcript();
    }
}
