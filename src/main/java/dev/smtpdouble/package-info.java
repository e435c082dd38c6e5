/** The embedded API: {@link dev.smtpdouble.SmtpDouble} starts, inspects, re-scripts and stops a server. */
package dev.smtpdouble;
