package dev.smtpdouble.scenario;

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
}
