/**
 * Time a test controls: {@link dev.smtpdouble.time.ManualClock}, a {@link java.time.Clock} that stands
 * still until it is advanced. A server reads one clock for everything that depends on time — rate
 * windows, greylisting delays, silences, journal timestamps — so a test of "the client retries after
 * the greylisting delay" advances the clock instead of sleeping.
 */
package dev.smtpdouble.time;
