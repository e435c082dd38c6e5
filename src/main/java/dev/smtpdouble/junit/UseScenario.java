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
     * A file, a name ({@code payment-outage} from your {@code scenarios/} on the class path, else the
     * catalogue's {@code greylist}), or a class path resource, in the order the README's "Finding a
     * scenario" gives.
     */
    String value();

    /**
     * Fail this test when a rule of this scenario never fired during it, whatever the class says
     * ({@code failOnUnfiredRules = true} or {@code false}); not given, the class's setting holds.
     * An array only so that "not given" can be told apart: write one value.
     */
    boolean[] failOnUnfiredRules() default {};
}
