package dev.smtpdouble.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/** The result of a matrix: one row per fault, as a Markdown table and as JSON. */
public record ReportCard(String client, List<Row> rows) {

    public ReportCard {
        rows = List.copyOf(rows);
    }

    public Row row(String fault) {
        return rows.stream().filter(row -> row.name().equals(fault)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no row for fault '" + fault + "' on this card"));
    }

    public List<Row> failures() {
        return rows.stream().filter(row -> row.verdict().failed()).toList();
    }

    public boolean passed() {
        return failures().isEmpty();
    }

    private long count(Verdict.Status status) {
        return rows.stream().filter(row -> row.verdict().status() == status).count();
    }

    /** {@code 19 faults: 17 passed, 1 failed, 1 not exercised}. */
    public String summary() {
        return rows.size() + " faults: " + count(Verdict.Status.PASS) + " passed, " + count(Verdict.Status.FAIL)
                + " failed, " + count(Verdict.Status.NOT_EXERCISED) + " not exercised";
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("### Resilience matrix: ").append(cell(client)).append("\n\n")
                .append("| fault | expected | attempts | delivered | time | reported | code | verdict |\n")
                .append("| --- | --- | ---: | ---: | ---: | --- | --- | --- |\n");
        for (Row row : rows) {
            Observation seen = row.observation();
            out.append("| `").append(row.name()).append("` ").append(cell(row.fault().summary()))
                    .append(" | ").append(cell(row.expectation().describe()))
                    .append(" | ").append(seen.attempts())
                    .append(" | ").append(seen.delivered()).append(seen.partial() ? " (partial)" : "")
                    .append(" | ").append(Durations.brief(seen.elapsed()))
                    .append(" | ").append(cell(String.join(", ", seen.calls().stream()
                            .map(call -> failureBrief(call.reported())).toList())))
                    .append(" | ").append(String.join(", ", seen.calls().stream()
                            .map(call -> call.reported().code() == null ? "—" : call.reported().code().toString())
                            .toList()))
                    .append(" | ").append(cell(row.verdict().brief())).append(" |\n");
        }
        return out.append('\n').append(summary()).append(".\n").toString();
    }

    private static String failureBrief(Reported reported) {
        if (reported.success()) {
            return "success";
        }
        String brief = reported.brief();
        return reported.code() == null ? brief : brief.substring(0, brief.length() - reported.code().toString()
                .length() - 1);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    public String json() {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("client", client);
        card.put("summary", Map.of("faults", rows.size(), "passed", count(Verdict.Status.PASS),
                "failed", count(Verdict.Status.FAIL), "notExercised", count(Verdict.Status.NOT_EXERCISED)));
        List<Object> list = new ArrayList<>();
        rows.forEach(row -> list.add(json(row)));
        card.put("rows", list);
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(card) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report card cannot be written as JSON", e);
        }
    }

    private static Map<String, Object> json(Row row) {
        Observation seen = row.observation();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fault", row.name());
        out.put("summary", row.fault().summary());
        out.put("nature", row.fault().nature().name().toLowerCase(Locale.ROOT));
        out.put("tags", row.fault().tags().stream().map(Tag::label).sorted().toList());
        out.put("expected", row.expectation().describe());
        out.put("verdict", row.verdict().status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        out.put("reasons", row.verdict().reasons());
        out.put("attempts", seen.attempts());
        out.put("delivered", seen.delivered());
        out.put("partial", seen.partial());
        out.put("elapsedMillis", seen.elapsed().toMillis());
        out.put("shortestRetryGapMillis", millis(seen.shortestRetryGap()));
        out.put("longestWaitMillis", millis(seen.longestWait()));
        List<Object> calls = new ArrayList<>();
        for (Observation.Call call : seen.calls()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("success", call.reported().success());
            c.put("failure", call.reported().failure());
            c.put("cause", call.reported().cause());
            c.put("code", call.reported().code());
            c.put("message", call.reported().message());
            c.put("elapsedMillis", call.elapsed().toMillis());
            c.put("attempts", call.attempts());
            calls.add(c);
        }
        out.put("calls", calls);
        out.put("stopped", seen.stopped());
        out.put("transcript", seen.transcript());
        return out;
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    /**
     * Writes {@code NAME.md} and {@code NAME.json} into the directory (created if needed), NAME being
     * the client's name made safe for a file name.
     *
     * @return the two files
     */
    public List<Path> writeTo(Path directory) {
        String name = client.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        try {
            Files.createDirectories(directory);
            Path markdown = Files.writeString(directory.resolve(name + ".md"), markdown(), StandardCharsets.UTF_8);
            Path json = Files.writeString(directory.resolve(name + ".json"), json(), StandardCharsets.UTF_8);
            return List.of(markdown, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report card to " + directory, e);
        }
    }
}
