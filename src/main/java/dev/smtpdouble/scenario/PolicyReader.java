package dev.smtpdouble.scenario;

import dev.smtpdouble.protocol.Replies;
import dev.smtpdouble.protocol.Reply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Reads and checks the keyed conditions of a rule: {@code limit} and {@code greylist}. */
final class PolicyReader {

    static final Set<String> LIMIT_KEYS = new LinkedHashSet<>(List.of("count", "max", "per", "window", "key"));
    static final Set<String> GREYLIST_KEYS = new LinkedHashSet<>(List.of("key", "min_delay", "retain",
            "retry_window", "max_attempts"));

    private static final long MAX_WINDOW = 30L * 86_400_000;
    private static final long MAX_RETAIN = 365L * 86_400_000;
    private static final Set<KeyPart> PER_CONNECTION = EnumSet.of(KeyPart.CLIENT_IP, KeyPart.CLIENT_NETWORK,
            KeyPart.HELO, KeyPart.SENDER, KeyPart.SENDER_DOMAIN, KeyPart.USER, KeyPart.SERVER);

    private final YamlReader yaml;

    PolicyReader(YamlReader yaml) {
        this.yaml = yaml;
    }

    /** @return the limit, or null when absent or wrong (a problem is recorded) */
    Limit limit(Node node, Trigger on) {
        Map<String, Node> keys = yaml.mapping(node, "limit", LIMIT_KEYS);
        if (!(node instanceof MappingNode)) {
            return null; // said already
        }
        Limit.Counted counted = counted(keys.get("count"), node);
        Long max = keys.containsKey("max") ? yaml.integer(keys.get("max"), "max", 1, 1_000_000) : null;
        if (!keys.containsKey("max")) {
            yaml.problem(node, "a limit needs 'max', e.g. max: 30");
        }
        List<KeyPart> key = key(keys.get("key"), List.of(KeyPart.CLIENT_IP), on);
        boolean concurrent = counted == Limit.Counted.CONCURRENT_CONNECTIONS;
        Long per = keys.containsKey("per") ? yaml.duration(keys.get("per"), "per", MAX_WINDOW) : null;
        if (concurrent) {
            for (String rateOnly : List.of("per", "window")) {
                if (keys.containsKey(rateOnly)) {
                    yaml.problem(keys.get(rateOnly), "'" + rateOnly + "' does not apply to concurrent_connections: "
                            + "they are counted while open, not per window");
                }
            }
            key.stream().filter(part -> !PER_CONNECTION.contains(part)).findFirst().ifPresent(part ->
                    yaml.problem(keys.get("key"), "concurrent connections are told apart by what a connection keeps: "
                            + "client_ip, client_network, helo, sender, sender_domain, user or server; not by "
                            + part.yamlName()));
        } else if (counted != null && !keys.containsKey("per")) {
            yaml.problem(node, "a limit of " + counted.yamlName() + " needs 'per', the window, e.g. per: 1m");
        } else if (per != null && per == 0) {
            yaml.problem(keys.get("per"), "'per' must be more than 0");
            per = null;
        }
        Boolean sliding = keys.containsKey("window") ? window(keys.get("window")) : Boolean.TRUE;
        if (counted == null || max == null || sliding == null || (!concurrent && per == null)) {
            return null;
        }
        return new Limit(counted, max.intValue(), concurrent ? 0 : per, sliding, key);
    }

    /** @return the greylisting, or null when wrong (a problem is recorded) */
    Greylisting greylist(Node node, Trigger on) {
        Map<String, Node> keys = yaml.mapping(node, "greylist", GREYLIST_KEYS);
        int before = yaml.problems().size();
        List<KeyPart> key = key(keys.get("key"), Greylisting.defaultKey(on), on);
        long minDelay = duration(keys, "min_delay", Greylisting.MIN_DELAY, MAX_WINDOW);
        long retain = duration(keys, "retain", Greylisting.RETAIN, MAX_RETAIN);
        long retryWindow = duration(keys, "retry_window", Greylisting.RETRY_WINDOW, MAX_WINDOW);
        Long maxAttempts = keys.containsKey("max_attempts")
                ? yaml.integer(keys.get("max_attempts"), "max_attempts", 2, 1000) : Long.valueOf(0);
        if (keys.containsKey("retry_window") && retryWindow < minDelay) {
            yaml.problem(keys.get("retry_window"), "'retry_window' must be at least 'min_delay' ("
                    + Durations.format(minDelay) + "): a retry after the delay must still be in time");
        }
        if (yaml.problems().size() > before || maxAttempts == null) {
            return null;
        }
        return new Greylisting(key, minDelay, retain, retryWindow, maxAttempts.intValue());
    }

    /** What a limit or greylist rule replies when it gives no reply of its own. */
    static Reply defaultReply(Limit limit, Greylisting greylist, Trigger on) {
        if (greylist != null) {
            return on == Trigger.RCPT ? Replies.GREYLISTED_RECIPIENT : Replies.GREYLISTED;
        }
        return switch (limit.counted()) {
            case CONNECTIONS, CONCURRENT_CONNECTIONS -> Replies.LIMIT_CONNECTIONS;
            case MESSAGES -> Replies.LIMIT_MESSAGES;
            case RECIPIENTS -> Replies.LIMIT_RECIPIENTS;
        };
    }

    private long duration(Map<String, Node> keys, String name, long fallback, long max) {
        if (!keys.containsKey(name)) {
            return fallback;
        }
        Long millis = yaml.duration(keys.get(name), name, max);
        return millis == null ? fallback : millis;
    }

    private Limit.Counted counted(Node node, Node limit) {
        if (node == null) {
            yaml.problem(limit, "a limit needs 'count': " + countNames());
            return null;
        }
        String value = yaml.text(node, "count");
        if (value == null) {
            return null;
        }
        for (Limit.Counted counted : Limit.Counted.values()) {
            if (counted.yamlName().equals(value.strip())) {
                return counted;
            }
        }
        String nearest = Spelling.nearest(value, Arrays.stream(Limit.Counted.values()).map(Limit.Counted::yamlName).toList());
        yaml.problem(node, "'count: " + value + "' is not something a limit counts; "
                + (nearest == null ? "use " + countNames() : "did you mean '" + nearest + "'?"));
        return null;
    }

    private static String countNames() {
        return String.join(", ", Arrays.stream(Limit.Counted.values()).map(Limit.Counted::yamlName).toList());
    }

    private Boolean window(Node node) {
        String value = yaml.text(node, "window");
        if ("sliding".equals(value) || "fixed".equals(value)) {
            return "sliding".equals(value);
        }
        if (value != null) {
            yaml.problem(node, "'window' must be sliding or fixed: '" + value + "'");
        }
        return null;
    }

    /** One part or a list of parts, each known where the rule fires. */
    private List<KeyPart> key(Node node, List<KeyPart> fallback, Trigger on) {
        if (node == null) {
            return fallback;
        }
        List<KeyPart> parts = new ArrayList<>();
        List<String> names = yaml.texts(node, "key");
        if (names.isEmpty()) {
            yaml.problem(node, "'key' needs at least one of " + keyNames());
        }
        for (String name : names) {
            KeyPart part = keyPart(node, name.strip());
            if (part != null && on != null && !part.knownAt().contains(on)) {
                yaml.problem(node, "key '" + part.yamlName() + "' has no value at 'on: " + on.yamlName()
                        + "'; it is known at " + String.join(", ", part.knownAt().stream().map(Trigger::yamlName)
                        .filter(t -> !t.equals("any")).toList()));
            } else if (part != null && !parts.contains(part)) {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? fallback : parts;
    }

    private KeyPart keyPart(Node node, String name) {
        for (KeyPart part : KeyPart.values()) {
            if (part.yamlName().equals(name.toLowerCase(Locale.ROOT))) {
                return part;
            }
        }
        String nearest = Spelling.nearest(name, Arrays.stream(KeyPart.values()).map(KeyPart::yamlName).toList());
        yaml.problem(node, "'" + name + "' is not a key; " + (nearest == null ? "use " + keyNames()
                : "did you mean '" + nearest + "'?"));
        return null;
    }

    private static String keyNames() {
        return String.join(", ", Arrays.stream(KeyPart.values()).map(KeyPart::yamlName).toList());
    }
}
