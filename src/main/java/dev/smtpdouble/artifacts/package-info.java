/**
 * Artifacts for CI: every accepted message as an {@code .eml} file and the journal as JSON lines in
 * a folder, so that a pipeline can keep what the application sent when a test fails. The event loops
 * only hand records over (a bounded queue; what does not fit is counted, never waited for); one
 * thread of its own writes the files.
 */
package dev.smtpdouble.artifacts;
