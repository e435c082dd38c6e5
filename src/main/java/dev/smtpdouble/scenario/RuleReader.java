package dev.smtpdouble.scenario;

import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.protocol.ReplyText;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** Reads and checks one rule of a scenario file. */
final class RuleReader {

    static final Set<String> KEYS = new LinkedHashSet<>(List.of("name", "on", "connection", "occurrence",
            "occurrence_in_transaction", "transaction", "messages", "argument", "malformed", "parameter", "helo", "state",
            "probability", "after_bytes", "after", "tls", "tls_version", "oversized", "limit", "greylist", "mechanism",
            "user", "authenticated", "authenticated_as", "credentials", "reply", "action", "handshake", "inject", "accept", "delay",
            "set_state", "times"));

    private static final long MAX_DELAY = 600_000;
    private static final long MAX_IDLE = 3_600_000;
    private static final Set<Trigger> ARGUMENT_TRIGGERS = EnumSet.of(Trigger.EHLO, Trigger.HELO, Trigger.MAIL,
            Trigger.RCPT, Trigger.VRFY, Trigger.NOOP, Trigger.UNKNOWN, Trigger.ANY, Trigger.DATA, Trigger.RSET,
            Trigger.QUIT, Trigger.HELP, Trigger.STARTTLS, Trigger.AUTH, Trigger.BDAT);

    private final YamlReader yaml;
    private final Set<String> enteredStates = new LinkedHashSet<>();

    RuleReader(YamlReader yaml) {
        this.yaml = yaml;
    }

    /** The states some rule moves to ({@code set_state}), also rules that have other mistakes. */
    Set<String> enteredStates() {
        return enteredStates;
    }

    /** @return the rule, or null when it has problems (they are recorded) */
    Rule read(Node node, int index) {
        String where = "rule " + (index + 1);
        Map<String, Node> keys = yaml.mapping(node, where, KEYS);
        int before = yaml.problems().size();
        Trigger on = trigger(keys.get("on"), node, where);
        String name = keys.containsKey("name") ? yaml.text(keys.get("name"), "name")
                : "rule " + (index + 1) + (on == null ? "" : " (" + on.yamlName() + ")");
        Match match = match(keys, on);
        Action action = action(keys, on, match);
        Long times = keys.containsKey("times") ? yaml.integer(keys.get("times"), "times", 1, Integer.MAX_VALUE) : null;
        if (yaml.problems().size() > before || on == null) {
            return null;
        }
        return new Rule(name, on, match, action, times == null ? null : times.intValue());
    }

    private Trigger trigger(Node node, Node rule, String where) {
        if (node == null) {
            yaml.problem(rule, where + " needs 'on': one of " + triggerNames());
            return null;
        }
        String value = yaml.text(node, "on");
        if (value == null) {
            return null;
        }
        try {
            return Trigger.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String nearest = Spelling.nearest(value, Arrays.stream(Trigger.values()).map(Trigger::yamlName).toList());
            yaml.problem(node, "'on: " + value + "' is not a trigger; " + (nearest == null ? "use one of "
                    + triggerNames() : "did you mean '" + nearest + "'?"));
            return null;
        }
    }

    private static String triggerNames() {
        return String.join(", ", Arrays.stream(Trigger.values()).map(Trigger::yamlName).toList());
    }

    private Match match(Map<String, Node> keys, Trigger on) {
        IntRange connection = range(keys, "connection");
        IntRange occurrence = range(keys, "occurrence");
        IntRange inTransaction = range(keys, "occurrence_in_transaction");
        IntRange transaction = range(keys, "transaction");
        IntRange messages = keys.containsKey("messages") ? messagesRange(keys.get("messages")) : null;
        TextPattern argument = regex(keys, "argument");
        TextPattern helo = regex(keys, "helo");
        Boolean malformed = keys.containsKey("malformed") ? yaml.bool(keys.get("malformed"), "malformed") : null;
        Boolean oversized = keys.containsKey("oversized") ? yaml.bool(keys.get("oversized"), "oversized") : null;
        String parameter = keys.containsKey("parameter")
                ? upper(yaml.text(keys.get("parameter"), "parameter")) : null;
        String state = keys.containsKey("state") ? yaml.text(keys.get("state"), "state") : null;
        Double probability = probability(keys.get("probability"));
        Long afterBytes = keys.containsKey("after_bytes")
                ? yaml.integer(keys.get("after_bytes"), "after_bytes", 0, Long.MAX_VALUE / 2) : null;
        Long afterMillis = keys.containsKey("after") ? yaml.duration(keys.get("after"), "after", MAX_IDLE) : null;
        Boolean tls = keys.containsKey("tls") ? yaml.bool(keys.get("tls"), "tls") : null;
        TextPattern tlsVersion = regex(keys, "tls_version");
        Set<String> mechanisms = keys.containsKey("mechanism")
                ? AuthKeys.mechanisms(yaml, keys.get("mechanism"), "mechanism") : null;
        Boolean authenticated = keys.containsKey("authenticated")
                ? yaml.bool(keys.get("authenticated"), "authenticated") : null;
        Boolean credentialsAccepted = keys.containsKey("credentials") ? credentials(keys.get("credentials")) : null;
        if (on != null) {
            onlyFor(keys, "credentials", on, EnumSet.of(Trigger.AUTH));
            onlyFor(keys, "after_bytes", on, EnumSet.of(Trigger.CONTENT));
            onlyFor(keys, "after", on, EnumSet.of(Trigger.IDLE));
            onlyFor(keys, "argument", on, ARGUMENT_TRIGGERS);
            onlyFor(keys, "oversized", on, EnumSet.of(Trigger.MAIL, Trigger.MESSAGE));
            onlyFor(keys, "malformed", on, EnumSet.of(Trigger.MAIL, Trigger.RCPT, Trigger.EHLO, Trigger.HELO,
                    Trigger.ANY, Trigger.UNKNOWN));
            onlyFor(keys, "parameter", on, EnumSet.of(Trigger.MAIL, Trigger.RCPT, Trigger.ANY));
            onlyFor(keys, "mechanism", on, EnumSet.of(Trigger.AUTH));
            onlyFor(keys, "user", on, EnumSet.of(Trigger.AUTH));
            onlyFor(keys, "occurrence", on, commandTriggers());
            onlyFor(keys, "occurrence_in_transaction", on, commandTriggers());
            if (on == Trigger.IDLE && afterMillis == null && !keys.containsKey("after")) {
                yaml.problem(keys.getOrDefault("on", null), "an 'on: idle' rule needs 'after', e.g. after: 1s");
            }
            if (on == Trigger.IDLE && afterMillis != null && afterMillis == 0) {
                yaml.problem(keys.get("after"), "'after' must be more than 0 for an idle rule");
            }
        }
        PolicyReader policies = new PolicyReader(yaml);
        Limit limit = keys.containsKey("limit") ? policies.limit(keys.get("limit"), on) : null;
        Greylisting greylist = keys.containsKey("greylist") ? policies.greylist(keys.get("greylist"), on) : null;
        if (keys.containsKey("limit") && keys.containsKey("greylist")) {
            yaml.problem(keys.get("greylist"), "a rule is a limit or a greylist, not both: write two rules");
        }
        return Match.builder().connection(connection).occurrence(occurrence).occurrenceInTransaction(inTransaction)
                .transaction(transaction).messages(messages).argument(argument).helo(helo).malformed(malformed)
                .parameter(parameter).state(state).probability(probability)
                .afterBytes(on == Trigger.CONTENT && afterBytes == null ? Long.valueOf(0) : afterBytes)
                .afterMillis(afterMillis).tls(tls).tlsVersion(tlsVersion).oversized(oversized).limit(limit)
                .greylist(greylist).mechanisms(mechanisms).user(regex(keys, "user")).authenticated(authenticated)
                .authenticatedAs(regex(keys, "authenticated_as")).credentialsAccepted(credentialsAccepted).build();
    }

    /** {@code credentials: accepted | rejected}: how the server judged what an AUTH attempt gave. */
    private Boolean credentials(Node node) {
        String value = yaml.text(node, "credentials");
        if (value == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "accepted" -> Boolean.TRUE;
            case "rejected" -> Boolean.FALSE;
            default -> {
                yaml.problem(node, "'credentials: " + value + "' is neither 'accepted' nor 'rejected'");
                yield null;
            }
        };
    }

    private static Set<Trigger> commandTriggers() {
        Set<Trigger> commands = EnumSet.noneOf(Trigger.class);
        for (Trigger trigger : Trigger.values()) {
            if (trigger.isCommand() || trigger == Trigger.ANY) {
                commands.add(trigger);
            }
        }
        return commands;
    }

    private void onlyFor(Map<String, Node> keys, String key, Trigger on, Set<Trigger> allowed) {
        if (keys.containsKey(key) && !allowed.contains(on)) {
            yaml.problem(keys.get(key), "'" + key + "' does not apply to 'on: " + on.yamlName() + "'; it applies to "
                    + String.join(", ", allowed.stream().map(Trigger::yamlName).toList()));
        }
    }

    private Action action(Map<String, Node> keys, Trigger on, Match match) {
        Reply reply = keys.containsKey("reply") ? reply(keys.get("reply")) : null;
        Then then = null;
        if (keys.containsKey("action")) {
            String value = yaml.text(keys.get("action"), "action");
            then = value == null ? null : then(keys.get("action"), value.strip());
        }
        if (reply == null && (then == null || then == Then.CONTINUE) && on != null
                && (match.limit() != null || match.greylist() != null)) {
            reply = PolicyReader.defaultReply(match.limit(), match.greylist(), on);
        }
        long delay = keys.containsKey("delay") ? nonNull(yaml.duration(keys.get("delay"), "delay", MAX_DELAY)) : 0;
        String nextState = keys.containsKey("set_state") ? yaml.text(keys.get("set_state"), "set_state") : null;
        if (nextState != null) {
            enteredStates.add(nextState);
        }
        boolean accept = keys.containsKey("accept") && Boolean.TRUE.equals(yaml.bool(keys.get("accept"), "accept"));
        if (accept && on != null && !on.isCommand() && on != Trigger.ANY && on != Trigger.MESSAGE) {
            yaml.problem(keys.get("accept"), "'accept' does not apply to 'on: " + on.yamlName()
                    + "'; it applies to commands and to message (the final dot)");
        }
        if (then == Then.RESET && reply != null) {
            yaml.problem(keys.get("reply"), "'action: reset' sends no reply: remove 'reply' or use 'action: close'");
        }
        if ((on == Trigger.CONTENT || on == Trigger.IDLE || on == Trigger.TLS) && reply == null
                && (then == null || then == Then.CONTINUE)) {
            yaml.problem(keys.getOrDefault("on", null), "an 'on: " + on.yamlName()
                    + "' rule has no default reply: give it 'reply' or an action (close, close_now, reset, hang)");
        }
        StarttlsFaultReader.Fault fault = StarttlsFaultReader.read(yaml, keys, on, reply, then);
        return new Action(fault.reply(), fault.then(), delay, nextState, accept, fault.injected());
    }

    private static long nonNull(Long value) {
        return value == null ? 0 : value;
    }

    private Then then(Node node, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "reply" -> null;
            case "close" -> Then.CLOSE;
            case "close_now" -> Then.CLOSE_NOW;
            case "reset" -> Then.RESET;
            case "hang" -> Then.HANG;
            default -> {
                String nearest = Spelling.nearest(value, List.of("reply", "close", "close_now", "reset", "hang"));
                yaml.problem(node, "'action: " + value + "' is not an action; "
                        + (nearest == null ? "use reply, close, close_now, reset or hang"
                        : "did you mean '" + nearest + "'?"));
                yield null;
            }
        };
    }

    private Reply reply(Node node) {
        List<String> lines = yaml.texts(node, "reply");
        try {
            Reply reply = ReplyText.parse(lines);
            for (String name : reply.placeholders()) {
                if (!Placeholders.NAMES.contains(name)) {
                    yaml.problem(node, "'{" + name + "}' is not a value a reply can name; known: "
                            + String.join(", ", Placeholders.NAMES.stream().map(n -> "{" + n + "}").toList()));
                }
            }
            return reply;
        } catch (IllegalArgumentException e) {
            yaml.problem(node, e.getMessage());
            return null;
        }
    }

    /** Like the other ranges, but 0 is a count too: {@code messages: 0} is "before the first message". */
    private IntRange messagesRange(Node node) {
        String value = yaml.text(node, "messages");
        if ("0".equals(value == null ? null : value.strip())) {
            return IntRange.exactly(0);
        }
        return yaml.range(node, "messages");
    }

    private IntRange range(Map<String, Node> keys, String key) {
        return keys.containsKey(key) ? yaml.range(keys.get(key), key) : null;
    }

    private TextPattern regex(Map<String, Node> keys, String key) {
        if (!keys.containsKey(key)) {
            return null;
        }
        String value = yaml.text(keys.get(key), key);
        if (value == null) {
            return null;
        }
        try {
            return TextPattern.compile(value);
        } catch (IllegalArgumentException e) {
            yaml.problem(keys.get(key), "'" + key + "' " + e.getMessage());
            return null;
        }
    }

    private Double probability(Node node) {
        if (node == null) {
            return null;
        }
        String value = yaml.text(node, "probability");
        try {
            double p = Double.parseDouble(value);
            if (p > 0 && p <= 1) {
                return p;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        yaml.problem(node, "'probability' must be a number above 0 and at most 1: '" + value + "'");
        return null;
    }

    private static String upper(String value) {
        return value == null ? null : value.strip().toUpperCase(Locale.ROOT);
    }
}
