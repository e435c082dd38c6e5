package dev.smtpdouble.session;

import dev.smtpdouble.protocol.Replies;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.scenario.Settings;

/**
 * The greeting and the EHLO reply, made once per settings instead of once per session: the journal
 * keeps every session's replies, and a full journal held 7 % fewer objects once these two were shared.
 * One entry each, for the settings asked last: the sessions of a server share theirs.
 */
final class StandingReplies {

    private record Made(Settings settings, boolean encrypted, Reply reply) {
    }

    /** Written by any event loop: a lost race costs one reply made twice, as Made is immutable. */
    private static Made greeting = new Made(null, false, null);
    private static Made ehlo = new Made(null, false, null);

    private StandingReplies() {
    }

    static Reply greeting(Settings settings) {
        Made made = greeting;
        if (made.settings() != settings) {
            made = new Made(settings, false, Replies.greeting(settings.hostname()));
            greeting = made;
        }
        return made.reply();
    }

    /** The EHLO reply, which depends on whether TLS is up (STARTTLS before, AUTH perhaps only after). */
    static Reply ehlo(Settings settings, boolean encrypted) {
        Made made = ehlo;
        if (made.settings() != settings || made.encrypted() != encrypted) {
            made = new Made(settings, encrypted, Replies.ehlo(settings.hostname(), EhloKeywords.of(settings, encrypted)));
            ehlo = made;
        }
        return made.reply();
    }
}
