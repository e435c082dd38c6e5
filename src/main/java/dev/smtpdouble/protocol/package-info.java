/**
 * The SMTP vocabulary, pure Java: command lines, replies and enhanced status codes, every canned
 * reply, and the RFC 5321 parser of MAIL FROM / RCPT TO arguments. No I/O, no Netty.
 */
package dev.smtpdouble.protocol;
