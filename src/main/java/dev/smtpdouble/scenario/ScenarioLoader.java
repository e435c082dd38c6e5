package dev.smtpdouble.scenario;

import dev.smtpdouble.protocol.SyntaxMode;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Turns scenario YAML into a validated {@link Scenario}. Only the node tree is composed (no object is
 * ever constructed from tags), with limits on size, nesting and aliases, so a hostile file is refused
 * quickly. Every mistake is reported with file, line and column, all at once.
 */
public final class ScenarioLoader {

    /** Files larger than this are refused before parsing. */
    public static final int MAX_CHARS = 256 * 1024;

    static final Set<String> KEYS = new LinkedHashSet<>(List.of("scenario", "description", "seed",
            "initial_state", "server", "rules"));
    static final Set<String> SERVER_KEYS = new LinkedHashSet<>(List.of("hostname", "max_message_size",
            "max_command_line", "max_text_line", "max_recipients", "max_connections", "max_connections_per_client", "idle_timeout",
            "drain_timeout", "syntax", "hide_extensions", "advertise_extensions", "chunking"));

    static {
        SERVER_KEYS.addAll(TlsKeysReader.KEYS);
        SERVER_KEYS.addAll(AuthKeys.SERVER_KEYS);
    }

    private ScenarioLoader() {
    }

    /**
     * @param yamlText the scenario file's text
     * @param source   the file name used in error messages (and as the default scenario name)
     * @throws ScenarioException listing every problem
     */
    public static Scenario parse(String yamlText, String source) {
        if (yamlText.length() > MAX_CHARS) {
            throw new ScenarioException(source + ": the file is larger than " + MAX_CHARS / 1024
                    + " KiB; a scenario is a short list of rules");
        }
        Node root = compose(yamlText, source);
        if (root == null) {
            throw new ScenarioException(source + ": the file is empty; a scenario needs at least one key, e.g. 'rules:'");
        }
        return read(root, new YamlReader(source), defaultName(source));
    }

    /**
     * Reads a composed scenario tree, from a file or from {@link ScenarioBuilder}: one set of checks
     * and messages for both.
     */
    static Scenario read(Node root, YamlReader yaml, String defaultName) {
        Map<String, Node> keys = yaml.mapping(root, "the scenario", KEYS);
        String name = keys.containsKey("scenario") ? yaml.text(keys.get("scenario"), "scenario") : defaultName;
        String description = keys.containsKey("description") ? yaml.text(keys.get("description"), "description") : "";
        Long seed = keys.containsKey("seed") ? yaml.integer(keys.get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE)
                : Long.valueOf(0);
        String initialState = keys.containsKey("initial_state")
                ? yaml.text(keys.get("initial_state"), "initial_state") : Scenario.DEFAULT_STATE;
        Map<String, Node> server = keys.containsKey("server") ? yaml.mapping(keys.get("server"), "server", SERVER_KEYS)
                : Map.of();
        UnaryOperator<Settings> settings = keys.containsKey("server")
                ? server(yaml, keys.get("server"), server) : s -> s;
        ServerStart start = TlsKeysReader.start(yaml, server);
        List<Node> ruleNodes = new ArrayList<>();
        Set<String> entered = new HashSet<>(Set.of(initialState == null ? Scenario.DEFAULT_STATE : initialState));
        List<Rule> rules = rules(yaml, keys.get("rules"), ruleNodes, entered);
        checkStates(yaml, rules, ruleNodes, entered, initialState);
        if (!yaml.problems().isEmpty()) {
            throw new ScenarioException(yaml.problems());
        }
        return new Scenario(name, description == null ? "" : description.strip(), settings, rules, initialState,
                seed == null ? 0 : seed, start);
    }

    /** Where {@code server: {key: ...}} sets each key's value, as {@code file:line:column: }, in one reading. */
    static Map<String, String> serverKeyPlaces(String text, String source) {
        Map<String, String> places = new LinkedHashMap<>();
        YamlReader reader = new YamlReader(source);
        Node server = valueOf(compose(text, source), "server");
        if (server instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode scalar) {
                    places.putIfAbsent(scalar.getValue(), reader.where(tuple.getValueNode()));
                }
            }
        }
        return places;
    }

    private static Node valueOf(Node mapping, String key) {
        if (mapping instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                    return tuple.getValueNode();
                }
            }
        }
        return null;
    }

    private static Node compose(String text, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_CHARS);
        try {
            return new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? source + ": " : source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": ";
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ScenarioException(where + "not valid YAML: " + problem.strip());
        } catch (YAMLException e) {
            throw new ScenarioException(source + ": refused: " + e.getMessage());
        }
    }

    private static String defaultName(String source) {
        String file = source.replaceAll(".*[/\\\\]", "");
        return file.replaceFirst("\\.ya?ml$", "");
    }

    /**
     * The valid rules; {@code nodes} receives the node of each, for later messages, and {@code entered}
     * every state a rule moves to.
     */
    private static List<Rule> rules(YamlReader yaml, Node node, List<Node> nodes, Set<String> entered) {
        List<Rule> rules = new ArrayList<>();
        if (node == null) {
            return rules;
        }
        if (!(node instanceof SequenceNode sequence)) {
            yaml.problem(node, "'rules' must be a list of rules (each starting with '- on: ...')");
            return rules;
        }
        RuleReader reader = new RuleReader(yaml);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            Rule rule = reader.read(sequence.getValue().get(i), i);
            if (rule != null) {
                if (!names.add(rule.name())) {
                    yaml.problem(sequence.getValue().get(i), "two rules are named '" + rule.name()
                            + "'; names must be unique");
                }
                rules.add(rule);
                nodes.add(sequence.getValue().get(i));
            }
        }
        entered.addAll(reader.enteredStates());
        return rules;
    }

    /** A state a rule waits for must be the initial state or one some rule moves to. */
    private static void checkStates(YamlReader yaml, List<Rule> rules, List<Node> ruleNodes, Set<String> entered,
                                    String initialState) {
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            String state = rule.match().state();
            if (state != null && !entered.contains(state)) {
                yaml.problem(ruleNodes.get(i), "this rule waits for state '" + state
                        + "', but no rule enters it (set_state) and it is not the initial state '" + initialState + "'");
            }
        }
    }

    private static UnaryOperator<Settings> server(YamlReader yaml, Node node, Map<String, Node> keys) {
        List<UnaryOperator<Settings>> changes = new ArrayList<>();
        if (keys.containsKey("hostname")) {
            String hostname = yaml.text(keys.get("hostname"), "hostname");
            if (hostname != null && (hostname.isBlank() || hostname.chars().anyMatch(c -> c <= ' '))) {
                yaml.problem(keys.get("hostname"), "'hostname' must be one word without spaces");
            } else if (hostname != null) {
                changes.add(s -> s.withHostname(hostname));
            }
        }
        Long size = number(yaml, keys, "max_message_size", 1, Long.MAX_VALUE / 2);
        Long command = number(yaml, keys, "max_command_line", 64, 1 << 20);
        Long text = number(yaml, keys, "max_text_line", 64, 1 << 20);
        Long recipients = number(yaml, keys, "max_recipients", 1, 1_000_000);
        Long connections = number(yaml, keys, "max_connections", 1, 1_000_000);
        Long perClient = number(yaml, keys, "max_connections_per_client", 0, 1_000_000);
        Long idle = keys.containsKey("idle_timeout")
                ? yaml.duration(keys.get("idle_timeout"), "idle_timeout", 86_400_000) : null;
        Long drain = keys.containsKey("drain_timeout")
                ? yaml.duration(keys.get("drain_timeout"), "drain_timeout", 60_000) : null;
        if (idle != null && idle == 0) {
            yaml.problem(keys.get("idle_timeout"), "'idle_timeout' must be more than 0");
            idle = null;
        }
        if (size != null) changes.add(withValue(size, (s, v) -> s.withMaxMessageSize(v)));
        if (command != null) changes.add(withValue(command, (s, v) -> s.withMaxCommandLine(v.intValue())));
        if (text != null) changes.add(withValue(text, (s, v) -> s.withMaxTextLine(v.intValue())));
        if (recipients != null) changes.add(withValue(recipients, (s, v) -> s.withMaxRecipients(v.intValue())));
        if (connections != null) changes.add(withValue(connections, (s, v) -> s.withMaxConnections(v.intValue())));
        if (perClient != null) {
            changes.add(withValue(perClient, (s, v) -> s.withMaxConnectionsPerClient(v.intValue())));
        }
        if (idle != null) changes.add(withValue(idle, (s, v) -> s.withIdleTimeout(Duration.ofMillis(v))));
        if (drain != null) changes.add(withValue(drain, (s, v) -> s.withDrainTimeout(Duration.ofMillis(v))));
        if (keys.containsKey("syntax")) {
            String mode = yaml.text(keys.get("syntax"), "syntax");
            if ("lenient".equals(mode) || "strict".equals(mode) || "postfix".equals(mode) || "exim".equals(mode)) {
                SyntaxMode syntax = SyntaxMode.valueOf(mode.toUpperCase(Locale.ROOT));
                changes.add(s -> s.withSyntax(syntax));
            } else if (mode != null) {
                yaml.problem(keys.get("syntax"), "'syntax' must be lenient, strict, postfix or exim: '" + mode + "'");
            }
        }
        if (keys.containsKey("hide_extensions") || keys.containsKey("advertise_extensions")) {
            List<String> hide = keys.containsKey("hide_extensions")
                    ? yaml.texts(keys.get("hide_extensions"), "hide_extensions") : List.of();
            List<String> add = keys.containsKey("advertise_extensions")
                    ? yaml.texts(keys.get("advertise_extensions"), "advertise_extensions") : List.of();
            for (String line : add) {
                if (line.isBlank() || line.chars().anyMatch(c -> c < ' ' || c == 127)) {
                    yaml.problem(keys.get("advertise_extensions"), "an EHLO line must be printable text on one line: '"
                            + line.replace("\r", "\\r").replace("\n", "\\n") + "'");
                }
            }
            changes.add(s -> s.withExtensions(hide, add));
        }
        if (keys.containsKey("chunking")) {
            Chunking chunking = chunking(yaml, keys.get("chunking"));
            if (chunking != null) {
                changes.add(s -> s.withChunking(chunking));
            }
        }
        UnaryOperator<Settings> tls = TlsKeysReader.read(yaml, keys);
        if (tls != null) {
            changes.add(tls);
        }
        if (AuthKeys.SERVER_KEYS.stream().anyMatch(keys::containsKey)) {
            var auth = AuthKeys.server(yaml, keys);
            changes.add(s -> s.withAuth(auth.apply(s.auth())));
        }
        UnaryOperator<Settings> all = settings -> {
            Settings result = settings;
            for (UnaryOperator<Settings> change : changes) {
                result = change.apply(result);
            }
            return result;
        };
        try {
            all.apply(Settings.DEFAULTS); // a value the settings refuse fails here, at load, not at start
        } catch (IllegalArgumentException e) {
            yaml.problem(node, "server: " + e.getMessage());
        }
        return all;
    }

    /** {@code chunking: true} offers BDAT, {@code binarymime} BDAT and BINARYMIME, {@code false} neither. */
    private static Chunking chunking(YamlReader yaml, Node node) {
        String value = yaml.text(node, "chunking");
        if (value == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Chunking.ON;
            case "false" -> Chunking.OFF;
            case "binarymime" -> Chunking.BINARYMIME;
            default -> {
                yaml.problem(node, "'chunking' must be true, false or binarymime: '" + value + "'");
                yield null;
            }
        };
    }

    private static Long number(YamlReader yaml, Map<String, Node> keys, String key, long min, long max) {
        return keys.containsKey(key) ? yaml.integer(keys.get(key), key, min, max) : null;
    }

    private static UnaryOperator<Settings> withValue(Long value, java.util.function.BiFunction<Settings, Long, Settings> f) {
        return s -> f.apply(s, value);
    }
}
