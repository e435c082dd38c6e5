package dev.smtpdouble.matrix;

import java.util.List;

/**
 * How the code fared against one fault.
 *
 * @param status  pass, fail, or not exercised (the fault never happened to this code)
 * @param reasons the violations, or why the fault was not exercised; empty on a pass
 */
public record Verdict(Status status, List<String> reasons) {

    public enum Status { PASS, FAIL, NOT_EXERCISED }

    public Verdict {
        reasons = List.copyOf(reasons);
    }

    static Verdict of(List<String> violations) {
        return new Verdict(violations.isEmpty() ? Status.PASS : Status.FAIL, violations);
    }

    static Verdict notExercised(String why) {
        return new Verdict(Status.NOT_EXERCISED, List.of(why));
    }

    public boolean failed() {
        return status == Status.FAIL;
    }

    /** For a table cell: {@code pass}, {@code FAIL: ...}, {@code not exercised: ...}. */
    public String brief() {
        return switch (status) {
            case PASS -> "pass";
            case FAIL -> "**FAIL**: " + String.join("; ", reasons);
            case NOT_EXERCISED -> "not exercised: " + String.join("; ", reasons);
        };
    }
}
