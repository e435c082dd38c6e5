package dev.smtpdouble.junit;

import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.journal.JournalText;

/** The journal as text in failure messages. */
final class Transcripts {

    private Transcripts() {
    }

    static String render(Journal journal) {
        return JournalText.render(journal);
    }

    static String count(long n, String noun) {
        return JournalText.count(n, noun);
    }
}
