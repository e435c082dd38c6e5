package dev.smtpdouble.matrix;

import static dev.smtpdouble.matrix.Nature.BASELINE;
import static dev.smtpdouble.matrix.Nature.DUPLICATE;
import static dev.smtpdouble.matrix.Nature.HANG;
import static dev.smtpdouble.matrix.Nature.HARMLESS;
import static dev.smtpdouble.matrix.Nature.INJECTED;
import static dev.smtpdouble.matrix.Nature.PARTIAL;
import static dev.smtpdouble.matrix.Nature.PERMANENT;
import static dev.smtpdouble.matrix.Nature.TRANSIENT;
import static dev.smtpdouble.matrix.Nature.UNTRUSTED;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The faults of the matrix, in the order of the report card: each a catalogue scenario with its
 * nature and tags. A new fault is one entry here (with a scenario in the catalogue). The TLS and AUTH
 * faults come last; they judge code that requires STARTTLS and logs in, so they run only when their
 * tags are selected.
 */
public final class Faults {

    private static final Set<Tag> RETRYABLE = Set.of(Tag.RETRYABLE);
    private static final Set<Tag> RETRYABLE_NETWORK = Set.of(Tag.RETRYABLE, Tag.NETWORK);
    private static final Set<Tag> TLS = Set.of(Tag.TLS);
    private static final Set<Tag> AUTH = Set.of(Tag.AUTH);
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
            new Fault("slow-greeting", "greeting after 3 s", TRANSIENT, Set.of(Tag.NETWORK)),
            new Fault("starttls-refused", "454 4.7.0 to STARTTLS", TRANSIENT, TLS),
            new Fault("starttls-not-offered", "no STARTTLS in the EHLO reply of the first connection", TRANSIENT, TLS),
            new Fault("starttls-reset", "TCP reset instead of the TLS handshake", TRANSIENT, TLS),
            new Fault("starttls-close", "connection closed instead of the TLS handshake", TRANSIENT, TLS),
            new Fault("starttls-alert", "fatal TLS alert instead of the handshake", TRANSIENT, TLS),
            new Fault("starttls-hang", "the TLS handshake never answered", HANG, TLS),
            new Fault("starttls-injection", "a plaintext 554 injected after 220 Ready to start TLS", INJECTED, TLS),
            new Fault("tls-old-version-421", "421 4.7.66 to EHLO over TLS 1.0 or 1.1", TRANSIENT, TLS)
                    .exercisedBy("only a client that negotiates TLS 1.0 or 1.1 meets it; this one used a newer version"),
            new Fault("certificate-expired", "an expired certificate", UNTRUSTED, TLS),
            new Fault("certificate-not-yet-valid", "a certificate valid only from tomorrow", UNTRUSTED, TLS),
            new Fault("certificate-self-signed", "a self-signed certificate", UNTRUSTED, TLS),
            new Fault("certificate-wrong-host", "a certificate for another host name", UNTRUSTED, TLS),
            new Fault("certificate-untrusted-ca", "a certificate signed by an unknown CA", UNTRUSTED, TLS),
            new Fault("auth-required", "530 5.7.0 to MAIL FROM before AUTH", HARMLESS, AUTH),
            new Fault("auth-535", "535 5.7.8 to every AUTH: the password is refused", PERMANENT, AUTH),
            new Fault("auth-535-then-accept", "535 5.7.8 to the first two AUTH attempts", PERMANENT, AUTH),
            new Fault("auth-534-app-password", "534 5.7.9 application-specific password required", PERMANENT, AUTH),
            new Fault("auth-535-tenant-disabled", "535 5.7.139 SMTP AUTH disabled for the tenant", PERMANENT, AUTH),
            new Fault("auth-538-encryption-required", "538 5.7.11 encryption required for the mechanism", PERMANENT,
                    AUTH),
            new Fault("auth-454", "454 4.7.0 temporary authentication failure", TRANSIENT, AUTH),
            new Fault("auth-432-password-transition", "432 4.7.12 a password transition is needed", TRANSIENT, AUTH));

    private Faults() {
    }

    /**
     * The faults with any of these tags, and the baseline; when none is given, all but the TLS and AUTH
     * faults (see {@link Fault#matches}).
     */
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
