package dev.smtpdouble.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an example test class that other tests run through {@link Examples#run} to look at its
 * outcome (some fail on purpose); when the build's own test run finds it, it is skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Examples.Condition.class)
@interface OnlyInEngineTestKit {
}
