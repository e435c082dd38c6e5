package dev.smtpdouble.matrix;

import static dev.smtpdouble.matrix.Nature.BASELINE;
import static dev.smtpdouble.matrix.Nature.DUPLICATE;
import static dev.smtpdouble.matrix.Nature.HANG;
import static dev.smtpdouble.matrix.Nature.PARTIAL;
import static dev.smtpdouble.matrix.Nature.PERMANENT;
import static dev.smtpdouble.matrix.Nature.TRANSIENT;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The faults of the matrix, in the order of the report card: each a catalogue scenario with its
 * nature and tags. A new fault is one entry here (with a scenario in the catalogue).
 */
public final class Faults {

    private static final Set<Tag> RETRYABLE = Set.of(Tag.RETRYABLE);
    private static final Set<Tag> RETRYABLE_NETWORK = Set.of(Tag.RETRYABLE, Tag.NETWORK);
    private static final String TWO_RECIPIENTS = "send to at least two recipients";
    private static final String OVER_1_KIB = "send a message of more than 1 KiB";

    /** Every fault, the baseline first. */
    public static final List<Fault> ALL = List.of(
            new Fault("accept-all", "a healthy server (the baseline)", BASELINE, Set.of()),
            new Fault("greeting-421", "421 greeting on every connection", TRANSIENT, RETRYABLE),
            new Fault("greeting-421-then-accept", "421 greeting on the first connection only", TRANSIENT, RETRYABLE),
            new Fault("too-many-connections", "421 4.7.0 too many connections while another is open", TRANSIENT,
                    RETRYABLE).with(Setup.HOLD_A_CONNECTION),
            new Fault("ehlo-421", "421 to EHLO", TRANSIENT, RETRYABLE),
            new Fault("shutdown-at-mail", "421 to MAIL FROM", TRANSIENT, RETRYABLE),
            new Fault("shutdown-at-second-rcpt", "421 to the second RCPT TO", TRANSIENT, RETRYABLE)
                    .exercisedBy(TWO_RECIPIENTS),
            new Fault("shutdown-at-data", "421 to DATA", TRANSIENT, RETRYABLE),
            new Fault("shutdown-mid-data", "421 after 1 KiB of the body, rest drained", TRANSIENT, RETRYABLE)
                    .exercisedBy(OVER_1_KIB),
            new Fault("shutdown-mid-data-abrupt", "421 after 1 KiB of the body, closed at once", TRANSIENT,
                    RETRYABLE_NETWORK).exercisedBy(OVER_1_KIB),
            new Fault("shutdown-after-data", "421 instead of 250 after the final dot", TRANSIENT, RETRYABLE),
            new Fault("idle-421", "421 to a connection left idle for 1 s after a message", TRANSIENT, RETRYABLE)
                    .with(Setup.SEND_TWICE).exercisedBy("only code that keeps its connection open between "
                            + "messages meets it; this code closed it after each message"),
            new Fault("greylist", "451 4.7.1 greylisted: the first attempt of each new triplet", TRANSIENT, RETRYABLE),
            new Fault("sender-501", "501 to MAIL FROM", PERMANENT, Set.of(Tag.PERMANENT)),
            new Fault("recipient-501", "501 to every RCPT TO", PERMANENT, Set.of(Tag.PERMANENT)),
            new Fault("second-recipient-501", "501 to the second RCPT TO only", PARTIAL, Set.of(Tag.PERMANENT))
                    .exercisedBy(TWO_RECIPIENTS),
            new Fault("reset-at-mail", "TCP reset at MAIL FROM", TRANSIENT, RETRYABLE_NETWORK),
            new Fault("stored-then-reset", "message stored, then TCP reset before the 250", DUPLICATE,
                    RETRYABLE_NETWORK),
            new Fault("hang-at-data", "DATA never answered", HANG, RETRYABLE_NETWORK),
            new Fault("slow-greeting", "greeting after 3 s", TRANSIENT, Set.of(Tag.NETWORK)));

    private Faults() {
    }

    /** The faults with any of these tags, and the baseline; all of them when none is given. */
    public static List<Fault> tagged(Collection<Tag> tags) {
        Set<Tag> selected = tags.isEmpty() ? EnumSet.noneOf(Tag.class) : EnumSet.copyOf(tags);
        return ALL.stream().filter(fault -> fault.matches(selected)).toList();
    }

    /** @throws IllegalArgumentException naming the faults there are */
    public static Fault named(String name) {
        return ALL.stream().filter(fault -> fault.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fault '" + name + "' in the matrix; faults: "
                        + String.join(", ", ALL.stream().map(Fault::name).toList())));
    }
}
