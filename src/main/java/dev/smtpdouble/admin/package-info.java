/**
 * The admin HTTP API: health, the scenario in force (read, replace, reset), the journal as JSON and
 * raw messages, over one or more {@link dev.smtpdouble.SmtpDouble} listeners of one process. Built on
 * the JDK's {@code com.sun.net.httpserver} with Jackson for JSON; a thin layer over the facade. Its
 * own threads and watchdog ({@code AdminThreads}) keep clients that stall from holding the API.
 */
package dev.smtpdouble.admin;
