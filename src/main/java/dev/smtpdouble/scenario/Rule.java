package dev.smtpdouble.scenario;

/**
 * One rule of a scenario.
 *
 * @param name  a name for the journal and error messages
 * @param on    where it fires
 * @param match the further conditions
 * @param action what it does
 * @param times how often it may fire on the server before it falls through; null = always
 */
public record Rule(String name, Trigger on, Match match, Action action, Integer times) {

    boolean listensTo(Trigger trigger) {
        return on == trigger || (on == Trigger.ANY && trigger.isCommand());
    }
}
