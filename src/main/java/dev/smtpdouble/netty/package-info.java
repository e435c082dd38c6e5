/**
 * The network edge, and the only package that imports Netty: the server bootstrap, line framing,
 * reply encoding, the handler that feeds each {@link dev.smtpdouble.session.Session} (lines, TLS
 * handshakes, silences), and the carrier of its outcomes (delays on the event loop, close after
 * flush, half-close and drain, TCP reset, STARTTLS and its faults).
 */
package dev.smtpdouble.netty;
