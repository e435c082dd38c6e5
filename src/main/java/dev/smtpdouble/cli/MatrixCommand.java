package dev.smtpdouble.cli;

import dev.smtpdouble.matrix.CommandClient;
import dev.smtpdouble.matrix.Fault;
import dev.smtpdouble.matrix.Matrix;
import dev.smtpdouble.matrix.ReportCard;
import dev.smtpdouble.matrix.Row;
import dev.smtpdouble.matrix.Tag;
import dev.smtpdouble.scenario.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code smtp-double matrix -- COMMAND ARGS...}: runs a mail command once per fault, each against a
 * fresh server on a free loopback port, and prints the report card as Markdown.
 */
@Command(name = MatrixCommand.NAME, mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        header = "Runs a mail command against every fault and prints its report card.",
        customSynopsis = {"smtp-double matrix [--tags=TAG[,TAG...]] [--json=FILE]",
                "                          [--client-timeout=DURATION] [--time-limit=DURATION]",
                "                          [--account=USER:PASSWORD] [--name=NAME] -- COMMAND [ARGS...]"},
        description = {"Runs COMMAND once per fault of the resilience matrix, each time against a fresh server on "
                + "127.0.0.1, with {host} and {port} in its arguments replaced, and {cafile} (a PEM file of the CA "
                + "to trust), {user} and {password} (the account). Exit status 0 of COMMAND means it "
                + "reports success; the server's journal says what happened. Prints the report card as Markdown; "
                + "exits 1 when a row violates its expectation. The tls and auth faults run only when their tags "
                + "are given: every server then offers STARTTLS and accepts the account, and COMMAND should "
                + "require TLS and log in.",
                "Example: smtp-double matrix --tags retryable,permanent -- swaks --server {host} --port {port} "
                        + "--to a@example.org --timeout 2",
                "Example: smtp-double matrix --tags tls,auth -- curl --ssl-reqd --cacert {cafile} "
                        + "-u {user}:{password} --url smtp://{host}:{port} --mail-rcpt a@example.org -T message.eml"},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every row passed (or was not exercised)", "1:a row violates its expectation",
                "2:bad options, or COMMAND cannot be run"})
final class MatrixCommand implements Callable<Integer> {

    static final String NAME = "matrix";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tags", split = ",", paramLabel = "TAG", converter = TagConverter.class,
            description = "Only faults with any of these tags: retryable, permanent, network, tls, auth "
                    + "(comma-separated; the baseline always runs). Without it, every fault but the tls and auth ones.")
    List<Tag> tags = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the card as JSON to FILE.")
    Path json;

    @Option(names = "--client-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The read timeout COMMAND is configured with (default: 2s); waiting longer than this "
                    + "plus 2s for a reply that never comes is a violation.")
    Duration clientTimeout = Duration.ofSeconds(2);

    @Option(names = "--time-limit", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The longest one fault may take before COMMAND is stopped (default: 30s).")
    Duration timeLimit = Duration.ofSeconds(30);

    @Option(names = "--account", paramLabel = "USER:PASSWORD", description = "The account every server accepts, "
            + "for {user} and {password} (default: " + Matrix.DEFAULT_USER + ":" + Matrix.DEFAULT_PASSWORD + ").")
    String account;

    @Option(names = "--name", paramLabel = "NAME", description = "The client's name on the card (default: COMMAND's).")
    String name;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The mail command and its arguments, after --.")
    List<String> command;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CommandClient client = new CommandClient(command);
        if (!client.canRun()) {
            err.println("smtp-double matrix: cannot run '" + command.get(0) + "': no such executable");
            return 2;
        }
        Matrix.Builder builder = Matrix.builder(name != null ? name : Path.of(command.get(0)).getFileName().toString(),
                client).tags(tags).clientTimeout(clientTimeout).timeLimit(timeLimit);
        if (account != null) {
            int colon = account.indexOf(':');
            if (colon <= 0 || colon == account.length() - 1) {
                err.println("smtp-double matrix: --account must be USER:PASSWORD");
                return 2;
            }
            builder.account(account.substring(0, colon), account.substring(colon + 1));
        }
        Matrix matrix = builder.build();
        List<Row> rows = new ArrayList<>();
        for (Fault fault : matrix.faults()) {
            Row row = matrix.run(fault);
            err.println("smtp-double matrix: " + fault.name() + ": " + row.verdict().brief().replace("**", ""));
            err.flush();
            rows.add(row);
        }
        ReportCard card = new ReportCard(matrix.clientName(), rows);
        out.print(card.markdown());
        out.flush();
        if (json != null && !writeJson(card, err)) {
            return 2;
        }
        return card.passed() ? 0 : 1;
    }

    private boolean writeJson(ReportCard card, PrintWriter err) {
        try {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(json, card.json(), StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            err.println("smtp-double matrix: cannot write " + json + ": " + e.getMessage());
            return false;
        }
    }

    static final class TagConverter implements CommandLine.ITypeConverter<Tag> {
        @Override
        public Tag convert(String value) {
            try {
                return Tag.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Long millis = Durations.parseMillis(value);
            if (millis == null || millis <= 0 || millis > 3_600_000) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not a duration such as 500ms, 2s or 1m");
            }
            return Duration.ofMillis(millis);
        }
    }
}
