package dev.smtpdouble.admin;

import java.util.List;
import java.util.Map;

/** A client mistake: answered with its status and a JSON error body, never logged as a failure. */
final class AdminException extends RuntimeException {

    private final int status;
    private final List<String> problems;
    private final Map<String, String> headers;

    AdminException(int status, String message) {
        this(status, message, List.of(), Map.of());
    }

    AdminException(int status, String message, List<String> problems, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.problems = List.copyOf(problems);
        this.headers = Map.copyOf(headers);
    }

    static AdminException notFound(String message) {
        return new AdminException(404, message);
    }

    static AdminException badRequest(String message) {
        return new AdminException(400, message);
    }

    static AdminException methodNotAllowed(String method, String path, List<String> allowed) {
        return new AdminException(405, method + " is not allowed on " + path + "; use " + String.join(" or ", allowed),
                List.of(), Map.of("Allow", String.join(", ", allowed)));
    }

    int status() {
        return status;
    }

    List<String> problems() {
        return problems;
    }

    Map<String, String> headers() {
        return headers;
    }
}
