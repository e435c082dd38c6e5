package dev.smtpdouble.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The admin API refused a request: its status, and its message and problems (a scenario's, line by line). */
public final class AdminApiException extends RuntimeException {

    private final int status;
    private final List<String> problems;

    AdminApiException(String message, int status, List<String> problems) {
        super(message);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    static AdminApiException of(String request, int status, String body) {
        String error = body;
        List<String> problems = new ArrayList<>();
        try {
            JsonNode json = new ObjectMapper().readTree(body);
            if (json != null && json.hasNonNull("error")) {
                error = json.get("error").asText();
                json.path("problems").forEach(problem -> problems.add(problem.asText()));
            }
        } catch (IOException e) {
            // not JSON: the body as it came
        }
        return new AdminApiException(request + ": " + status + " " + error, status, problems);
    }

    /** The HTTP status, e.g. 400 for an invalid scenario, 401 for a missing or wrong token. */
    public int status() {
        return status;
    }

    /** The problems the server listed one by one (for an invalid scenario: file, line, column and what). */
    public List<String> problems() {
        return problems;
    }
}
