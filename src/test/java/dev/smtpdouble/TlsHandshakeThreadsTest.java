package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The costly part of a TLS handshake runs on the server's handshake threads, not on the event loop
 * that serves the other connections; those threads end when the server closes.
 */
class TlsHandshakeThreadsTest {

    private static final String PREFIX = "smtp-double-tls-";

    @Test
    void handshakesRunOffTheEventLoopOnThreadsThatEndWithTheServer() throws Exception {
        Set<Thread> before = handshakeThreads();
        SmtpDouble smtp = SmtpDouble.builder().ioThreads(1).tlsPort(0).tls(true).start();
        try {
            implicitSession(smtp);
            starttlsSession(smtp);
        } finally {
            List<Thread> ours = handshakeThreads().stream().filter(t -> !before.contains(t)).toList();
            smtp.close();
            assertThat(ours).as("threads that ran this server's handshakes").isNotEmpty();
            for (Thread thread : ours) {
                thread.join(10_000);
                assertThat(thread.isAlive()).as(thread.getName() + " after close").isFalse();
            }
        }
    }

    private static void implicitSession(SmtpDouble smtp) throws IOException {
        try (RawSmtpClient client = new RawSmtpClient(smtp.host(), smtp.tlsPort())) {
            client.startTls(smtp.tls().socketFactory(), null);
            assertThat(client.reply()).startsWith("220 ");
            assertThat(client.command("QUIT")).startsWith("221");
        }
    }

    private static void starttlsSession(SmtpDouble smtp) throws IOException {
        try (RawSmtpClient client = new RawSmtpClient(smtp.host(), smtp.port())) {
            client.reply();
            client.command("EHLO client.test");
            assertThat(client.command("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
            client.startTls(smtp.tls().socketFactory(), null);
            assertThat(client.command("QUIT")).startsWith("221");
        }
    }

    private static Set<Thread> handshakeThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(PREFIX))
                .collect(Collectors.toSet());
    }
}
