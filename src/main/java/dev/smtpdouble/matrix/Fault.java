package dev.smtpdouble.matrix;

import java.util.Objects;
import java.util.Set;

/**
 * One row of the matrix: a scenario, what it does, and what good practice expects.
 *
 * @param name     the scenario's name (a catalogue name or a scenario reference), also the row's name
 * @param summary  what the server does, in a few words
 * @param nature   what it does to a delivery; decides the default {@link Expectation}
 * @param tags     for selecting rows; empty for the baseline, which always runs
 * @param setup    what the matrix does around the code to bring the fault about
 * @param exercise how the code must send for the fault to happen, shown when it did not
 */
public record Fault(String name, String summary, Nature nature, Set<Tag> tags, Setup setup, String exercise) {

    public Fault {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(nature, "nature");
        tags = Set.copyOf(tags);
        Objects.requireNonNull(setup, "setup");
        exercise = exercise == null ? "" : exercise;
    }

    /** A fault that needs no setup and happens to any message. */
    public Fault(String name, String summary, Nature nature, Set<Tag> tags) {
        this(name, summary, nature, tags, Setup.NONE, "");
    }

    public Fault exercisedBy(String hint) {
        return new Fault(name, summary, nature, tags, setup, hint);
    }

    public Fault with(Setup value) {
        return new Fault(name, summary, nature, tags, value, exercise);
    }

    public boolean isBaseline() {
        return nature == Nature.BASELINE;
    }

    /** A TLS or AUTH fault: it expects code that requires STARTTLS and logs in, on a server that offers both. */
    public boolean secured() {
        return tags.contains(Tag.TLS) || tags.contains(Tag.AUTH);
    }

    /**
     * Whether any of these tags is one of the fault's; the baseline matches every selection, an empty
     * selection every fault but the {@linkplain #secured() secured} ones, which run only when selected.
     */
    public boolean matches(Set<Tag> selected) {
        return isBaseline() || (selected.isEmpty() && !secured()) || tags.stream().anyMatch(selected::contains);
    }
}
