package dev.smtpdouble.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.protocol.TlsInfo;
import dev.smtpdouble.scenario.Director;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioRuntime;
import dev.smtpdouble.scenario.Scenarios;
import dev.smtpdouble.scenario.Settings;
import dev.smtpdouble.scenario.Then;
import dev.smtpdouble.tls.TlsSettings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** STARTTLS in the session state machine, answered as Postfix 3.7 answers (SMTP-FACTS.md), no sockets. */
class TlsSessionTest {

    private static final TlsInfo TLS13 = new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", null, false);
    private static final Settings STARTTLS = Settings.DEFAULTS.withTls(TlsSettings.OFF.withStartTls(true));

    private Journal journal;
    private Session session;

    private void open(Settings settings, Director director) {
        journal = new Journal();
        session = new Session(settings, director, journal.openSession(1, "test"), 1, new QueueIds());
        session.open(false);
    }

    private String reply(String command) {
        Reply reply = session.command(command).reply();
        String rendered = reply.render();
        return rendered.substring(0, rendered.indexOf("\r\n"));
    }

    private String ehlo() {
        return session.command("EHLO client.test").reply().render();
    }

    @Test
    void starttlsIsAdvertisedAfterSizeOnlyWhileTheSessionIsInPlaintext() {
        open(STARTTLS, Director.NONE);
        assertThat(session.extensions()).containsExactly("PIPELINING", "SIZE 10240000", "STARTTLS",
                "ENHANCEDSTATUSCODES", "8BITMIME", "DSN", "SMTPUTF8");
        session.tlsStarted(TLS13);
        assertThat(ehlo()).doesNotContain("STARTTLS");
    }

    @Test
    void hidingStarttlsHidesIt() {
        open(STARTTLS.withExtensions(List.of("STARTTLS"), List.of()), Director.NONE);
        assertThat(ehlo()).doesNotContain("STARTTLS");
    }

    @Test
    void readyReplyAsksTheEdgeToStartTls() {
        open(STARTTLS, Director.NONE);
        Outcome outcome = session.command("STARTTLS");
        assertThat(outcome.reply().render()).isEqualTo("220 2.0.0 Ready to start TLS\r\n");
        assertThat(outcome.then()).isEqualTo(Then.START_TLS);
        assertThat(session.isFinished()).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "STARTTLS foo | 501 5.5.4 Syntax: STARTTLS",
        "starttls     | 220 2.0.0 Ready to start TLS",
    })
    void postfixAnswersBeforeTls(String command, String expected) {
        open(STARTTLS, Director.NONE);
        assertThat(reply(command)).isEqualTo(expected);
    }

    @Test
    void withoutTlsConfiguredStarttlsIsNotImplemented() {
        open(Settings.DEFAULTS, Director.NONE);
        assertThat(ehlo()).doesNotContain("STARTTLS");
        Outcome outcome = session.command("STARTTLS");
        assertThat(outcome.reply().render()).isEqualTo("502 5.5.1 Error: command not implemented\r\n");
        assertThat(outcome.then()).isEqualTo(Then.CONTINUE);
    }

    @Test
    void insideTlsStarttlsIsAlreadyActiveAlsoOnTheImplicitPort() {
        open(Settings.DEFAULTS, Director.NONE);
        session.tlsStarted(new TlsInfo("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", null, true));
        assertThat(reply("STARTTLS")).isEqualTo("554 5.5.1 Error: TLS already active");
    }

    @Test
    void insideATransactionStarttlsIsAcceptedAndTheHandshakeForgetsTheTransactionAndTheEhlo() {
        open(STARTTLS, Director.NONE);
        ehlo();
        assertThat(reply("MAIL FROM:<a@example.org>")).isEqualTo("250 2.1.0 Ok");
        assertThat(reply("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
        assertThat(session.tlsStarted(TLS13).isNone()).isTrue();
        assertThat(reply("RCPT TO:<b@example.org>")).isEqualTo("503 5.5.1 Error: need MAIL command");
        assertThat(journal.sessions().get(0).tls()).isEqualTo(TLS13);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"MAIL FROM:<a@example.org>", "RCPT TO:<b@example.org>", "DATA", "RSET", "VRFY a", "AUTH PLAIN",
        "BDAT 1 LAST", "ETRN example.org"})
    void requiredTlsRefusesWhatPostfixRefusesBeforeStarttls(String command) {
        open(STARTTLS.withTls(STARTTLS.tls().withRequired(true)), Director.NONE);
        assertThat(reply(command)).isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
        session.tlsStarted(TLS13);
        assertThat(reply(command)).isNotEqualTo("530 5.7.0 Must issue a STARTTLS command first");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"EHLO client.test", "HELO client.test", "NOOP", "QUIT", "STARTTLS"})
    void requiredTlsLetsTheseThrough(String command) {
        open(STARTTLS.withTls(STARTTLS.tls().withRequired(true)), Director.NONE);
        assertThat(reply(command)).doesNotStartWith("530");
    }

    @Test
    void aRuleThatRefusesStarttlsStartsNoHandshake() {
        Scenario scenario = Scenarios.fromYaml("""
                rules:
                  - on: starttls
                    reply: 454 4.7.0 TLS not available due to local problem
                """, "refuse.yaml");
        open(STARTTLS, new ScenarioRuntime(scenario));
        Outcome outcome = session.command("STARTTLS");
        assertThat(outcome.reply().render()).startsWith("454 4.7.0 TLS not available due to local problem");
        assertThat(outcome.then()).isEqualTo(Then.CONTINUE);
    }

    @Test
    void rulesMatchTlsStateAndVersion() {
        Scenario scenario = Scenarios.fromYaml("""
                rules:
                  - on: ehlo
                    tls_version: 'TLSv1(\\.1)?'
                    reply: 421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2.
                  - on: mail
                    tls: false
                    reply: 550 5.7.1 Plaintext refused by rule
                  - on: tls
                    tls_version: TLSv1.2
                    reply: 220 2.0.0 Welcome over TLS 1.2
                """, "tls-rules.yaml");
        open(STARTTLS, new ScenarioRuntime(scenario));
        assertThat(reply("MAIL FROM:<a@example.org>")).isEqualTo("550 5.7.1 Plaintext refused by rule");
        session.tlsStarted(TLS13);
        assertThat(reply("EHLO client.test")).startsWith("250");
        assertThat(reply("MAIL FROM:<a@example.org>")).isEqualTo("250 2.1.0 Ok");

        open(STARTTLS, new ScenarioRuntime(scenario));
        Outcome handshake = session.tlsStarted(new TlsInfo("TLSv1.2", "TLS_X", null, false));
        assertThat(handshake.reply().render()).isEqualTo("220 2.0.0 Welcome over TLS 1.2\r\n");

        open(STARTTLS, new ScenarioRuntime(scenario));
        session.tlsStarted(new TlsInfo("TLSv1.1", "TLS_X", null, false));
        Outcome old = session.command("EHLO client.test");
        assertThat(old.reply().render()).startsWith("421 4.7.66 TLS 1.0 and 1.1 are not supported.");
        assertThat(old.then()).isEqualTo(Then.CLOSE);
    }
}
