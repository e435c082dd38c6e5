/**
 * The {@code postfix} syntax profile: how Postfix 3.7's smtpd splits a MAIL FROM / RCPT TO command, parses its
 * path as an RFC 822 address, resolves the address and checks the ESMTP parameters, reproduced step by step from
 * Postfix's own rules so that the reply codes and enhanced codes are those of a real Postfix. Pure Java, no I/O.
 */
package dev.smtpdouble.protocol.postfix;
