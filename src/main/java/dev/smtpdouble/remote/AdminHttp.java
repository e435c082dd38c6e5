package dev.smtpdouble.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Requests to one listener of an admin API: paths under {@code /listeners/PORT} (or the first
 * listener's), the bearer token, JSON answers, and errors that carry the server's own message.
 */
final class AdminHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final URI base;
    private final String prefix;
    private final String token;
    private final Duration timeout;

    AdminHttp(URI base, Integer listener, String token, Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        String root = base.toString().replaceFirst("/+$", "");
        this.base = URI.create(root);
        this.prefix = listener == null ? "" : "/listeners/" + listener;
        this.token = token;
        this.timeout = timeout;
    }

    URI base() {
        return base;
    }

    JsonNode json(String method, String path) {
        return json(method, path, null);
    }

    /** A request to the listener's {@code path}; {@code body} (YAML) or none. */
    JsonNode json(String method, String path, String body) {
        HttpResponse<byte[]> response = send(method, listenerPath(path), body);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + response.uri() + " did not answer JSON: " + e.getMessage(), e);
        }
    }

    /** The bytes at {@code path}, a path the server gave (already under its listener). */
    byte[] bytes(String path) {
        return send("GET", path, null).body();
    }

    /** The status of {@code GET /health}, which needs no token; -1 when nothing answers. */
    int health() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/health")).timeout(timeout).GET().build();
            return client.send(request, BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String listenerPath(String path) {
        return prefix + path;
    }

    private HttpResponse<byte[]> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + base + path + " was interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw AdminApiException.of(method + " " + base + path, response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8));
        }
        return response;
    }
}
