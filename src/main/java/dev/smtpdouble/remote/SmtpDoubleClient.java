package dev.smtpdouble.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smtpdouble.SmtpDoubleControl;
import dev.smtpdouble.journal.JournalReader;
import dev.smtpdouble.scenario.ScenarioException;
import dev.smtpdouble.scenario.Scenarios;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An smtp-double elsewhere (a container, another process), driven through its admin API: the same
 * {@link SmtpDoubleControl} as an embedded server, so a test and its {@code SmtpAssertions} do not
 * care where the server runs.
 *
 * <pre>{@code
 * SmtpDoubleClient smtp = SmtpDoubleClient.builder(URI.create("http://localhost:8025"))
 *         .smtp("localhost", 2525).build();
 * smtp.useScenario("greylist");
 * // ... the application sends mail to smtp.host():smtp.port() ...
 * SmtpAssertions.assertThat(smtp).awaitMessages(1).onlyMessage().hasSubject("Welcome");
 * }</pre>
 *
 * <p>One client speaks to one SMTP listener of the server (the first, unless {@link Builder#listener(int)}
 * names another). Requests that fail throw {@link AdminApiException} with the server's message, or
 * {@link java.io.UncheckedIOException} when nothing answers.
 */
public final class SmtpDoubleClient implements SmtpDoubleControl {

    private final AdminHttp http;
    private final RemoteJournal journal;
    private final String smtpHost;
    private final int smtpPort;
    private volatile String scenarioYaml;

    private SmtpDoubleClient(Builder builder) {
        this.http = new AdminHttp(builder.admin, builder.listener, builder.token, builder.timeout);
        this.journal = new RemoteJournal(http);
        this.smtpHost = builder.smtpHost != null ? builder.smtpHost : builder.admin.getHost();
        this.smtpPort = builder.smtpPort > 0 ? builder.smtpPort : builder.listener != null ? builder.listener : 2525;
        this.scenarioYaml = builder.scenarioYaml;
    }

    /** @param admin the admin API's address, e.g. {@code http://localhost:8025} */
    public static Builder builder(URI admin) {
        return new Builder(admin);
    }

    @Override
    public String host() {
        return smtpHost;
    }

    @Override
    public int port() {
        return smtpPort;
    }

    /** The admin API this client speaks to. */
    public URI admin() {
        return http.base();
    }

    @Override
    public JournalReader journal() {
        return journal;
    }

    /**
     * Loads the scenario here, as {@link dev.smtpdouble.scenario.Scenarios#load(String)} does (so a
     * scenario of the test's classpath works, and a mistake is reported with file, line and column
     * before anything is sent), and sends its YAML. A bare name found nowhere here is looked up by the
     * server (its scenario folder, e.g. one mounted on {@code /scenarios}).
     */
    @Override
    public void useScenario(String reference) {
        Scenarios.Source source;
        try {
            source = Scenarios.source(reference);
        } catch (ScenarioException notHere) {
            if (!reference.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw notHere;
            }
            useScenarioNamed(reference);
            return;
        }
        Scenarios.fromYaml(source.yaml(), source.origin());
        useScenarioYaml(source.yaml());
    }

    /** {@code PUT /scenario?name=NAME}: the server finds it in its scenario folder or its catalogue. */
    public void useScenarioNamed(String name) {
        put("/scenario?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), null);
        scenarioYaml = null;
    }

    /** {@code PUT /scenario} with the YAML: validated by the server, then in force with fresh counters. */
    public void useScenarioYaml(String yaml) {
        put("/scenario", Objects.requireNonNull(yaml, "yaml"));
        scenarioYaml = yaml;
    }

    /** The YAML this client last put in force, or null when it did not (or did so by name). */
    public String scenarioYaml() {
        return scenarioYaml;
    }

    @Override
    public void resetScenario() {
        http.json("POST", "/scenario/reset");
    }

    @Override
    public void reset() {
        http.json("POST", "/reset");
    }

    /** {@code DELETE /journal}: forgets every session and message, keeps the scenario's counters. */
    public void clearJournal() {
        http.json("DELETE", "/journal");
    }

    @Override
    public String scenarioName() {
        return scenario().path("name").asText();
    }

    @Override
    public Map<String, Integer> ruleFirings() {
        Map<String, Integer> firings = new LinkedHashMap<>();
        scenario().path("ruleFirings").fields().forEachRemaining(f -> firings.put(f.getKey(), f.getValue().asInt()));
        return firings;
    }

    @Override
    public List<String> unfiredRules() {
        List<String> unfired = new ArrayList<>();
        scenario().path("unfiredRules").forEach(rule -> unfired.add(rule.asText()));
        return unfired;
    }

    /** Whether {@code GET /health} answers 200: every listener accepts, and the server is not stopping. */
    public boolean isHealthy() {
        return http.health() == 200;
    }

    private JsonNode scenario() {
        return http.json("GET", "/scenario");
    }

    private void put(String path, String yaml) {
        try {
            http.json("PUT", path, yaml);
        } catch (AdminApiException e) {
            if (e.status() == 400 && !e.problems().isEmpty()) {
                throw new ScenarioException(e.problems());
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return "SmtpDoubleClient[" + smtpHost + ":" + smtpPort + ", admin " + http.base() + "]";
    }

    /** Where the server is and how to reach it. */
    public static final class Builder {
        private final URI admin;
        private Integer listener;
        private String token;
        private String smtpHost;
        private int smtpPort;
        private Duration timeout = Duration.ofSeconds(30);
        private String scenarioYaml;

        private Builder(URI admin) {
            this.admin = Objects.requireNonNull(admin, "admin");
            if (admin.getHost() == null || !"http".equals(admin.getScheme())) {
                throw new IllegalArgumentException("the admin API's address is http://HOST:PORT: " + admin);
            }
        }

        /** The SMTP listener to address, by the port the server listens on (inside its container). */
        public Builder listener(int serverPort) {
            listener = serverPort;
            return this;
        }

        /** Sent as {@code Authorization: Bearer TOKEN} (the server's {@code SMTP_DOUBLE_ADMIN_TOKEN}). */
        public Builder token(String value) {
            token = value == null || value.isBlank() ? null : value.strip();
            return this;
        }

        /** Where clients reach that listener, e.g. the host and mapped port of a container. */
        public Builder smtp(String host, int port) {
            smtpHost = Objects.requireNonNull(host, "host");
            smtpPort = port;
            return this;
        }

        /** How long one request may take; default 30 s. */
        public Builder timeout(Duration value) {
            timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /** The YAML of the scenario the server was started with, when known (for {@link SmtpDoubleClient#scenarioYaml()}). */
        public Builder startedWith(String yaml) {
            scenarioYaml = yaml;
            return this;
        }

        public SmtpDoubleClient build() {
            return new SmtpDoubleClient(this);
        }
    }
}
