/**
 * What happened: sessions with their transcripts and the messages accepted. Thread-safe and bounded;
 * everything it hands out is an immutable copy. Tests wait on it instead of sleeping.
 */
package dev.smtpdouble.journal;
