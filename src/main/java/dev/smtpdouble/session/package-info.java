/**
 * The SMTP session as a pure state machine: inputs in, {@link dev.smtpdouble.session.Outcome}s out.
 * No sockets, no threads, no clocks of its own; deterministic and testable without a network.
 */
package dev.smtpdouble.session;
