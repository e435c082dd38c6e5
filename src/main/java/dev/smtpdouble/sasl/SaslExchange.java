package dev.smtpdouble.sasl;

import java.util.Base64;

/**
 * One AUTH attempt, from the AUTH command to {@code 235} or a failure, driven one client line at a
 * time. What all mechanisms share is here, worded as Postfix with Cyrus SASL reacts: {@code *}
 * cancels; a length that is not a multiple of four (the empty initial response {@code =} too) is
 * "another step"; other undecodable base64, and an empty line at a prompt, are a protocol error.
 * Not thread-safe; never holds a response longer than one step.
 */
public final class SaslExchange {

    private final Mechanism mechanism;
    private final Dialogue dialogue;
    /** The credentials were refused with an error challenge; the next line only ends the attempt. */
    private boolean refused;

    private SaslExchange(Mechanism mechanism, Dialogue dialogue) {
        this.mechanism = mechanism;
        this.dialogue = dialogue;
    }

    /**
     * @param challenge CRAM-MD5's challenge in clear, e.g. {@link #cramMd5Challenge}; unused by the others
     */
    public static SaslExchange start(Mechanism mechanism, Credentials credentials, String challenge) {
        Dialogue dialogue = switch (mechanism) {
            case PLAIN -> new PlainDialogue(credentials);
            case LOGIN -> new LoginDialogue(credentials);
            case CRAM_MD5 -> new CramMd5Dialogue(credentials, challenge);
            case XOAUTH2 -> BearerDialogue.xoauth2(credentials);
            case OAUTHBEARER -> BearerDialogue.oauthBearer(credentials);
        };
        return new SaslExchange(mechanism, dialogue);
    }

    /** A CRAM-MD5 challenge as Cyrus SASL makes it: {@code <random.timestamp@hostname>}. */
    public static String cramMd5Challenge(long random, long epochSecond, String hostname) {
        return "<" + Long.toUnsignedString(random) + "." + epochSecond + "@" + hostname + ">";
    }

    public Mechanism mechanism() {
        return mechanism;
    }

    /**
     * The first step.
     *
     * @param initialResponse the AUTH command's initial response as sent (base64), or null when none
     */
    public SaslStep begin(String initialResponse) {
        if (initialResponse == null) {
            return remember(dialogue.start());
        }
        return decodeThen(initialResponse, true);
    }

    /** The client's answer to a {@code 334} challenge, without its line ending. */
    public SaslStep respond(String line) {
        if (line.equals("*")) {
            return new SaslStep.Failure(SaslFailure.ABORTED);
        }
        if (refused) {
            return new SaslStep.Failure(SaslFailure.AUTHENTICATION_FAILURE);
        }
        if (line.isEmpty()) {
            return new SaslStep.Failure(SaslFailure.BAD_PROTOCOL);
        }
        return decodeThen(line, false);
    }

    private SaslStep decodeThen(String base64, boolean initial) {
        if (base64.length() % 4 != 0) {
            return new SaslStep.Failure(SaslFailure.ANOTHER_STEP);
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) { // its message quotes the input: never passed on
            return new SaslStep.Failure(SaslFailure.BAD_PROTOCOL);
        }
        return remember(initial ? dialogue.initial(decoded) : dialogue.next(decoded));
    }

    private SaslStep remember(SaslStep step) {
        refused = step instanceof SaslStep.Challenge challenge && challenge.refusal();
        return step;
    }

    /** The authentication identity the client claimed so far, or null. */
    public String user() {
        return dialogue.user;
    }

    /** Whether a response carried the password or token itself, readable by anyone on the path without TLS. */
    public boolean sentSecret() {
        return dialogue.sentSecret;
    }
}
