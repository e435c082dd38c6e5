/**
 * The {@code exim} syntax profile: how Exim 4.96's smtp_in.c recognises a MAIL FROM / RCPT TO command, cuts its
 * ESMTP options off the end and judges them, and how parse.c extracts the address, reproduced step by step on the
 * command's octets, with Exim's own reply texts (no enhanced status codes). Pure Java, no I/O.
 */
package dev.smtpdouble.protocol.exim;
