/**
 * The keyed state behind rate limits, concurrency limits and greylisting: counts and timestamps per
 * key (a client address, a sender, a triplet...) in tables bounded in entries and in bytes (a key is
 * kept as a digest of fixed size, whatever its text) whose entries expire.
 * Pure and thread-safe; times are milliseconds of the server's clock, passed in by the caller, so a
 * test's manual clock moves windows and delays. Nothing here knows SMTP or scenarios.
 */
package dev.smtpdouble.policy;
