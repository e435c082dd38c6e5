package dev.smtpdouble.admin;

import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.journal.SessionRecord;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Which part of the journal a request asks for, from its query: {@code ?session=ID} one session and
 * its messages; {@code ?since=ID} the sessions after that id and their messages; {@code ?limit=N} at
 * most N sessions, with a {@code next} link to the rest. Without any, everything.
 *
 * @param session the one session wanted, or null
 * @param since   only sessions (and their messages) with a higher id; 0 for all
 * @param limit   at most this many sessions
 */
record JournalQuery(Long session, long since, int limit) {

    static final JournalQuery ALL = new JournalQuery(null, 0, Integer.MAX_VALUE);

    static JournalQuery of(AdminExchange exchange) {
        Long session = number(exchange, "session", 1);
        Long since = number(exchange, "since", 0);
        Long limit = number(exchange, "limit", 1);
        return new JournalQuery(session, since == null ? 0 : since,
                limit == null ? Integer.MAX_VALUE : (int) Math.min(limit, Integer.MAX_VALUE));
    }

    private static Long number(AdminExchange exchange, String name, long minimum) {
        String value = exchange.query(name);
        if (value == null) {
            return null;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number >= minimum) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw AdminException.badRequest("?" + name + "= must be a whole number of at least " + minimum + ": '"
                + value + "'");
    }

    boolean selects(ReceivedMessage message) {
        return session != null ? message.sessionId() == session : message.sessionId() > since;
    }

    List<ReceivedMessage> messagesOf(List<ReceivedMessage> messages) {
        return session == null && since == 0 ? messages : messages.stream().filter(this::selects).toList();
    }

    /** The selected sessions, read a page at a time, up to the newest there was when the request came. */
    Pages sessions(Journal journal) {
        return new Pages(journal, journal.lastSessionId());
    }

    /** Walks the selected sessions in order; memory for one page only. */
    final class Pages implements Iterator<SessionRecord> {

        private static final int SIZE = 256;

        private final Journal journal;
        private final long until;
        private List<SessionRecord> page = List.of();
        private int index;
        private long last = since;
        private int listed;
        private boolean exhausted;

        private Pages(Journal journal, long until) {
            this.journal = journal;
            this.until = until;
        }

        @Override
        public boolean hasNext() {
            if (index == page.size() && !exhausted) {
                page = fetch();
                index = 0;
                exhausted = page.isEmpty() || session != null; // a single session is one page
            }
            return index < page.size();
        }

        private List<SessionRecord> fetch() {
            if (session != null) {
                return journal.session(session).filter(s -> s.id() > since).map(List::of).orElse(List.of());
            }
            if (listed >= limit || last >= until) {
                return List.of();
            }
            return journal.sessions(last, Math.min(SIZE, limit - listed)).stream()
                    .filter(s -> s.id() <= until).toList();
        }

        @Override
        public SessionRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            SessionRecord record = page.get(index++);
            last = record.id();
            listed++;
            return record;
        }

        /** The id of the last session handed out, or {@code since} when none was. */
        long last() {
            return last;
        }

        /** Whether the limit cut the list: more sessions follow {@link #last()}. */
        boolean cut() {
            return session == null && listed >= limit && !journal.sessions(last, 1).isEmpty();
        }
    }
}
