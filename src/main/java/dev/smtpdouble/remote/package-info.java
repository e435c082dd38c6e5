/**
 * A Java client of the admin HTTP API (the JDK's {@code HttpClient}, nothing more): switches
 * scenarios, resets, and reads the journal of an smtp-double in a container as the same records the
 * embedded server gives, so {@code SmtpAssertions} work on it unchanged. Its {@code await...}
 * methods poll the API.
 */
package dev.smtpdouble.remote;
