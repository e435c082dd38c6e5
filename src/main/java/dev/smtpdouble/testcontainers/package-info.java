/**
 * {@link dev.smtpdouble.testcontainers.SmtpDoubleContainer}: the smtp-double image as a Testcontainers
 * container, with its scenarios, listeners and a client of its admin API. Needs
 * {@code org.testcontainers:testcontainers} 2.x on the test classpath (an optional dependency).
 */
package dev.smtpdouble.testcontainers;
