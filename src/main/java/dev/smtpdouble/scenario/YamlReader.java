package dev.smtpdouble.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads values out of a composed YAML node tree and collects every problem with its file, line and
 * column, so that one load reports all mistakes at once.
 */
final class YamlReader {

    private final String source;
    private final Map<Node, String> places;
    private final List<String> problems = new ArrayList<>();

    YamlReader(String source) {
        this(source, Map.of());
    }

    /** @param places where nodes without a position in a file come from, e.g. "rule 2" of a builder */
    YamlReader(String source, Map<Node, String> places) {
        this.source = source;
        this.places = places;
    }

    List<String> problems() {
        return problems;
    }

    void problem(Node node, String message) {
        problems.add(where(node) + message);
    }

    String where(Node node) {
        if (node != null && places.containsKey(node)) {
            return source + ", " + places.get(node) + ": ";
        }
        if (node == null || node.getStartMark() == null) {
            return source + ": ";
        }
        return source + ":" + (node.getStartMark().getLine() + 1) + ":" + (node.getStartMark().getColumn() + 1) + ": ";
    }

    int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** The keys and values of a mapping, complaining about unknown keys (with the nearest known one). */
    Map<String, Node> mapping(Node node, String what, Set<String> known) {
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Node> keyNodes = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            problem(node, what + " must be a mapping of keys to values");
            return entries;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problem(tuple.getKeyNode(), "keys in " + what + " must be plain words");
                continue;
            }
            String name = key.getValue();
            if (!known.contains(name)) {
                String nearest = Spelling.nearest(name, known);
                problem(key, "unknown key " + quotedIfAName(name) + " in " + what
                        + (nearest == null ? "; known keys: " + String.join(", ", known.stream().sorted().toList())
                        : "; did you mean '" + nearest + "'?"));
                continue;
            }
            if (keyNodes.containsKey(name)) {
                problem(key, "duplicate key '" + name + "' in " + what + "; it is already given on line "
                        + line(keyNodes.get(name)));
                continue;
            }
            keyNodes.put(name, key);
            entries.put(name, tuple.getValueNode());
        }
        return entries;
    }

    /**
     * The key in quotes when it could be a key's name; otherwise only its length. A file that is not
     * a scenario at all (a password file, an env file given by mistake) reads as keys, and its lines
     * must not be printed.
     */
    private static String quotedIfAName(String key) {
        boolean wordLike = key.length() <= 40 && key.chars().allMatch(c -> c < 128
                && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ' '));
        return wordLike ? "'" + key + "'" : "(not shown: " + key.length() + " characters, not a key's name)";
    }

    String text(Node node, String key) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problem(node, "'" + key + "' must be a single value");
        return null;
    }

    List<String> texts(Node node, String key) {
        if (node instanceof ScalarNode scalar) {
            return List.of(scalar.getValue());
        }
        if (node instanceof SequenceNode sequence) {
            List<String> values = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                String value = text(item, key);
                if (value != null) {
                    values.add(value);
                }
            }
            return values;
        }
        problem(node, "'" + key + "' must be a value or a list of values");
        return List.of();
    }

    Long integer(Node node, String key, long min, long max) {
        String value = text(node, key);
        if (value == null) {
            return null;
        }
        try {
            long number = Long.parseLong(value.strip().replace("_", ""));
            if (number < min || number > max) {
                problem(node, "'" + key + "' must be between " + min + " and " + max + ": " + number);
                return null;
            }
            return number;
        } catch (NumberFormatException e) {
            problem(node, "'" + key + "' must be a whole number: '" + value + "'");
            return null;
        }
    }

    Boolean bool(Node node, String key) {
        String value = text(node, key);
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.valueOf(value);
        }
        if (value != null) {
            problem(node, "'" + key + "' must be true or false: '" + value + "'");
        }
        return null;
    }

    /** A duration in milliseconds: a number (ms) or text such as {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 5m}. */
    Long duration(Node node, String key, long maxMillis) {
        String value = text(node, key);
        if (value == null) {
            return null;
        }
        Long millis = Durations.parseMillis(value);
        if (millis == null) {
            problem(node, "'" + key + "' must be a duration such as 500ms, 2s, 5m or 2h: '" + value + "'");
            return null;
        }
        if (millis < 0 || millis > maxMillis) {
            problem(node, "'" + key + "' must be between 0 and " + Durations.format(maxMillis) + ": '" + value + "'");
            return null;
        }
        return millis;
    }

    /** A count or a range: {@code 2}, {@code "2-4"}, {@code "3+"}. */
    IntRange range(Node node, String key) {
        String value = text(node, key);
        if (value == null) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.endsWith("+")) {
                return new IntRange(positive(v.substring(0, v.length() - 1)), IntRange.UNBOUNDED);
            }
            int dash = v.indexOf('-', 1);
            if (dash > 0) {
                return new IntRange(positive(v.substring(0, dash)), positive(v.substring(dash + 1)));
            }
            return IntRange.exactly(positive(v));
        } catch (IllegalArgumentException e) {
            problem(node, "'" + key + "' must be a number from 1, a range like \"2-4\", or \"3+\": '" + value + "'");
            return null;
        }
    }

    private static long positive(String text) {
        long value = Long.parseLong(text.strip());
        if (value < 1) {
            throw new IllegalArgumentException("not positive");
        }
        return value;
    }
}
