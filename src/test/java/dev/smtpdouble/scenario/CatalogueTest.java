package dev.smtpdouble.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smtpdouble.protocol.SyntaxMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/** The shipped catalogue and its JSON Schema agree with each other and with the loader. */
class CatalogueTest {

    private static final Path DIRECTORY = Path.of("scenarios");
    private static final String SCHEMA_LINE = "# yaml-language-server: $schema=./scenario.schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode schema;

    @BeforeAll
    static void readSchema() throws IOException {
        schema = JSON.readTree(DIRECTORY.resolve("scenario.schema.json").toFile());
    }

    static Stream<String> catalogue() {
        return Scenarios.CATALOGUE.stream();
    }

    private static List<String> yamlFilesOnDisk() throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".yaml"))
                    .map(name -> name.substring(0, name.length() - ".yaml".length())).sorted().toList();
        }
    }

    /** Reads YAML as an editor does (YAML 1.2 core schema): {@code on} is a word, not the boolean true. */
    private static JsonNode asJson(String yaml) {
        LoaderOptions options = new LoaderOptions();
        Object document = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()),
                new DumperOptions(), options, new CoreSchemaResolver()).load(yaml);
        return JSON.valueToTree(document);
    }

    private static final class CoreSchemaResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(Tag.INT, Pattern.compile("^[-+]?[0-9]+$"), "-+0123456789");
            addImplicitResolver(Tag.FLOAT, Pattern.compile("^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
                    "-+.0123456789");
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL|)$"), "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theCatalogueIsExactlyTheYamlFilesInTheScenariosDirectory() throws IOException {
        assertThat(Scenarios.CATALOGUE).doesNotHaveDuplicates();
        assertThat(Scenarios.CATALOGUE.stream().sorted().toList()).isEqualTo(yamlFilesOnDisk());
    }

    @Test
    void theCatalogueHasTheNamesTheProjectPromises() {
        assertThat(Scenarios.CATALOGUE).containsExactlyInAnyOrder("accept-all", "greeting-421",
                "greeting-421-then-accept", "too-many-connections", "ehlo-421", "shutdown-at-mail",
                "shutdown-at-second-rcpt", "shutdown-at-data", "shutdown-mid-data", "shutdown-mid-data-abrupt",
                "shutdown-after-data",
                "idle-421", "sender-501", "recipient-501", "second-recipient-501", "strict-syntax", "greylist",
                "reset-at-mail", "stored-then-reset", "hang-at-data", "slow-greeting", "starttls-refused",
                "starttls-not-offered", "starttls-reset", "starttls-close", "starttls-hang", "starttls-alert",
                "starttls-injection", "tls-old-version-421", "tls13-only", "certificate-self-signed",
                "certificate-expired", "certificate-not-yet-valid", "certificate-wrong-host", "certificate-untrusted-ca",
                "auth-required", "auth-535", "auth-535-then-accept", "auth-454", "auth-534-app-password",
                "auth-538-encryption-required", "auth-432-password-transition", "auth-535-tenant-disabled",
                "gmail", "exchange-online", "amazon-ses", "postfix-postgrey", "exim");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void everyFileLoadsReferencesTheSchemaAndDescribesItself(String name) {
        Path file = DIRECTORY.resolve(name + ".yaml");
        String text = read(file);

        assertThat(text.lines().findFirst()).hasValue(SCHEMA_LINE);
        Scenario fromFile = Scenarios.fromFile(file);
        Scenario byName = Scenarios.load(name);
        assertThat(fromFile.name()).isEqualTo(name);
        assertThat(byName.name()).isEqualTo(name);
        // as text: a regular expression (argument, helo, tls_version) has no equals of its own
        assertThat(byName.rules()).as("the jar holds the same file").hasToString(fromFile.rules().toString());
        assertThat(fromFile.description()).as("what real-world situation it emulates").hasSizeGreaterThan(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void everyFileIsValidAgainstTheSchema(String name) {
        JsonNode document = asJson(read(DIRECTORY.resolve(name + ".yaml")));

        assertThat(new SchemaCheck(schema).violations(document)).isEmpty();
    }

    @Test
    void aFileUsingEveryKeyIsValidForTheLoaderAndTheSchema() {
        String yaml = """
                scenario: everything
                description: Every key once.
                seed: 7
                initial_state: calm
                server:
                  hostname: mx.example.test
                  max_message_size: 2048
                  max_command_line: 1024
                  max_text_line: 2000
                  max_recipients: 7
                  max_connections: 3
                  idle_timeout: 90s
                  drain_timeout: 250
                  syntax: strict
                  hide_extensions: [PIPELINING]
                  advertise_extensions: AUTH PLAIN
                rules:
                  - name: one
                    on: mail
                    connection: 2-4
                    occurrence: 3+
                    transaction: 1
                    argument: '@blocked'
                    malformed: false
                    parameter: SIZE
                    helo: '^bad'
                    state: calm
                    probability: 0.5
                    reply: [501 5.1.7 Bad sender, address syntax]
                    action: close
                    delay: 1.5s
                    set_state: stormy
                    times: 2
                  - name: two
                    on: rcpt
                    occurrence_in_transaction: 2
                    state: stormy
                    reply: 451 4.7.1 Later
                  - name: three
                    on: content
                    after_bytes: 1024
                    action: reset
                  - name: four
                    on: idle
                    after: 1s
                    reply: 421 4.4.2 Timeout exceeded
                  - name: five
                    on: mail
                    limit: {count: messages, max: 30, per: 1m, window: fixed, key: [sender_domain, client_ip]}
                    reply: 450 4.7.1 {count} of {max} from {key}, retry in {seconds} s
                  - name: six
                    on: connect
                    limit: {count: concurrent_connections, max: 2, key: client_network}
                  - name: seven
                    on: rcpt
                    greylist: {key: [client_ip, recipient], min_delay: 5m, retain: 35d, retry_window: 2d, max_attempts: 3}
                """;

        Scenarios.fromYaml(yaml, "everything.yaml");
        assertThat(new SchemaCheck(schema).violations(asJson(yaml))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "rules: [{on: mail, repy: 250 Ok}]",
        "rules: [{on: mial}]",
        "rules: [{reply: 250 Ok}]",
        "rules: [{on: mail, reply: 42 Later}]",
        "rules: [{on: mail, probability: 1.5}]",
        "rules: [{on: mail, action: clsoe}]",
        "rules: [{on: rcpt, times: 0}]",
        "rules: [{on: connect, connection: 0}]",
        "rules: [{on: mail, delay: 2w}]",
        "rules: [{on: mail, limit: {count: mails, max: 3, per: 1m}}]",
        "rules: [{on: mail, limit: {count: messages, per: 1m}}]",
        "rules: [{on: mail, limit: {count: messages, max: 3, per: 1m, key: recipent}}]",
        "rules: [{on: rcpt, greylist: {min_delay: soon}}]",
        "rules: [{on: rcpt, greylist: {max_attempts: 1}}]",
        "server: {syntax: loose}",
        "server: {max_conections: 2}",
        "scenaro: x",
    })
    void mistakesTheLoaderRefusesAreAlsoSchemaViolations(String yaml) {
        assertThat(new SchemaCheck(schema).violations(asJson(yaml))).isNotEmpty();
        assertThatThrownBy(() -> Scenarios.fromYaml(yaml, "x.yaml"))
                .isInstanceOf(ScenarioException.class);
    }

    @Test
    void theSchemaNamesExactlyTheKeysTheLoaderKnows() {
        assertThat(names(schema.path("properties"))).isEqualTo(new ArrayList<>(ScenarioLoader.KEYS));
        assertThat(names(schema.path("properties").path("server").path("properties")))
                .isEqualTo(new ArrayList<>(ScenarioLoader.SERVER_KEYS));
        assertThat(names(schema.path("$defs").path("rule").path("properties")))
                .isEqualTo(new ArrayList<>(RuleReader.KEYS));
    }

    @Test
    void theSchemaListsEveryTriggerAndAction() {
        JsonNode rule = schema.path("$defs").path("rule").path("properties");

        assertThat(texts(rule.path("on").path("enum")))
                .isEqualTo(Arrays.stream(Trigger.values()).map(Trigger::yamlName).toList());
        assertThat(texts(rule.path("action").path("enum"))).containsExactly("reply", "close", "close_now", "reset",
                "hang");
        assertThat(texts(rule.path("handshake").path("enum"))).containsExactly("reset", "close", "hang", "alert");
        assertThat(texts(schema.path("properties").path("server").path("properties").path("syntax").path("enum")))
                .isEqualTo(Arrays.stream(SyntaxMode.values()).map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
