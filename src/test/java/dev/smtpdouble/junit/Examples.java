package dev.smtpdouble.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs {@link OnlyInEngineTestKit} example classes with JUnit's {@link EngineTestKit}. */
final class Examples {

    private static final String PARAMETER = "dev.smtpdouble.junit.examples";

    private Examples() {
    }

    /** Runs an example class; {@code parameters} are configuration parameters as name, value, name, value. */
    static EngineExecutionResults run(Class<?> example, String... parameters) {
        var request = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PARAMETER, "true")
                .selectors(DiscoverySelectors.selectClass(example));
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            request.configurationParameter(parameters[i], parameters[i + 1]);
        }
        return request.execute();
    }

    static final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).isPresent()
                    ? ConditionEvaluationResult.enabled("run by EngineTestKit")
                    : ConditionEvaluationResult.disabled("an example that another test runs through EngineTestKit");
        }
    }
}
