package dev.smtpdouble;

import dev.smtpdouble.journal.JournalReader;
import java.util.List;
import java.util.Map;

/**
 * What a test does with an smtp-double, wherever it runs: {@link SmtpDouble} in this JVM, or
 * {@code dev.smtpdouble.remote.SmtpDoubleClient} for one in a container, driven through its admin
 * API. A test written against this interface runs either way, and {@code SmtpAssertions} take it.
 */
public interface SmtpDoubleControl {

    /** The address clients connect to. */
    String host();

    /** The SMTP port clients connect to. */
    int port();

    /** What the server saw. */
    JournalReader journal();

    /**
     * Puts another scenario in force, with fresh counters and state: a catalogue name
     * ({@code greylist}), a file path or a classpath resource, loaded (and checked) in this JVM.
     *
     * @throws dev.smtpdouble.scenario.ScenarioException when there is no such scenario or it is invalid
     */
    void useScenario(String reference);

    /** Resets connection numbers, rule counters and the state of the scenario in force. */
    void resetScenario();

    /** Clears the journal and resets the scenario: as good as a new server. */
    void reset();

    /** The name of the scenario in force. */
    String scenarioName();

    /** How often each rule of the scenario in force fired since it was put in force or reset. */
    Map<String, Integer> ruleFirings();

    /** The names of the rules of the scenario in force that never fired since it was put in force or reset. */
    List<String> unfiredRules();
}
