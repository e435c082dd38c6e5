package dev.smtpdouble.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP API over one or more {@link SmtpDouble} listeners.
 *
 * <pre>{@code
 * try (AdminServer admin = AdminServer.builder().listener(smtp).port(0).start()) {
 *     // GET http://127.0.0.1:{admin.port()}/journal
 * }
 * }</pre>
 *
 * With a token, every request but {@code GET /health} needs {@code Authorization: Bearer TOKEN}. Each
 * request has its own thread, up to 64 at once; a client that keeps a
 * read or write waiting 10 s is disconnected, so stalled clients cannot hold the API.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final HttpServer http;
    private final AdminThreads threads;
    private final AdminRoutes routes;
    private final byte[] token;

    private AdminServer(Builder builder) {
        this.routes = new AdminRoutes(builder.listeners, builder.byName);
        this.token = builder.token == null ? null : builder.token.getBytes(StandardCharsets.UTF_8);
        try {
            this.http = HttpServer.create(new InetSocketAddress(builder.host, builder.port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + builder.host + ":" + builder.port + " for the admin API: "
                    + e.getMessage(), e);
        }
        this.threads = new AdminThreads(builder.clientTimeout);
        http.setExecutor(threads);
        http.createContext("/", this::handle);
        http.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return http.getAddress().getAddress().getHostAddress();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** From now on {@code GET /health} answers 503: the process is shutting down. */
    public void stopping() {
        routes.stopping();
    }

    @Override
    public void close() {
        routes.stopping();
        http.stop(0);
        threads.close();
    }

    private void handle(HttpExchange http) throws IOException {
        AdminThreads.handling();
        AdminExchange exchange = new AdminExchange(http);
        try {
            try {
                authorize(exchange);
                routes.handle(exchange);
            } catch (AdminException e) {
                exchange.error(e);
            } catch (RuntimeException e) {
                LOG.warn("admin request {} {} failed", exchange.method(), exchange.path(), e);
                exchange.error(new AdminException(500, "internal error: " + e));
            }
            exchange.close();
        } catch (IOException e) {
            LOG.debug("admin client went away during {} {}: {}", exchange.method(), exchange.path(), e.toString());
            // the JDK server closes and forgets the connection only when the handler throws; kept back,
            // each such client left its socket and buffers behind for good
            throw e;
        }
    }

    private void authorize(AdminExchange exchange) {
        if (token == null || exchange.segments().equals(List.of("health"))) {
            return;
        }
        String header = exchange.header("Authorization");
        String scheme = "Bearer ";
        boolean bearer = header != null && header.regionMatches(true, 0, scheme, 0, scheme.length());
        byte[] given = bearer ? header.substring(scheme.length()).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(given, token)) {
            String message = header == null ? "this admin API needs 'Authorization: Bearer TOKEN'"
                    : "the bearer token is wrong";
            throw new AdminException(401, message, List.of(), Map.of("WWW-Authenticate", "Bearer realm=\"smtp-double\""));
        }
    }

    /** Configures and starts the admin API. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8025;
        private final List<SmtpDouble> listeners = new ArrayList<>();
        private String token;
        private Function<String, Scenario> byName = new ScenarioDirectory(null)::byName;
        private Duration clientTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** The address to listen on; default 127.0.0.1. */
        public Builder host(String value) {
            host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** The port; default 8025, 0 for a free one. */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be 0-65535: " + value);
            }
            port = value;
            return this;
        }

        /** Adds a listener; the first added answers the endpoints without a port. */
        public Builder listener(SmtpDouble smtp) {
            listeners.add(Objects.requireNonNull(smtp, "smtp"));
            return this;
        }

        public Builder listeners(List<SmtpDouble> smtps) {
            smtps.forEach(this::listener);
            return this;
        }

        /** Requires {@code Authorization: Bearer TOKEN}; null or blank for none. */
        public Builder token(String value) {
            token = value == null || value.isBlank() ? null : value.strip();
            return this;
        }

        /** How {@code PUT /scenario?name=NAME} finds a scenario; default: the built-in catalogue. */
        public Builder scenariosByName(Function<String, Scenario> value) {
            byName = Objects.requireNonNull(value, "byName");
            return this;
        }

        /** How long one read or write may wait for a client before its connection is closed; default 10 s. */
        Builder clientTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the client timeout must be positive: " + value);
            }
            clientTimeout = value;
            return this;
        }

        /**
         * Binds and starts serving.
         *
         * @throws UncheckedIOException when the address cannot be bound
         */
        public AdminServer start() {
            if (listeners.isEmpty()) {
                throw new IllegalStateException("the admin API needs at least one SMTP listener");
            }
            for (int i = 0; i < listeners.size(); i++) {
                for (int j = i + 1; j < listeners.size(); j++) {
                    if (listeners.get(i).port() == listeners.get(j).port()) {
                        throw new IllegalStateException("two listeners on port " + listeners.get(i).port());
                    }
                }
            }
            return new AdminServer(this);
        }
    }
}
