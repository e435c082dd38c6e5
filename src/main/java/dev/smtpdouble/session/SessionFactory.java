package dev.smtpdouble.session;

/** Makes the session of a new connection, under the scenario in force at that moment. */
@FunctionalInterface
public interface SessionFactory {

    Session open(String remoteAddress);
}
