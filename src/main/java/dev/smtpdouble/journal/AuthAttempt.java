package dev.smtpdouble.journal;

import dev.smtpdouble.protocol.Reply;
import java.time.Instant;

/**
 * One AUTH command and how it ended. Never holds a password or a token.
 *
 * @param at            when it ended
 * @param mechanism     the SASL mechanism named, upper case; null when the command named none
 * @param user          the user name the client gave, or null when it gave none
 * @param authenticated whether the session authenticated as {@code user} by it
 * @param reply         the reply that ended it (235, 535, ...); null when none did: a reset, a hang, a client
 *                      that left in the middle of the exchange, or one still under way
 * @param encrypted     whether TLS was up
 * @param sentSecret    whether the client sent the password or token itself (PLAIN, LOGIN, XOAUTH2,
 *                      OAUTHBEARER; not CRAM-MD5), right or wrong
 */
public record AuthAttempt(Instant at, String mechanism, String user, boolean authenticated, Reply reply,
                          boolean encrypted, boolean sentSecret) {

    /** A password or token crossed the network in plaintext, readable by anyone on the path. */
    public boolean sentSecretInClear() {
        return sentSecret && !encrypted;
    }

    @Override
    public String toString() {
        return "AUTH " + (mechanism == null ? "(none)" : mechanism) + (user == null ? "" : " as " + user) + ": "
                + (reply == null ? "no reply" : reply.code()) + (authenticated ? ", authenticated" : "")
                + (sentSecretInClear() ? ", secret sent in clear" : "");
    }
}
