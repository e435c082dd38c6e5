package dev.smtpdouble.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One HTTP request to the admin API and its answer: path segments, query, body, JSON and raw replies. */
final class AdminExchange {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final HttpExchange exchange;
    private final List<String> segments;
    private final Map<String, String> query;

    AdminExchange(HttpExchange exchange) {
        this.exchange = exchange;
        this.segments = segments(exchange.getRequestURI().getRawPath());
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path() {
        return exchange.getRequestURI().getRawPath();
    }

    List<String> segments() {
        return segments;
    }

    String query(String name) {
        return query.get(name);
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The body as UTF-8 text, refused when larger than {@code limit} bytes or not valid UTF-8. */
    String bodyText(int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = AdminThreads.timed(exchange.getRequestBody())) {
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0 && total <= DRAIN_LIMIT; ) {
                total += n;
                if (total <= limit) {
                    out.write(buffer, 0, n);
                }
            }
            if (total > limit) {
                // read to the end (within reason) first: closing on unread data would reset the connection
                // before the client could read the answer
                throw new AdminException(413, "the body is larger than " + limit / 1024 + " KiB");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw AdminException.badRequest("the body is not valid UTF-8 text");
        }
    }

    void json(int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        send(status, "application/json; charset=utf-8", bytes);
    }

    /** What writes a JSON answer piece by piece. */
    @FunctionalInterface
    interface JsonWriter {
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * A JSON answer written as it is produced, in chunks: its size is not bounded by memory. A
     * failure half-way cannot change the status any more; the client sees a cut-off body.
     */
    void jsonStream(int status, JsonWriter writer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if ("HEAD".equals(method())) {
            sendHeaders(status, -1);
            return;
        }
        sendHeaders(status, 0);
        try (OutputStream body = new BufferedOutputStream(AdminThreads.timed(exchange.getResponseBody()), 16 * 1024);
             JsonGenerator json = JSON.getFactory().createGenerator(body)) {
            json.setCodec(JSON);
            json.useDefaultPrettyPrinter();
            writer.write(json);
        }
    }

    void bytes(int status, String contentType, byte[] body) throws IOException {
        send(status, contentType, body);
    }

    void error(AdminException error) throws IOException {
        error.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", error.status());
        body.put("error", error.getMessage());
        if (!error.problems().isEmpty()) {
            body.put("problems", error.problems());
        }
        json(error.status(), body);
    }

    void header(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    private void send(int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(method());
        sendHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = AdminThreads.timed(exchange.getResponseBody())) {
                out.write(body);
            }
        }
    }

    private void sendHeaders(int status, long length) throws IOException {
        AdminThreads.io(() -> {
            exchange.sendResponseHeaders(status, length);
            return 0;
        });
    }

    /** Ends the exchange: reads what is left of the request body (within a limit) so that the connection can go on. */
    void close() throws IOException {
        AdminThreads.io(() -> {
            exchange.close();
            return 0;
        });
    }

    private static List<String> segments(String rawPath) {
        List<String> result = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                result.add(decode(part));
            }
        }
        return List.copyOf(result);
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> result = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.putIfAbsent(name, value);
        }
        return result;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("malformed percent-encoding in '" + text + "'");
        }
    }
}
