package dev.smtpdouble.scenario;

import java.util.List;

/**
 * Greylisting, a condition of a rule: it holds (the rule defers) while the key — by default the
 * triplet of client address, sender and recipient, or those of its parts the rule's trigger knows —
 * has not retried late enough.
 *
 * @param key               what attempts are told apart by
 * @param minDelayMillis    how long after the first attempt a retry passes (postgrey: 300 s)
 * @param retainMillis      how long a key that passed is remembered since it was last seen (postgrey: 35 days)
 * @param retryWindowMillis how long after its first attempt a key that has not passed starts over (postgrey: 2 days)
 * @param maxAttempts       the attempt that passes whatever the delay (as VaultSandbox offers); 0 for none
 */
public record Greylisting(List<KeyPart> key, long minDelayMillis, long retainMillis, long retryWindowMillis,
                          int maxAttempts) {

    public static final List<KeyPart> TRIPLET = List.of(KeyPart.CLIENT_IP, KeyPart.SENDER, KeyPart.RECIPIENT);
    public static final long MIN_DELAY = 300_000;
    public static final long RETAIN = 35L * 86_400_000;
    public static final long RETRY_WINDOW = 2L * 86_400_000;

    public Greylisting {
        key = List.copyOf(key);
    }

    /**
     * The key of a greylist that names none: the triplet's parts known at the trigger, as postgrey
     * keys a policy request made before RCPT (its recipient empty). A client address is always known,
     * so a rule on {@code mail} greylists (client, sender) and one on {@code connect} the client alone,
     * rather than never firing for want of a recipient. On {@code any} it stays the triplet: such a
     * rule greylists from the recipient on, not the client at every command.
     */
    static List<KeyPart> defaultKey(Trigger on) {
        return on == null || on == Trigger.ANY ? TRIPLET
                : TRIPLET.stream().filter(part -> part.knownAt().contains(on)).toList();
    }
}
