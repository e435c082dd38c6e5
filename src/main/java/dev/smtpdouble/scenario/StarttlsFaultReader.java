package dev.smtpdouble.scenario;

import dev.smtpdouble.protocol.Replies;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.protocol.ReplyText;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The keys of an {@code on: starttls} rule that break the TLS start on purpose: {@code handshake}
 * (what comes instead of the handshake after {@code 220 Ready to start TLS}) and {@code inject} (an
 * extra plaintext reply in the same packet as the 220, which a correct client discards).
 */
final class StarttlsFaultReader {

    static final List<String> KEYS = List.of("handshake", "inject");
    private static final List<String> HANDSHAKES = List.of("reset", "close", "hang", "alert");

    /** The rule's reply, what follows it, and the injected reply, after these keys. */
    record Fault(Reply reply, Then then, Reply injected) {
    }

    private StarttlsFaultReader() {
    }

    static Fault read(YamlReader yaml, Map<String, Node> keys, Trigger on, Reply reply, Then then) {
        if (!keys.containsKey("handshake") && !keys.containsKey("inject")) {
            return new Fault(reply, then, null);
        }
        if (on != Trigger.STARTTLS) {
            Node node = keys.getOrDefault("handshake", keys.get("inject"));
            yaml.problem(node, "'handshake' and 'inject' apply to 'on: starttls' only");
            return new Fault(reply, then, null);
        }
        if (reply != null && reply.code() != 220) {
            yaml.problem(keys.get("reply"), "'handshake' and 'inject' follow a 220 reply to STARTTLS, not "
                    + reply.code());
        }
        Reply ready = reply == null ? Replies.READY_FOR_TLS : reply;
        Then after = then;
        if (keys.containsKey("handshake")) {
            if (then != null) {
                yaml.problem(keys.get("action"), "give 'handshake' or 'action', not both");
            }
            after = handshake(yaml, keys.get("handshake"));
        }
        Reply injected = null;
        if (keys.containsKey("inject")) {
            try {
                injected = ReplyText.parse(yaml.texts(keys.get("inject"), "inject"));
            } catch (IllegalArgumentException e) {
                yaml.problem(keys.get("inject"), "'inject': " + e.getMessage());
            }
        }
        return new Fault(ready, after, injected);
    }

    private static Then handshake(YamlReader yaml, Node node) {
        String value = yaml.text(node, "handshake");
        if (value == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "reset" -> Then.TLS_RESET;
            case "close" -> Then.CLOSE;
            case "hang" -> Then.HANG;
            case "alert" -> Then.TLS_ALERT;
            default -> {
                String nearest = Spelling.nearest(value, HANDSHAKES);
                yaml.problem(node, "'handshake: " + value + "' is not a handshake fault; "
                        + (nearest == null ? "use reset, close, hang or alert" : "did you mean '" + nearest + "'?"));
                yield null;
            }
        };
    }
}
