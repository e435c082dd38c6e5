package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.smtpdouble.journal.SessionEnd;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.scenario.Scenarios;
import dev.smtpdouble.tls.Trust;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each TLS fault of the catalogue over a raw socket: exactly what goes over the wire. */
class TlsFaultDialogueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private SmtpDouble smtp;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private RawSmtpClient connect(String scenario) throws IOException {
        smtp = SmtpDouble.builder().tlsPort(0).scenario(Scenarios.load(scenario)).start();
        toClose.add(smtp);
        return client(smtp.port());
    }

    private RawSmtpClient client(int port) throws IOException {
        RawSmtpClient client = new RawSmtpClient(smtp.host(), port);
        toClose.add(client);
        return client;
    }

    /** Up to the 220 to STARTTLS. */
    private RawSmtpClient readyForTls(String scenario) throws IOException {
        RawSmtpClient client = connect(scenario);
        client.reply();
        client.command("EHLO client.test");
        assertThat(client.command("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
        return client;
    }

    @Test
    void starttlsRefusedKeepsThePlaintextSessionOpen() throws IOException {
        RawSmtpClient client = connect("starttls-refused");
        client.reply();
        assertThat(client.command("EHLO client.test")).contains("250-STARTTLS");
        assertThat(client.command("STARTTLS")).isEqualTo("454 4.7.0 TLS not available due to local problem");
        assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
    }

    @Test
    void starttlsNotOfferedOnTheFirstConnectionOnly() throws IOException {
        RawSmtpClient first = connect("starttls-not-offered");
        first.reply();
        assertThat(first.command("EHLO client.test")).doesNotContain("STARTTLS").contains("250-PIPELINING");
        RawSmtpClient second = client(smtp.port());
        second.reply();
        assertThat(second.command("EHLO client.test")).contains("250-STARTTLS");
    }

    @Test
    void starttlsResetEndsWithARst() throws IOException {
        RawSmtpClient client = readyForTls("starttls-reset");
        Throwable thrown = catchThrowable(() -> client.startTls(smtp.tls().socketFactory(), null));
        assertThat(thrown).isInstanceOf(IOException.class);
        assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).end()).isEqualTo(SessionEnd.SERVER_RESET);
    }

    @Test
    void starttlsCloseEndsWithAFin() throws IOException {
        RawSmtpClient client = readyForTls("starttls-close");
        assertThat(client.rest()).isEmpty();
        assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).end()).isEqualTo(SessionEnd.SERVER_CLOSED);
    }

    @Test
    void starttlsHangNeverAnswersTheClientHello() throws IOException {
        RawSmtpClient client = readyForTls("starttls-hang");
        client.socket().setSoTimeout(500);
        Throwable thrown = catchThrowable(() -> client.startTls(smtp.tls().socketFactory(), null));
        assertThat(thrown).isInstanceOf(SocketTimeoutException.class);
        assertThat(smtp.journal().sessions().get(0).isOpen()).isTrue();
    }

    @Test
    void starttlsAlertAnswersTheClientHelloWithAFatalAlert() throws IOException {
        RawSmtpClient client = readyForTls("starttls-alert");
        Throwable thrown = catchThrowable(() -> client.startTls(smtp.tls().socketFactory(), null));
        assertThat(thrown).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("Received fatal alert: handshake_failure");
    }

    @Test
    void starttlsInjectionSendsASecondReplyInTheSamePacket() throws IOException {
        RawSmtpClient client = connect("starttls-injection");
        client.reply();
        client.command("EHLO client.test");
        client.send("STARTTLS\r\n");
        assertThat(client.reply()).isEqualTo("220 2.0.0 Ready to start TLS");
        assertThat(client.socket().getInputStream().available()).as("the injected reply came with the 220").isPositive();
        assertThat(client.reply()).isEqualTo("554 5.7.0 Injected before the TLS handshake; a correct client never reads this");
        client.startTls(smtp.tls().socketFactory(), null); // the server goes on with the handshake
        assertThat(client.command("EHLO client.test")).startsWith("250-localhost");
    }

    @Test
    void tls13OnlyRefusesATls12Client() throws IOException {
        RawSmtpClient client = readyForTls("tls13-only");
        SSLSocketFactory twelveOnly = new VersionLimited(smtp.tls().socketFactory(), "TLSv1.2");
        Throwable thrown = catchThrowable(() -> client.startTls(twelveOnly, null));
        assertThat(thrown).isInstanceOf(SSLHandshakeException.class).hasMessageContaining("protocol_version");
        SessionRecord session = smtp.journal().awaitSession(s -> s.tlsFailure() != null, WAIT);
        assertThat(session.tlsFailure()).containsIgnoringCase("protocol");
    }

    /** The certificates presented, read by a client that accepts anything. */
    private X509Certificate[] presented(String scenario) throws Exception {
        smtp = SmtpDouble.builder().tlsPort(0).scenario(Scenarios.load(scenario)).start();
        toClose.add(smtp);
        SSLContext context = SSLContext.getInstance("TLS");
        X509Certificate[][] seen = new X509Certificate[1][];
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen[0] = chain;
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(smtp.host(), smtp.tlsPort())) {
            socket.startHandshake();
        }
        return seen[0];
    }

    @Test
    void theBrokenCertificatesAreBrokenInExactlyOneWay() throws Exception {
        X509Certificate ca = Trust.generated().caCertificate();
        Date now = Date.from(Instant.now());

        X509Certificate[] selfSigned = presented("certificate-self-signed");
        assertThat(selfSigned).hasSize(1);
        assertThat(selfSigned[0].getIssuerX500Principal()).isEqualTo(selfSigned[0].getSubjectX500Principal());
        selfSigned[0].verify(selfSigned[0].getPublicKey());

        X509Certificate expired = presented("certificate-expired")[0];
        expired.verify(ca.getPublicKey());
        assertThat(expired.getNotAfter()).isBefore(now);

        X509Certificate future = presented("certificate-not-yet-valid")[0];
        future.verify(ca.getPublicKey());
        assertThat(future.getNotBefore()).isAfter(now);

        X509Certificate wrongHost = presented("certificate-wrong-host")[0];
        wrongHost.verify(ca.getPublicKey());
        assertThat(wrongHost.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                .containsExactly("wrong-host.invalid");

        X509Certificate[] untrusted = presented("certificate-untrusted-ca");
        assertThat(untrusted[1].getSubjectX500Principal()).isNotEqualTo(ca.getSubjectX500Principal());
        untrusted[0].verify(untrusted[1].getPublicKey());
        assertThat(untrusted[0].getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                .contains("localhost", "127.0.0.1");

        X509Certificate valid = presented("accept-all")[0];
        valid.verify(ca.getPublicKey());
        valid.checkValidity();
        assertThat(valid.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                .containsExactly("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
    }

    /** A socket factory whose sockets offer only the given TLS versions. */
    private static final class VersionLimited extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final String[] versions;

        VersionLimited(SSLSocketFactory delegate, String... versions) {
            this.delegate = delegate;
            this.versions = versions;
        }

        private java.net.Socket limit(java.net.Socket socket) {
            SSLSocket tls = (SSLSocket) socket;
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setProtocols(versions);
            tls.setSSLParameters(parameters);
            return tls;
        }

        @Override
        public java.net.Socket createSocket(java.net.Socket s, String host, int port, boolean autoClose)
                throws IOException {
            return limit(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws IOException {
            return limit(delegate.createSocket(host, port));
        }

        @Override
        public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort)
                throws IOException {
            return limit(delegate.createSocket(host, port, local, localPort));
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port) throws IOException {
            return limit(delegate.createSocket(host, port));
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress local,
                                            int localPort) throws IOException {
            return limit(delegate.createSocket(address, port, local, localPort));
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }
    }
}
