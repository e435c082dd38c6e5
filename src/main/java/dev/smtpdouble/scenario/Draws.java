package dev.smtpdouble.scenario;

/**
 * The {@code probability} draws: a pure function of the scenario's seed, the rule and the event's
 * place in its session (connection number, trigger, occurrence, transaction, content bytes, silence).
 * So the draws of connection 3 are the same whatever other connections do meanwhile, a run replays
 * them exactly also with concurrent clients, and no lock or shared generator is needed.
 */
final class Draws {

    private Draws() {
    }

    /** A number in [0, 1) for this rule and event. */
    static double draw(long seed, int ruleIndex, Event event) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ event.connection());
        h = mix(h ^ event.trigger().ordinal());
        h = mix(h ^ event.occurrenceInSession());
        h = mix(h ^ event.transaction());
        h = mix(h ^ event.contentBytes());
        h = mix(h ^ event.idleMillis());
        h = mix(h ^ ruleIndex);
        return (h >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finaliser: every input bit reaches every output bit. */
    private static long mix(long z) {
        z = (z + 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
