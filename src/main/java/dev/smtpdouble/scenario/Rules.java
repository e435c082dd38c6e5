package dev.smtpdouble.scenario;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scenario rules in Java, the way WireMock writes stubs:
 * <pre>{@code
 * Scenario scenario = ScenarioBuilder.named("second-recipient-down")
 *         .rule(Rules.on(Trigger.RCPT).occurrence(2).reply("421 4.3.2 System shutting down"))
 *         .build();
 * }</pre>
 */
public final class Rules {

    private Rules() {
    }

    /** A rule that fires on this trigger; add conditions and an action. */
    public static RuleBuilder on(Trigger trigger) {
        return new RuleBuilder(trigger);
    }

    /**
     * A limit for {@link RuleBuilder#limit}: {@code Rules.limit(Limit.Counted.MESSAGES, 30).per(Duration.ofMinutes(1))
     * .by(KeyPart.SENDER_DOMAIN)}. Windows slide unless {@link LimitBuilder#fixedWindow()}; the key is the
     * client's address unless {@link LimitBuilder#by} says otherwise.
     */
    public static LimitBuilder limit(Limit.Counted counted, int max) {
        return new LimitBuilder(counted, max);
    }

    /** Greylisting for {@link RuleBuilder#greylist}, postgrey's defaults unless changed. */
    public static GreylistBuilder greylist() {
        return new GreylistBuilder();
    }

    /** The keys of a {@code limit:} mapping, as a file writes them. */
    public static final class LimitBuilder {
        private final Map<String, Object> keys = new LinkedHashMap<>();

        private LimitBuilder(Limit.Counted counted, int max) {
            keys.put("count", Objects.requireNonNull(counted, "counted").yamlName());
            keys.put("max", Integer.toString(max));
        }

        /** The window of a rate. */
        public LimitBuilder per(Duration window) {
            keys.put("per", RuleBuilder.millis(window));
            return this;
        }

        /** Fixed windows from each key's first event instead of a window sliding with time. */
        public LimitBuilder fixedWindow() {
            keys.put("window", "fixed");
            return this;
        }

        /** What clients are told apart by; several parts make one key. */
        public LimitBuilder by(KeyPart... parts) {
            keys.put("key", names(parts));
            return this;
        }

        Map<String, Object> keys() {
            return keys;
        }
    }

    /** The keys of a {@code greylist:} mapping, as a file writes them. */
    public static final class GreylistBuilder {
        private final Map<String, Object> keys = new LinkedHashMap<>();

        private GreylistBuilder() {
        }

        /** What attempts are told apart by; default client_ip, sender, recipient, or those of them the trigger knows. */
        public GreylistBuilder by(KeyPart... parts) {
            keys.put("key", names(parts));
            return this;
        }

        public GreylistBuilder minDelay(Duration delay) {
            keys.put("min_delay", RuleBuilder.millis(delay));
            return this;
        }

        public GreylistBuilder retain(Duration time) {
            keys.put("retain", RuleBuilder.millis(time));
            return this;
        }

        public GreylistBuilder retryWindow(Duration window) {
            keys.put("retry_window", RuleBuilder.millis(window));
            return this;
        }

        public GreylistBuilder maxAttempts(int attempt) {
            keys.put("max_attempts", Integer.toString(attempt));
            return this;
        }

        Map<String, Object> keys() {
            return keys;
        }
    }

    private static List<String> names(KeyPart... parts) {
        return Arrays.stream(parts).map(part -> Objects.requireNonNull(part, "key part").yamlName()).toList();
    }
}
