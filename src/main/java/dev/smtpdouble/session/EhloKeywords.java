package dev.smtpdouble.session;

import dev.smtpdouble.sasl.AuthSettings;
import dev.smtpdouble.scenario.Settings;
import java.util.ArrayList;
import java.util.List;

/** The EHLO keywords a session advertises, which depend on whether TLS is up: STARTTLS before, AUTH when offered. */
final class EhloKeywords {

    private EhloKeywords() {
    }

    /** The keywords advertised now: STARTTLS only before TLS is up, AUTH while it is offered. */
    static List<String> of(Settings settings, boolean encrypted) {
        List<String> keywords = new ArrayList<>(2);
        if (!encrypted && settings.tls().startTls()) {
            keywords.add("STARTTLS");
        }
        if (offersAuth(settings, encrypted)) {
            keywords.add(settings.auth().ehloLine());
        }
        return keywords.isEmpty() ? settings.extensions() : settings.extensionsWith(keywords);
    }

    /**
     * AUTH is configured, not hidden, and allowed now: inside TLS, or before it when plaintext AUTH is
     * allowed or this listener offers no STARTTLS to wait for (Postfix's {@code smtpd_tls_auth_only}).
     */
    static boolean offersAuth(Settings settings, boolean encrypted) {
        AuthSettings auth = settings.auth();
        return auth.enabled() && !settings.hides("AUTH")
                && (encrypted || auth.plaintextAllowed() || !settings.tls().startTls());
    }
}
