package dev.smtpdouble.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * LOGIN: {@code 334 VXNlcm5hbWU6} ("Username:"), then {@code 334 UGFzc3dvcmQ6} ("Password:"). An
 * initial response on the AUTH line is the user name, and the dialogue skips to the password.
 */
final class LoginDialogue extends Dialogue {

    static final String USERNAME_PROMPT = base64("Username:");
    static final String PASSWORD_PROMPT = base64("Password:");

    LoginDialogue(Credentials credentials) {
        super(credentials);
    }

    @Override
    SaslStep start() {
        return challenge(USERNAME_PROMPT);
    }

    @Override
    SaslStep next(byte[] response) {
        String text = Utf8.decode(response);
        if (text == null || text.isEmpty()) {
            return failure(SaslFailure.BAD_PROTOCOL);
        }
        if (user == null) {
            user = text;
            return challenge(PASSWORD_PROMPT);
        }
        sentSecret = true;
        return verdict(credentials.passwordMatches(user, text));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
