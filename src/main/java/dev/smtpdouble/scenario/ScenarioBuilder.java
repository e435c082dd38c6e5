package dev.smtpdouble.scenario;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A scenario written in Java. {@link #build()} runs the loader's checks on it — the same messages as
 * for a file, placed by rule instead of line — and returns the same immutable {@link Scenario}:
 * <pre>{@code
 * Scenario scenario = ScenarioBuilder.named("flaky-relay")
 *         .seed(42)
 *         .rule(Rules.on(Trigger.CONNECT).connection(1).reply("421 4.3.2 Service not available, closing transmission channel"))
 *         .rule(Rules.on(Trigger.RCPT).occurrenceInTransaction(2).reply("421 4.3.2 System shutting down"))
 *         .build();
 * }</pre>
 */
public final class ScenarioBuilder {

    private final String name;
    private String description = "";
    private long seed;
    private String initialState = Scenario.DEFAULT_STATE;
    private UnaryOperator<Settings> settings = s -> s;
    private final List<RuleBuilder> rules = new ArrayList<>();

    private ScenarioBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public static ScenarioBuilder named(String name) {
        return new ScenarioBuilder(name);
    }

    public ScenarioBuilder description(String value) {
        description = Objects.requireNonNull(value, "description");
        return this;
    }

    /** The seed of the {@code probability} draws. */
    public ScenarioBuilder seed(long value) {
        seed = value;
        return this;
    }

    /** The state a fresh or reset scenario starts in (default {@code start}). */
    public ScenarioBuilder initialState(String value) {
        initialState = Objects.requireNonNull(value, "initialState");
        return this;
    }

    /** Server settings the scenario changes, e.g. {@code s -> s.withMaxRecipients(10)}; applied in order. */
    public ScenarioBuilder settings(UnaryOperator<Settings> change) {
        UnaryOperator<Settings> before = settings;
        Objects.requireNonNull(change, "change");
        settings = s -> change.apply(before.apply(s));
        return this;
    }

    /** Adds a rule after those added before: the first matching rule acts. */
    public ScenarioBuilder rule(RuleBuilder rule) {
        rules.add(Objects.requireNonNull(rule, "rule"));
        return this;
    }

    /** @throws ScenarioException listing every problem, each naming its rule */
    public Scenario build() {
        Map<Node, String> places = new IdentityHashMap<>();
        List<Node> ruleNodes = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            ruleNodes.add(ruleNode(rules.get(i).keys(), "rule " + (i + 1), places));
        }
        List<NodeTuple> top = new ArrayList<>();
        top.add(tuple("scenario", scalar(name)));
        top.add(tuple("description", scalar(description)));
        top.add(tuple("seed", scalar(Long.toString(seed))));
        top.add(tuple("initial_state", scalar(initialState)));
        top.add(tuple("rules", new SequenceNode(Tag.SEQ, ruleNodes, DumperOptions.FlowStyle.BLOCK)));
        String source = "scenario '" + name + "'";
        Scenario read = ScenarioLoader.read(new MappingNode(Tag.MAP, top, DumperOptions.FlowStyle.BLOCK),
                new YamlReader(source, places), name);
        UnaryOperator<Settings> change = settings;
        try {
            change.apply(Settings.DEFAULTS); // a value the settings refuse fails here, not when a server starts
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(source + ": settings: " + e.getMessage());
        }
        return new Scenario(read.name(), read.description(), change, read.rules(), read.initialState(), read.seed());
    }

    /** A mapping of texts, lists of texts and mappings, each node placed at the rule for messages. */
    private static Node ruleNode(Map<String, Object> keys, String place, Map<Node, String> places) {
        List<NodeTuple> tuples = new ArrayList<>();
        keys.forEach((key, value) -> tuples.add(tuple(key, node(value, place, places))));
        MappingNode mapping = new MappingNode(Tag.MAP, tuples, DumperOptions.FlowStyle.BLOCK);
        places.put(mapping, place);
        return mapping;
    }

    @SuppressWarnings("unchecked")
    private static Node node(Object value, String place, Map<Node, String> places) {
        Node node;
        if (value instanceof Map<?, ?> mapping) {
            return ruleNode((Map<String, Object>) mapping, place, places);
        } else if (value instanceof List<?> items) {
            node = new SequenceNode(Tag.SEQ, items.stream().map(item -> node(item, place, places)).toList(),
                    DumperOptions.FlowStyle.BLOCK);
        } else {
            node = scalar((String) value);
        }
        places.put(node, place);
        return node;
    }

    private static NodeTuple tuple(String key, Node value) {
        return new NodeTuple(scalar(key), value);
    }

    private static ScalarNode scalar(String value) {
        return new ScalarNode(Tag.STR, value, null, null, DumperOptions.ScalarStyle.PLAIN);
    }
}
