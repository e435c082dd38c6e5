package dev.smtpdouble.admin;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioException;
import dev.smtpdouble.scenario.ScenarioLoader;
import dev.smtpdouble.scenario.Scenarios;
import dev.smtpdouble.scenario.Durations;
import dev.smtpdouble.time.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The endpoints, for one listener each: {@code /listeners/{port}/...} or {@code ?port=} chooses the
 * listener by its SMTP port; without either, the first listener answers.
 */
final class AdminRoutes {

    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_BODY = ScenarioLoader.MAX_CHARS * 4;

    private final List<SmtpDouble> listeners;
    private final Function<String, Scenario> byName;
    private volatile boolean stopping;

    AdminRoutes(List<SmtpDouble> listeners, Function<String, Scenario> byName) {
        this.listeners = List.copyOf(listeners);
        this.byName = byName;
    }

    void stopping() {
        stopping = true;
    }

    void handle(AdminExchange exchange) throws IOException {
        List<String> path = exchange.segments();
        SmtpDouble target = null;
        if (!path.isEmpty() && path.get(0).equals("listeners") && path.size() >= 2) {
            target = listener(path.get(1));
            path = path.subList(2, path.size());
        }
        String port = exchange.query("port");
        if (port != null) {
            SmtpDouble chosen = listener(port);
            if (target != null && target != chosen) {
                throw AdminException.badRequest("the path names listener " + target.port() + " but ?port= names "
                        + chosen.port());
            }
            target = chosen;
        }
        route(exchange, String.join("/", path), target == null ? listeners.get(0) : target);
    }

    private void route(AdminExchange exchange, String path, SmtpDouble smtp) throws IOException {
        switch (path) {
            case "" -> {
                allow(exchange, "GET");
                exchange.json(200, object("listeners", listenerViews(), "endpoints", List.of("GET /health",
                        "GET /listeners", "GET /scenario", "PUT /scenario", "POST /scenario/reset", "POST /reset",
                        "GET /journal", "DELETE /journal", "GET /messages", "GET /messages/{id}", "GET /tls/ca.pem",
                        "GET /clock", "POST /clock?advance=DURATION")));
            }
            case "health" -> health(exchange);
            case "listeners" -> {
                allow(exchange, "GET");
                exchange.json(200, object("listeners", listenerViews()));
            }
            case "scenario" -> scenario(exchange, smtp);
            case "scenario/reset" -> {
                allow(exchange, "POST");
                smtp.resetScenario();
                exchange.json(200, ScenarioView.of(smtp));
            }
            case "reset" -> {
                allow(exchange, "POST");
                smtp.reset();
                exchange.json(200, ScenarioView.of(smtp));
            }
            case "journal" -> journal(exchange, smtp);
            case "tls/ca.pem" -> {
                allow(exchange, "GET");
                if (!smtp.tlsEnabled()) {
                    throw AdminException.notFound("listener " + smtp.port() + " does not speak TLS (start it with"
                            + " --tls or --tls-port)");
                }
                exchange.bytes(200, "application/x-pem-file", smtp.tls().caPem().getBytes(StandardCharsets.US_ASCII));
            }
            case "clock" -> clock(exchange, smtp);
            case "messages" -> {
                allow(exchange, "GET");
                JournalQuery query = JournalQuery.of(exchange);
                exchange.jsonStream(200, json -> JournalView.writeMessages(json, smtp, query));
            }
            default -> {
                if (path.startsWith("messages/")) {
                    message(exchange, smtp, path.substring("messages/".length()));
                } else {
                    throw AdminException.notFound("no endpoint " + exchange.path() + "; GET / lists them");
                }
            }
        }
    }

    private void health(AdminExchange exchange) throws IOException {
        allow(exchange, "GET");
        if (stopping) {
            exchange.json(503, object("status", "stopping"));
        } else {
            exchange.json(200, object("status", "up", "listeners", listenerViews()));
        }
    }

    private void scenario(AdminExchange exchange, SmtpDouble smtp) throws IOException {
        allow(exchange, "GET", "PUT");
        if (exchange.method().equals("PUT")) {
            Scenario scenario = scenarioOf(exchange);
            try {
                smtp.useScenario(scenario);
            } catch (ScenarioException e) {
                // parses, but needs what this server lacks (an account, a readable key): the client's to fix
                throw new AdminException(400, e.getMessage(), e.problems(), Map.of());
            }
        }
        exchange.json(200, ScenarioView.of(smtp));
    }

    /** The scenario a PUT names ({@code ?name=}) or carries as its YAML body, validated in full. */
    private Scenario scenarioOf(AdminExchange exchange) throws IOException {
        String name = exchange.query("name");
        String yaml = exchange.bodyText(MAX_BODY);
        try {
            if (name != null) {
                if (!yaml.isBlank()) {
                    throw AdminException.badRequest("send either ?name= or a YAML body, not both");
                }
                return byName.apply(name);
            }
            if (yaml.isBlank()) {
                throw AdminException.badRequest("the body must be a scenario in YAML (or use ?name=CATALOGUE-NAME)");
            }
            return Scenarios.fromYaml(yaml, "request body");
        } catch (ScenarioException e) {
            throw new AdminException(400, e.getMessage(), e.problems(), Map.of());
        }
    }

    private void journal(AdminExchange exchange, SmtpDouble smtp) throws IOException {
        allow(exchange, "GET", "DELETE");
        JournalQuery query = exchange.method().equals("DELETE") ? JournalQuery.ALL : JournalQuery.of(exchange);
        if (exchange.method().equals("DELETE")) {
            smtp.journal().clear();
        }
        exchange.jsonStream(200, json -> JournalView.write(json, smtp, query));
    }

    /** The server's time; a POST moves a manual clock forward ({@code ?advance=5m}, {@code 1500ms}, {@code PT5M}). */
    private void clock(AdminExchange exchange, SmtpDouble smtp) throws IOException {
        allow(exchange, "GET", "POST");
        if (exchange.method().equals("POST")) {
            if (!(smtp.clock() instanceof ManualClock manual)) {
                throw new AdminException(409, "the server runs on the wall clock; start it with --clock manual "
                        + "to move time from here");
            }
            try {
                manual.advance(advance(exchange.query("advance")));
            } catch (IllegalArgumentException e) {
                throw AdminException.badRequest(e.getMessage());
            }
        }
        exchange.json(200, object("now", smtp.clock().instant().toString(),
                "kind", smtp.clock() instanceof ManualClock ? "manual" : "system"));
    }

    private static Duration advance(String value) {
        if (value == null || value.isBlank()) {
            throw AdminException.badRequest("say how far to move the clock: POST /clock?advance=5m");
        }
        Long millis = Durations.parseMillis(value);
        if (millis == null) {
            try {
                return nonNegative(Duration.parse(value.strip()), value);
            } catch (DateTimeParseException e) {
                throw AdminException.badRequest("'" + value + "' is not a duration such as 1500ms, 30s, 5m, 2h, 35d "
                        + "or PT5M");
            }
        }
        return nonNegative(Duration.ofMillis(millis), value);
    }

    private static Duration nonNegative(Duration duration, String value) {
        if (duration.isNegative()) {
            throw AdminException.badRequest("the clock only moves forward: '" + value + "'");
        }
        return duration;
    }

    private void message(AdminExchange exchange, SmtpDouble smtp, String id) throws IOException {
        allow(exchange, "GET");
        if (!MESSAGE_ID.matcher(id).matches()) {
            throw AdminException.badRequest("'" + id + "' is not a message id (like 0000000001)");
        }
        ReceivedMessage message = smtp.journal().message(id).orElseThrow(() -> AdminException.notFound(
                "no message " + id + " in the journal of listener " + smtp.port()));
        exchange.header("Content-Disposition", "inline; filename=\"" + id + ".eml\"");
        exchange.bytes(200, "message/rfc822", message.raw());
    }

    private SmtpDouble listener(String port) {
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw AdminException.badRequest("'" + port + "' is not a port number");
        }
        return listeners.stream().filter(smtp -> smtp.port() == number).findFirst()
                .orElseThrow(() -> AdminException.notFound("no SMTP listener on port " + number + "; listeners: "
                        + listeners.stream().map(smtp -> String.valueOf(smtp.port())).toList()));
    }

    private List<ListenerView> listenerViews() {
        return listeners.stream().map(ListenerView::of).toList();
    }

    /** A JSON object with its members in the order given. */
    private static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    private static void allow(AdminExchange exchange, String... methods) {
        String method = exchange.method().equals("HEAD") ? "GET" : exchange.method();
        if (!List.of(methods).contains(method)) {
            throw AdminException.methodNotAllowed(exchange.method(), exchange.path(), List.of(methods));
        }
    }
}
