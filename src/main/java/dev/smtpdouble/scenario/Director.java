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

    /**
     * The server accepted what the event describes (a 2xx greeting, recipient or message, a 2xx to
     * EHLO/HELO): rate and concurrency limits count it. Called only for the triggers it {@link #watches}.
     */
    default void accepted(Event event) {
    }

    /** The session of this connection number is over: it no longer counts as open. */
    default void ended(int connection) {
    }

    /** The silences (in milliseconds) after which IDLE rules may fire, smallest first. */
    default long[] idleThresholds() {
        return new long[0];
    }
}
