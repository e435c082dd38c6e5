/**
 * SMTP AUTH (RFC 4954) without I/O: the SASL mechanisms PLAIN, LOGIN, CRAM-MD5, XOAUTH2 and
 * OAUTHBEARER as small state machines that the session drives one client line at a time, the
 * accounts they check, and the server's AUTH settings. Secrets stay inside: nothing here prints,
 * logs or throws a password or a token.
 */
package dev.smtpdouble.sasl;
