package dev.smtpdouble.junit;

import dev.smtpdouble.journal.JournalReader;
import dev.smtpdouble.journal.JournalText;

/** The journal as text in failure messages. */
final class Transcripts {

    private Transcripts() {
    }

    static String render(JournalReader journal) {
        return JournalText.render(journal.sessions(), journal.messages());
    }

    static String count(long n, String noun) {
        return JournalText.count(n, noun);
    }
}
