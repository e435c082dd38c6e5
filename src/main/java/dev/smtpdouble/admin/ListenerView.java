package dev.smtpdouble.admin;

import dev.smtpdouble.SmtpDouble;

import java.util.List;

/**
 * One SMTP listener as JSON: where it listens, its admin path prefix, the scenario in force, whether
 * it offers STARTTLS and its implicit-TLS ports.
 */
record ListenerView(String host, int port, String path, String scenario, int openSessions, boolean starttls,
                    List<Integer> tlsPorts) {

    static ListenerView of(SmtpDouble smtp) {
        return new ListenerView(smtp.host(), smtp.port(), "/listeners/" + smtp.port(), smtp.scenario().name(),
                smtp.openConnections(), smtp.settings().tls().startTls(), smtp.tlsPorts());
    }
}
