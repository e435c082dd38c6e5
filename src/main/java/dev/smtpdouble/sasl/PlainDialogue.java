package dev.smtpdouble.sasl;

/**
 * PLAIN (RFC 4616): one response, {@code authzid NUL authcid NUL password}. As Postfix with Cyrus
 * SASL: an authorization identity other than the user's own fails like a wrong password.
 */
final class PlainDialogue extends Dialogue {

    PlainDialogue(Credentials credentials) {
        super(credentials);
    }

    @Override
    SaslStep next(byte[] response) {
        String text = Utf8.decode(response);
        String[] parts = text == null ? new String[0] : text.split("\0", -1);
        if (parts.length != 3) {
            return failure(SaslFailure.BAD_PROTOCOL);
        }
        String authzid = parts[0];
        user = parts[1];
        sentSecret = !parts[2].isEmpty();
        return verdict((authzid.isEmpty() || authzid.equals(user)) && credentials.passwordMatches(user, parts[2]));
    }
}
