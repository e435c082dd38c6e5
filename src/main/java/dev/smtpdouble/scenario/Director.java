package dev.smtpdouble.scenario;

/** Decides, for each event of a session, whether a scenario rule overrides the default behaviour. */
public interface Director {

    /** No rules: the default behaviour answers everything. */
    Director NONE = new Director() {
        @Override
        public Decision decide(Event event) {
            return null;
        }

        @Override
        public boolean watches(Trigger trigger) {
            return false;
        }
    };

    /** @return the decision of the first matching rule, or null when the default behaviour answers */
    Decision decide(Event event);

    /** Whether any rule listens for this trigger; lets the session skip building events nobody reads. */
    boolean watches(Trigger trigger);

    /** The silences (in milliseconds) after which IDLE rules may fire, smallest first. */
    default long[] idleThresholds() {
        return new long[0];
    }
}
