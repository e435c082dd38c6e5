/**
 * The JUnit 5 extension: an in-process smtp-double per test class or per test, with scenarios,
 * parameter injection, a reset before each test, opt-in checks and readable assertions on the journal.
 *
 * <p>Declarative: {@link dev.smtpdouble.junit.SmtpDoubleTest @SmtpDoubleTest} on a class, with
 * {@link dev.smtpdouble.junit.UseScenario @UseScenario} on a method to switch scenario for one test.
 * Programmatic: {@code @RegisterExtension static SmtpDoubleExtension smtp = SmtpDoubleExtension.builder()...build();}
 * (a static field gives one server per class, an instance field one per test). Assertions:
 * {@link dev.smtpdouble.junit.SmtpAssertions#assertThat(dev.smtpdouble.SmtpDouble)}.
 *
 * <p>Needs only {@code junit-jupiter-api} 5.10 or later (JUnit 6 works too), which the user's tests bring.
 */
package dev.smtpdouble.junit;
