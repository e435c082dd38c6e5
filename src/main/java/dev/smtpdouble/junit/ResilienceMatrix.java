package dev.smtpdouble.junit;

import dev.smtpdouble.matrix.Fault;
import dev.smtpdouble.matrix.Matrix;
import dev.smtpdouble.matrix.ReportCard;
import dev.smtpdouble.matrix.Row;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The resilience matrix as JUnit 5 dynamic tests: one test per fault, each against a fresh server.
 * A violated expectation fails its test with the server's transcript; a fault the code never met
 * (it sent to one recipient, say) is skipped with the reason. When the last fault has run, the
 * report card is printed and written as Markdown and JSON into the matrix's report directory.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> welcomeMailSurvivesMailServerFaults() {
 *     return ResilienceMatrix.of(Matrix.builder("welcome-mail", (host, port) -> mailer.sendWelcome(host, port, user))
 *             .clientTimeout(Duration.ofSeconds(1))
 *             .build()).dynamicTests();
 * }
 * }</pre>
 */
public final class ResilienceMatrix {

    private final Matrix matrix;
    private final PrintStream out;
    private final Map<Integer, Row> rows = new ConcurrentSkipListMap<>();
    private final AtomicBoolean printed = new AtomicBoolean();

    private ResilienceMatrix(Matrix matrix, PrintStream out) {
        this.matrix = matrix;
        this.out = out;
    }

    public static ResilienceMatrix of(Matrix matrix) {
        return of(matrix, System.out);
    }

    /** As {@link #of(Matrix)}, printing the card to {@code out}. */
    public static ResilienceMatrix of(Matrix matrix, PrintStream out) {
        return new ResilienceMatrix(matrix, out);
    }

    /** One dynamic test per fault, in the card's order; they run one at a time. */
    public Stream<DynamicTest> dynamicTests() {
        List<Fault> faults = matrix.faults();
        return IntStream.range(0, faults.size())
                .mapToObj(i -> DynamicTest.dynamicTest(faults.get(i).name() + ": " + faults.get(i).summary(),
                        () -> execute(i, faults.get(i))))
                .onClose(this::print);
    }

    /** The card of the faults run so far, in order. */
    public ReportCard card() {
        return new ReportCard(matrix.clientName(), List.copyOf(rows.values()));
    }

    private void execute(int index, Fault fault) {
        Row row = matrix.run(fault);
        rows.put(index, row);
        List<Path> files = card().writeTo(matrix.reportDirectory());
        if (rows.size() == matrix.faults().size()) {
            print(files);
        }
        switch (row.verdict().status()) {
            case FAIL -> throw new AssertionFailedError(row.explain());
            case NOT_EXERCISED -> throw new TestAbortedException(fault.name() + " not exercised: "
                    + String.join("; ", row.verdict().reasons()));
            case PASS -> { }
        }
    }

    /** When the stream is closed: the card of what ran, unless the last fault printed it already. */
    private void print() {
        if (!rows.isEmpty() && !printed.get()) {
            print(card().writeTo(matrix.reportDirectory()));
        }
    }

    private void print(List<Path> files) {
        if (printed.compareAndSet(false, true)) {
            out.println();
            out.print(card().markdown());
            out.println("(written to " + files.get(0) + " and " + files.get(1) + ")");
            out.flush();
        }
    }
}
