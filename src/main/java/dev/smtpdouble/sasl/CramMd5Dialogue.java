package dev.smtpdouble.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CRAM-MD5 (RFC 2195): the server sends a unique challenge, the client answers {@code user SP
 * hex(HMAC-MD5(password, challenge))}. Server-first: an initial response is a protocol error.
 */
final class CramMd5Dialogue extends Dialogue {

    private final String challenge;

    /** @param challenge the challenge in clear, {@code <random.timestamp@hostname>} */
    CramMd5Dialogue(Credentials credentials, String challenge) {
        super(credentials);
        this.challenge = challenge;
    }

    @Override
    SaslStep start() {
        return challenge(Base64.getEncoder().encodeToString(challenge.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    SaslStep initial(byte[] response) {
        return failure(SaslFailure.BAD_PROTOCOL);
    }

    @Override
    SaslStep next(byte[] response) {
        String text = Utf8.decode(response);
        int space = text == null ? -1 : text.lastIndexOf(' ');
        if (space <= 0) {
            return failure(SaslFailure.BAD_PROTOCOL);
        }
        user = text.substring(0, space);
        byte[] digest = text.substring(space + 1).getBytes(StandardCharsets.US_ASCII);
        boolean valid = credentials.account(user)
                .map(account -> MessageDigest.isEqual(expected(account.password()), digest))
                .orElse(false);
        return verdict(valid);
    }

    /** The lower-case hex HMAC-MD5 of the challenge, keyed with the password. */
    private byte[] expected(String password) {
        return HexFormat.of().formatHex(hmacMd5(password, challenge)).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] hmacMd5(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is part of every Java runtime", e);
        }
    }

}
