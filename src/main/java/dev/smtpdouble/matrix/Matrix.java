package dev.smtpdouble.matrix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Puts mail-sending code through every fault of the matrix, each on a fresh server, one after
 * another, and judges each outcome:
 *
 * <pre>{@code
 * ReportCard card = Matrix.builder("welcome mail", (host, port) -> mailer.send(host, port, welcome))
 *         .tags(Tag.RETRYABLE, Tag.PERMANENT)
 *         .clientTimeout(Duration.ofSeconds(1))
 *         .expect("greylist", Expectation::mustDeliver)
 *         .build()
 *         .run();
 * }</pre>
 *
 * <p>The TLS and AUTH faults run when their tags are selected: every server then offers STARTTLS with
 * a certificate of the throwaway CA and accepts the matrix's account, and the code gets both through
 * the {@link Target} ({@link #builder(String, TargetedMailClient)}), to send as production does, with
 * STARTTLS required and a login.
 */
public final class Matrix {

    /** The account the servers accept unless {@link Builder#account(String, String)} gives another: the catalogue's. */
    public static final String DEFAULT_USER = "user@example.test";
    public static final String DEFAULT_PASSWORD = "secret";

    /** Where report cards go by default, under the working directory (a build's {@code target/}). */
    public static final Path DEFAULT_REPORTS = Path.of("target", "smtp-double-matrix");

    private final String clientName;
    private final TargetedMailClient client;
    private final List<Fault> faults;
    private final Map<String, UnaryOperator<Expectation>> overrides;
    private final MatrixSettings settings;
    private final FailureReading reading;
    private final Path reportDirectory;
    /** The code under test is often one shared object: its faults run one at a time. */
    private final ReentrantLock oneAtATime = new ReentrantLock();

    private Matrix(Builder builder) {
        this.clientName = builder.clientName;
        this.client = builder.client;
        this.faults = Faults.tagged(builder.tags);
        this.overrides = Map.copyOf(builder.overrides);
        this.settings = new MatrixSettings(builder.clientTimeout, builder.margin, builder.timeLimit, builder.user,
                builder.password, builder.tags.contains(Tag.TLS) || builder.tags.contains(Tag.AUTH));
        this.reading = new FailureReading(builder.readers);
        this.reportDirectory = builder.reportDirectory;
    }

    /**
     * @param clientName names the report card and its files, e.g. {@code "spring-mail"}
     * @param client     the code under test, given the host and port
     */
    public static Builder builder(String clientName, MailClient client) {
        Objects.requireNonNull(client, "client");
        return new Builder(clientName, target -> client.send(target.host(), target.port()));
    }

    /**
     * @param clientName names the report card and its files, e.g. {@code "spring-mail"}
     * @param client     the code under test, given the host, the port, the CA to trust and the account
     */
    public static Builder builder(String clientName, TargetedMailClient client) {
        return new Builder(clientName, client);
    }

    /** Whether every server offers STARTTLS and has the account: the TLS or AUTH tags are selected. */
    public boolean secure() {
        return settings.secure();
    }

    public String clientName() {
        return clientName;
    }

    /** The faults this matrix runs, in order: the baseline first. */
    public List<Fault> faults() {
        return faults;
    }

    public Path reportDirectory() {
        return reportDirectory;
    }

    /** What the code must do to survive this fault: the default for its nature, with the overrides applied. */
    public Expectation expectation(Fault fault) {
        Expectation expectation = Expectation.of(fault, settings.giveUpLimit());
        UnaryOperator<Expectation> override = overrides.get(fault.name());
        return override == null ? expectation : override.apply(expectation);
    }

    /** Runs the code against one fault on a fresh server and judges it; faults of one matrix never overlap. */
    public Row run(Fault fault) {
        oneAtATime.lock();
        try {
            Expectation expectation = expectation(fault);
            Observation observation = new FaultRun(fault, client, settings, reading).run();
            return new Row(fault, expectation, observation, Judge.judge(fault, expectation, observation));
        } finally {
            oneAtATime.unlock();
        }
    }

    /** Runs every fault and returns the card (not written anywhere: see {@link ReportCard#writeTo(Path)}). */
    public ReportCard run() {
        List<Row> rows = new ArrayList<>();
        for (Fault fault : faults) {
            rows.add(run(fault));
        }
        return new ReportCard(clientName, rows);
    }

    /** Configures a matrix. */
    public static final class Builder {
        private final String clientName;
        private final TargetedMailClient client;
        private final Set<Tag> tags = EnumSet.noneOf(Tag.class);
        private final Map<String, UnaryOperator<Expectation>> overrides = new LinkedHashMap<>();
        private final List<ReplyCodeReader> readers = new ArrayList<>();
        private Duration clientTimeout = MatrixSettings.DEFAULTS.clientTimeout();
        private Duration margin = MatrixSettings.DEFAULTS.margin();
        private Duration timeLimit = MatrixSettings.DEFAULTS.timeLimit();
        private String user = DEFAULT_USER;
        private String password = DEFAULT_PASSWORD;
        private Path reportDirectory = Path.of(System.getProperty("smtpdouble.matrix.reports",
                DEFAULT_REPORTS.toString()));

        private Builder(String clientName, TargetedMailClient client) {
            if (clientName == null || clientName.isBlank()) {
                throw new IllegalArgumentException("the client needs a name, for the report card");
            }
            this.clientName = clientName.strip();
            this.client = Objects.requireNonNull(client, "client");
        }

        /**
         * Only the faults with any of these tags (and the baseline); when none is given, every fault but
         * the TLS and AUTH ones, which expect code that requires STARTTLS and logs in: select
         * {@link Tag#TLS} or {@link Tag#AUTH} to run them, on servers that offer STARTTLS and accept the account.
         */
        public Builder tags(Tag... values) {
            return tags(List.of(values));
        }

        public Builder tags(Collection<Tag> values) {
            tags.addAll(values);
            return this;
        }

        /**
         * The account the servers accept, given to the code in its {@link Target}; default
         * {@value #DEFAULT_USER} with {@value #DEFAULT_PASSWORD}.
         */
        public Builder account(String user, String password) {
            if (user == null || user.isBlank() || user.contains(":")) {
                throw new IllegalArgumentException("the account's user name must be given, without ':': " + user);
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("the account's password must not be empty");
            }
            this.user = user;
            this.password = password;
            return this;
        }

        /**
         * Changes what counts as surviving one fault, e.g. {@code expect("stored-then-reset",
         * Expectation::duplicatesAcceptable)}.
         *
         * @throws IllegalArgumentException when there is no such fault
         */
        public Builder expect(String fault, UnaryOperator<Expectation> change) {
            Faults.named(fault);
            overrides.merge(fault, Objects.requireNonNull(change, "change"),
                    (first, second) -> e -> second.apply(first.apply(e)));
            return this;
        }

        /**
         * The read timeout the code under test is configured with (default 2 s): a connection that
         * waits longer than this plus the margin for a reply that never comes is a violation.
         */
        public Builder clientTimeout(Duration value) {
            clientTimeout = positive(value, "clientTimeout");
            return this;
        }

        /** How much later than its timeout a client may give up (default 2 s). */
        public Builder margin(Duration value) {
            margin = positive(value, "margin");
            return this;
        }

        /** The longest one fault may take before the matrix stops the code (default 30 s). */
        public Builder timeLimit(Duration value) {
            timeLimit = positive(value, "timeLimit");
            return this;
        }

        /** Reads SMTP reply codes from exception types of the code's own. */
        public Builder replyCodes(ReplyCodeReader reader) {
            readers.add(Objects.requireNonNull(reader, "reader"));
            return this;
        }

        /**
         * Where {@link ReportCard#writeTo(Path)} callers put the card; default {@code target/smtp-double-matrix},
         * or the system property {@code smtpdouble.matrix.reports}.
         */
        public Builder reportDirectory(Path value) {
            reportDirectory = Objects.requireNonNull(value, "reportDirectory");
            return this;
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        public Matrix build() {
            return new Matrix(this);
        }
    }
}
