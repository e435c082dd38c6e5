package dev.smtpdouble.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts another scenario in force for one test: applied, with fresh counters, after the reset before
 * the test; the scenario that was in force before is restored after it. Works with every form of
 * the extension (per class or per test, declarative or programmatic).
 *
 * <pre>{@code
 * @Test
 * @UseScenario("greylist")
 * void retriesWhenGreylisted(SmtpDouble smtp) { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface UseScenario {

    /**
     * A catalogue name ({@code greylist}), a file path, or a classpath resource
     * ({@code scenarios/my-outage.yaml}), tried in that order.
     */
    String value();
}
