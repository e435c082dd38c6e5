/**
 * The resilience matrix: puts a piece of mail-sending code through every fault of the catalogue, one
 * fresh server per fault, judges each outcome against an expectation that encodes good practice, and
 * writes a report card (Markdown and JSON).
 *
 * <p>{@link dev.smtpdouble.matrix.Matrix} runs it; {@link dev.smtpdouble.matrix.Faults} lists the
 * faults; {@link dev.smtpdouble.matrix.Expectation} says what counts as surviving one;
 * {@link dev.smtpdouble.matrix.ReportCard} is the result. The code under test is a
 * {@link dev.smtpdouble.matrix.MailClient}: a lambda that sends one message to a host and port, or an
 * external command ({@link dev.smtpdouble.matrix.CommandClient}); code configured as production is
 * (STARTTLS required, a login) takes a {@link dev.smtpdouble.matrix.Target} with the CA to trust and the
 * account, for the TLS and AUTH faults. It depends on the facade, the
 * scenarios and the journal only; the JUnit {@code @TestFactory} and the {@code matrix} command are
 * built on it.
 */
package dev.smtpdouble.matrix;
