package dev.smtpdouble.junit;

import dev.smtpdouble.SmtpDoubleControl;
import dev.smtpdouble.journal.RuleLabel;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.journal.TranscriptEntry;
import dev.smtpdouble.journal.TranscriptEntry.ClientCommand;
import dev.smtpdouble.journal.TranscriptEntry.ClientResponse;
import dev.smtpdouble.journal.TranscriptEntry.ServerReply;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * The opt-in checks after a test: rules that never fired, and rejections no rule asked for.
 * A failure names each problem and shows the transcript.
 */
final class Expectations {

    private Expectations() {
    }

    /** @param lastSessionBefore the id of the last session before the test; later ones are the test's */
    static void verify(ServerConfig config, SmtpDoubleControl server, long lastSessionBefore) {
        List<String> problems = new ArrayList<>();
        if (config.failOnUnfiredRules()) {
            for (String rule : server.unfiredRules()) {
                problems.add(RuleLabel.of(rule) + " of scenario '" + server.scenarioName() + "' never fired");
            }
        }
        if (config.failOnUnexpectedRejections()) {
            for (SessionRecord session : server.journal().sessions(lastSessionBefore, Integer.MAX_VALUE)) {
                unexpectedRejections(session, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionFailedError("smtp-double: " + String.join("; ", problems) + "\n\n"
                    + Transcripts.render(server.journal()));
        }
    }

    private static void unexpectedRejections(SessionRecord session, List<String> problems) {
        String answered = "the connection";
        for (TranscriptEntry entry : session.transcript()) {
            if (entry instanceof ClientCommand command) {
                answered = "'" + command.line() + "'";
            } else if (entry instanceof ClientResponse response) {
                answered = "the SASL response '" + response.line() + "'";
            } else if (entry instanceof ServerReply reply) {
                if (reply.rule() == null && !reply.reply().isPositive()) {
                    problems.add("session " + session.id() + ": the server answered " + answered + " with '"
                            + reply.reply() + "', which no scenario rule asked for");
                }
                answered = "nothing (unsolicited)";
            }
        }
    }
}
