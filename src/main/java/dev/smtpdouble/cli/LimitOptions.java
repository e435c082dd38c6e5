package dev.smtpdouble.cli;

import dev.smtpdouble.SmtpDouble;
import picocli.CommandLine.Option;

/** The command line's limits on connections, the journal and threads, and how they set up a server. */
final class LimitOptions {

    @Option(names = "--max-connections-per-client", paramLabel = "N",
            description = "Concurrent connections from one client address; more get 421 4.7.0 (default: 0, no limit).")
    Integer maxConnectionsPerClient;

    @Option(names = "--journal-entries", paramLabel = "N", defaultValue = "${env:SMTP_DOUBLE_JOURNAL_ENTRIES}",
            description = "Sessions, and messages, the journal keeps; older ones are dropped "
                    + "(env SMTP_DOUBLE_JOURNAL_ENTRIES; default 10000).")
    Integer journalEntries;

    @Option(names = "--journal-bytes", paramLabel = "SIZE", defaultValue = "${env:SMTP_DOUBLE_JOURNAL_BYTES}",
            converter = ByteSize.class, description = "Memory the journal keeps, sessions and messages together, "
                    + "e.g. 64m or 1g (env SMTP_DOUBLE_JOURNAL_BYTES; default 64m).")
    Long journalBytes;

    @Option(names = "--io-threads", paramLabel = "N",
            description = "Event loop threads (default: half the processors, 1 to 4).")
    Integer ioThreads;

    /** @throws IllegalArgumentException naming the option whose value is out of range */
    SmtpDouble.Builder applyTo(SmtpDouble.Builder builder) {
        atLeast("--max-connections-per-client", maxConnectionsPerClient, 0);
        atLeast("--journal-entries", journalEntries, 1);
        atLeast("--journal-bytes", journalBytes, 1);
        atLeast("--io-threads", ioThreads, 1);
        if (maxConnectionsPerClient != null) {
            builder.maxConnectionsPerClient(maxConnectionsPerClient);
        }
        if (journalEntries != null) {
            builder.journalCapacity(journalEntries);
        }
        if (journalBytes != null) {
            builder.journalBytes(journalBytes);
        }
        return ioThreads == null ? builder : builder.ioThreads(ioThreads);
    }

    /** The builder's own message names its Java field; the user typed the option. */
    static void atLeast(String option, Number value, long minimum) {
        if (value != null && value.longValue() < minimum) {
            throw new IllegalArgumentException(option + " must be at least " + minimum + ": " + value);
        }
    }
}
