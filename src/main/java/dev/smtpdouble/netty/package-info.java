/**
 * The network edge, and the only package that imports Netty: the server bootstrap, line framing,
 * reply encoding, and the handler that feeds each {@link dev.smtpdouble.session.Session} and carries
 * out its outcomes (delays on the event loop, close after flush, half-close and drain, TCP reset).
 */
package dev.smtpdouble.netty;
