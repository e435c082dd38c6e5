package dev.smtpdouble.admin;

import dev.smtpdouble.SmtpDouble;

/** One SMTP listener as JSON: where it listens, its admin path prefix and the scenario in force. */
record ListenerView(String host, int port, String path, String scenario, int openSessions) {

    static ListenerView of(SmtpDouble smtp) {
        return new ListenerView(smtp.host(), smtp.port(), "/listeners/" + smtp.port(), smtp.scenario().name(),
                smtp.journal().openSessions());
    }
}
