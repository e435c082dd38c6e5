package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.smtpdouble.journal.SessionRecord;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** STARTTLS and implicit TLS over a real loopback socket, byte by byte as a client sees them. */
class TlsDialogueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private SmtpDouble start(SmtpDouble.Builder builder) {
        SmtpDouble server = builder.start();
        toClose.add(server);
        return server;
    }

    private RawSmtpClient connect(SmtpDouble server, int port) throws IOException {
        RawSmtpClient client = new RawSmtpClient(server.host(), port);
        toClose.add(client);
        return client;
    }

    @Test
    void starttlsIsAdvertisedBeforeTlsOnlyAndTheSessionStartsOver() throws IOException {
        SmtpDouble smtp = start(SmtpDouble.builder().tls(true));
        RawSmtpClient client = connect(smtp, smtp.port());
        assertThat(client.reply()).startsWith("220 ");
        assertThat(client.command("EHLO client.test")).contains("250-STARTTLS");
        assertThat(client.command("MAIL FROM:<a@example.org>")).isEqualTo("250 2.1.0 Ok");
        assertThat(client.command("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
        SSLSocket tls = client.startTls(smtp.tls().socketFactory(), "mail.example.test");

        // RFC 3207 §4.2: the transaction and the EHLO are forgotten
        assertThat(client.command("RCPT TO:<b@example.org>")).isEqualTo("503 5.5.1 Error: need MAIL command");
        String ehlo = client.command("EHLO client.test");
        assertThat(ehlo).doesNotContain("STARTTLS").contains("250-PIPELINING");
        assertThat(client.command("STARTTLS")).isEqualTo("554 5.5.1 Error: TLS already active");
        assertThat(client.command("QUIT")).startsWith("221");

        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.tls().version()).isEqualTo(tls.getSession().getProtocol());
        assertThat(session.tls().cipherSuite()).isEqualTo(tls.getSession().getCipherSuite());
        assertThat(session.tls().serverName()).isEqualTo("mail.example.test");
        assertThat(session.tls().implicit()).isFalse();
        assertThat(session.transcript()).extracting(Object::toString)
                .contains("TLS: " + session.tls());
    }

    /** CVE-2011-0411 class: what the client pipelines after STARTTLS is dropped, never executed. */
    @Test
    void commandsPipelinedAfterStarttlsAreDiscarded() throws IOException {
        SmtpDouble smtp = start(SmtpDouble.builder().tls(true));
        RawSmtpClient client = connect(smtp, smtp.port());
        client.reply();
        client.command("EHLO client.test");
        client.send("STARTTLS\r\nMAIL FROM:<injected@example.org>\r\nNOOP\r\n");
        assertThat(client.reply()).isEqualTo("220 2.0.0 Ready to start TLS");
        client.startTls(smtp.tls().socketFactory(), null);

        // The first reply inside TLS answers our EHLO: nothing injected was answered or executed
        assertThat(client.command("EHLO client.test")).startsWith("250-localhost");
        assertThat(client.command("RCPT TO:<b@example.org>")).isEqualTo("503 5.5.1 Error: need MAIL command");
        client.command("QUIT");

        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.commands()).containsExactly("EHLO client.test", "STARTTLS", "EHLO client.test",
                "RCPT TO:<b@example.org>", "QUIT");
    }

    @Test
    void starttlsWithAParameterAndWithoutTlsConfigured() throws IOException {
        SmtpDouble withTls = start(SmtpDouble.builder().tls(true));
        RawSmtpClient client = connect(withTls, withTls.port());
        client.reply();
        assertThat(client.command("STARTTLS foo")).isEqualTo("501 5.5.4 Syntax: STARTTLS");

        SmtpDouble plain = start(SmtpDouble.builder());
        RawSmtpClient other = connect(plain, plain.port());
        other.reply();
        assertThat(other.command("EHLO client.test")).doesNotContain("STARTTLS");
        assertThat(other.command("STARTTLS")).isEqualTo("502 5.5.1 Error: command not implemented");
    }

    @Test
    void requireTlsRefusesMailBeforeStarttlsAndAcceptsItAfter() throws IOException {
        SmtpDouble smtp = start(SmtpDouble.builder().tls(true).requireTls(true));
        RawSmtpClient client = connect(smtp, smtp.port());
        client.reply();
        client.command("EHLO client.test");
        for (String command : List.of("MAIL FROM:<a@example.org>", "RCPT TO:<b@example.org>", "DATA", "RSET",
                "VRFY a", "AUTH PLAIN", "BDAT 10", "ETRN x")) {
            assertThat(client.command(command)).as(command).isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
        }
        assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
        client.command("STARTTLS");
        client.startTls(smtp.tls().socketFactory(), null);
        client.command("EHLO client.test");
        assertThat(client.command("MAIL FROM:<a@example.org>")).isEqualTo("250 2.1.0 Ok");
    }

    @Test
    void implicitTlsGreetsOnlyAfterTheHandshake() throws IOException {
        SmtpDouble smtp = start(SmtpDouble.builder().tlsPort(0));
        RawSmtpClient client = connect(smtp, smtp.tlsPort());
        client.startTls(smtp.tls().socketFactory(), "smtp.example.test");
        assertThat(client.reply()).isEqualTo("220 localhost ESMTP");
        assertThat(client.command("EHLO client.test")).doesNotContain("STARTTLS");
        assertThat(client.command("STARTTLS")).isEqualTo("554 5.5.1 Error: TLS already active");
        client.command("QUIT");

        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.tls().implicit()).isTrue();
        assertThat(session.tls().serverName()).isEqualTo("smtp.example.test");
    }

    @Test
    void plaintextAfterTheReadyReplyEndsTheConnection() throws IOException {
        SmtpDouble smtp = start(SmtpDouble.builder().tls(true));
        RawSmtpClient client = connect(smtp, smtp.port());
        client.reply();
        client.command("STARTTLS");
        client.send("EHLO client.test\r\n");

        Throwable read = catchThrowable(client::reply);
        assertThat(read == null ? null : read.getClass()).as("EOF or reset, never a reply")
                .isIn(null, SocketException.class, IOException.class);
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.tls()).isNull();
        assertThat(session.tlsFailure()).isEqualTo("the client sent something that is not TLS (plaintext?)");
        assertThat(session.commands()).containsExactly("STARTTLS");
    }

    @Test
    void plaintextToTheImplicitPortGetsNoBanner() throws IOException {
        SmtpDouble smtp = start(SmtpDouble.builder().tlsPort(0));
        RawSmtpClient client = connect(smtp, smtp.tlsPort());
        client.send("EHLO client.test\r\n");
        Throwable read = catchThrowable(() -> assertThat(client.reply()).isNull());
        assertThat(read == null || read instanceof IOException).isTrue();
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.replies()).isEmpty();
        assertThat(session.tlsFailure()).isNotNull();
    }
}
