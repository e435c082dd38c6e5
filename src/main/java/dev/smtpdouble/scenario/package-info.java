/**
 * Scenarios: immutable rules loaded from YAML (safe loading, validated, errors with file, line and
 * column) or written in Java ({@link dev.smtpdouble.scenario.Rules}, {@link dev.smtpdouble.scenario.ScenarioBuilder},
 * through the same checks), the server settings they change, and the runtime that decides, for each
 * event of a session, which rule fires. Rule counters and the scenario state are shared by all
 * connections of a server, so retries across connections can be modelled.
 */
package dev.smtpdouble.scenario;
