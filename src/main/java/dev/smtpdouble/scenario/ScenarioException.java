package dev.smtpdouble.scenario;

import java.util.List;

/** A scenario that cannot be loaded; the message lists every problem with file, line and column. */
public final class ScenarioException extends RuntimeException {

    private final List<String> problems;

    public ScenarioException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public ScenarioException(String problem) {
        this(List.of(problem));
    }

    /** Each problem on its own, e.g. {@code greylist.yaml:7:5: unknown key 'repy'; did you mean 'reply'?}. */
    public List<String> problems() {
        return problems;
    }
}
