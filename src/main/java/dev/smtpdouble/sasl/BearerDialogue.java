package dev.smtpdouble.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The OAuth 2.0 bearer-token mechanisms: Google's XOAUTH2 ({@code user=U ^A auth=Bearer T ^A ^A}) and
 * RFC 7628's OAUTHBEARER ({@code n,a=U, ^A auth=Bearer T ^A ^A}, the user name optional). A refused
 * token gets a {@code 334} with a JSON error, as Gmail sends it; the client answers that (an empty
 * line, or {@code ^A} for OAUTHBEARER), and the attempt fails.
 */
final class BearerDialogue extends Dialogue {

    /** Google's documented XOAUTH2 error. */
    static final String XOAUTH2_ERROR = "{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}";
    /** RFC 7628 §3.2.2: the error status for an invalid or expired token. */
    static final String OAUTHBEARER_ERROR =
            "{\"status\":\"invalid_token\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}";

    private final boolean gs2;

    private BearerDialogue(Credentials credentials, boolean gs2) {
        super(credentials);
        this.gs2 = gs2;
    }

    static BearerDialogue xoauth2(Credentials credentials) {
        return new BearerDialogue(credentials, false);
    }

    static BearerDialogue oauthBearer(Credentials credentials) {
        return new BearerDialogue(credentials, true);
    }

    @Override
    SaslStep next(byte[] response) {
        String text = Utf8.decode(response);
        if (text == null) {
            return failure(SaslFailure.BAD_PROTOCOL);
        }
        String pairs = text;
        String authzid = null;
        if (gs2) {
            int end = text.indexOf('\u0001');
            String[] header = (end < 0 ? text : text.substring(0, end)).split(",", -1);
            if (end < 0 || header.length != 3 || !header[2].isEmpty() || !(header[0].equals("n") || header[0].equals("y"))
                    || !(header[1].isEmpty() || header[1].startsWith("a="))) {
                return failure(SaslFailure.BAD_PROTOCOL); // channel binding ("p=") is not offered
            }
            authzid = header[1].isEmpty() ? null : header[1].substring(2).replace("=2C", ",").replace("=3D", "=");
            pairs = text.substring(end + 1);
        }
        Map<String, String> values = pairs(pairs);
        String auth = values.get("auth");
        String name = gs2 ? authzid : values.get("user");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() == 7
                || (!gs2 && (name == null || name.isEmpty()))) {
            return failure(SaslFailure.BAD_PROTOCOL);
        }
        String token = auth.substring(7);
        sentSecret = true;
        user = name != null ? name : credentials.ownerOfToken(token).orElse(null);
        if (user != null && credentials.tokenMatches(user, token)) {
            return new SaslStep.Success(user);
        }
        String error = gs2 ? OAUTHBEARER_ERROR : XOAUTH2_ERROR;
        return new SaslStep.Challenge(Base64.getEncoder().encodeToString(error.getBytes(StandardCharsets.UTF_8)), true);
    }

    /** {@code key=value} pairs separated by ^A; the keys in lower case. */
    private static Map<String, String> pairs(String text) {
        Map<String, String> values = new HashMap<>();
        for (String pair : text.split("\u0001")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.putIfAbsent(pair.substring(0, equals).toLowerCase(Locale.ROOT), pair.substring(equals + 1));
            }
        }
        return values;
    }

}
