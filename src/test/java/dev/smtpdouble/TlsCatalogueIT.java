package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.smtpdouble.journal.SessionEnd;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.scenario.Scenarios;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The TLS faults of the catalogue against Jakarta Mail (Angus) configured as production code is:
 * STARTTLS required (or {@code mail.smtp.ssl.enable} on the implicit port), trusting only the test
 * CA, checking the server's name. What Jakarta reports is what the README's catalogue table says.
 */
class TlsCatalogueIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private SmtpDouble smtp;

    private SmtpDouble start(String scenario) {
        smtp = SmtpDouble.builder().tlsPort(0).scenario(Scenarios.load(scenario)).start();
        return smtp;
    }

    @AfterEach
    void stop() {
        if (smtp != null) {
            smtp.close();
        }
    }

    private static Properties starttls(SmtpDouble smtp) {
        return TlsJakartaMailIT.connection("localhost", smtp.port(), smtp.tls().jakartaMailProperties(false));
    }

    private static Properties implicit(SmtpDouble smtp) {
        return TlsJakartaMailIT.connection("localhost", smtp.tlsPort(), smtp.tls().jakartaMailProperties(true));
    }

    private static Throwable send(Properties properties) {
        return catchThrowable(() -> TlsJakartaMailIT.send(properties));
    }

    private static Throwable root(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Test
    void starttlsRefused() {
        start("starttls-refused");
        Throwable thrown = send(starttls(smtp));
        assertThat(thrown).isInstanceOf(MessagingException.class)
                .hasMessageContaining("454 4.7.0 TLS not available due to local problem");
        assertThat(smtp.journal().messages()).isEmpty();
    }

    @Test
    void starttlsNotOffered() throws Exception {
        start("starttls-not-offered");
        Throwable first = send(starttls(smtp));
        assertThat(first).isInstanceOf(MessagingException.class)
                .hasMessage("STARTTLS is required but host does not support STARTTLS");
        TlsJakartaMailIT.send(starttls(smtp)); // the second connection offers it
        assertThat(smtp.journal().awaitMessages(1, WAIT)).hasSize(1);
        assertThat(smtp.journal().sessions().get(0).commands()).doesNotContain("STARTTLS");
    }

    @Test
    void starttlsReset() {
        start("starttls-reset");
        Throwable thrown = send(starttls(smtp));
        assertThat(thrown).isInstanceOf(MessagingException.class).hasMessageContaining("Could not convert socket to TLS");
        assertThat(root(thrown)).isInstanceOf(SocketException.class).hasMessageContaining("Connection reset");
        assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).end()).isEqualTo(SessionEnd.SERVER_RESET);
    }

    @Test
    void starttlsClose() {
        start("starttls-close");
        Throwable thrown = send(starttls(smtp));
        assertThat(thrown).isInstanceOf(MessagingException.class).hasMessageContaining("Could not convert socket to TLS");
        assertThat(root(thrown)).isInstanceOf(IOException.class);
        assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).end()).isEqualTo(SessionEnd.SERVER_CLOSED);
    }

    @Test
    void starttlsHang() {
        start("starttls-hang");
        Properties properties = starttls(smtp);
        properties.put("mail.smtp.timeout", "1000");
        Throwable thrown = send(properties);
        assertThat(thrown).isInstanceOf(MessagingException.class).hasMessageContaining("Could not convert socket to TLS");
        assertThat(root(thrown)).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void starttlsAlert() {
        start("starttls-alert");
        Throwable thrown = send(starttls(smtp));
        assertThat(thrown).isInstanceOf(MessagingException.class).hasMessageContaining("Could not convert socket to TLS");
        assertThat(root(thrown)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("Received fatal alert: handshake_failure");
    }

    @Test
    void starttlsInjection() throws Exception {
        start("starttls-injection");
        Throwable thrown = send(starttls(smtp));
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.replies()).extracting(Object::toString)
                .contains("554 5.7.0 Injected before the TLS handshake; a correct client never reads this");
        // Angus reads replies through its own buffer: the injected reply is dropped with it when the
        // socket is converted, the handshake succeeds and the message is delivered
        assertThat(thrown).isNull();
        assertThat(session.tls()).isNotNull();
        assertThat(smtp.journal().messages()).hasSize(1);
    }

    @Test
    void tlsOldVersion421() throws Exception {
        start("tls-old-version-421");
        // this JVM allows neither TLS 1.0 nor 1.1: Jakarta negotiates TLS 1.2 or 1.3 and the rule stays quiet
        TlsJakartaMailIT.send(starttls(smtp));
        assertThat(smtp.journal().awaitMessages(1, WAIT)).hasSize(1);
        Properties old = starttls(smtp);
        old.put("mail.smtp.ssl.protocols", "TLSv1.1");
        Throwable thrown = send(old);
        assertThat(thrown).isInstanceOf(MessagingException.class).hasMessageContaining("Could not convert socket to TLS");
        assertThat(root(thrown)).isInstanceOf(SSLException.class);
    }

    @Test
    void tls13Only() throws Exception {
        start("tls13-only");
        Properties twelve = starttls(smtp);
        twelve.put("mail.smtp.ssl.protocols", "TLSv1.2");
        Throwable thrown = send(twelve);
        assertThat(root(thrown)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("protocol_version");
        TlsJakartaMailIT.send(implicit(smtp));
        assertThat(smtp.journal().awaitMessages(1, WAIT)).hasSize(1);
        assertThat(smtp.journal().sessions().get(1).tls().version()).isEqualTo("TLSv1.3");
    }

    /** Each broken certificate is refused on both ports, with the name check on; the journal says why. */
    /**
     * @param reasons what the JDK names as the root cause; which one depends on the path the JDK's
     *                certificate path builder took (an expired certificate may also come out as "unable
     *                to find valid certification path")
     */
    private void refused(String scenario, String... reasons) {
        start(scenario);
        for (Properties properties : new Properties[] {starttls(smtp), implicit(smtp)}) {
            Throwable thrown = send(properties);
            assertThat(thrown).as(scenario).isInstanceOf(MessagingException.class)
                    .hasRootCauseInstanceOf(GeneralSecurityException.class);
            assertThat(thrown.getCause()).as(scenario).isInstanceOf(SSLHandshakeException.class);
            assertThat(root(thrown).getMessage()).as(scenario).containsAnyOf(reasons);
        }
        // Angus opens one more connection to the implicit port after the failed one, and sends nothing on it
        assertThat(smtp.journal().awaitSession(session -> session.tlsFailure() != null && session.tlsFailure()
                .startsWith("Received fatal alert: certificate_unknown") && session.replies().isEmpty(), WAIT))
                .isNotNull();
        assertThat(smtp.journal().sessions()).allSatisfy(session -> assertThat(session.tls()).isNull());
        assertThat(smtp.journal().sessions().get(0).tlsFailure()).isEqualTo("Received fatal alert: certificate_unknown");
        assertThat(smtp.journal().messages()).isEmpty();
    }

    @Test
    void certificateSelfSigned() {
        refused("certificate-self-signed", "unable to find valid certification path");
    }

    @Test
    void certificateExpired() {
        refused("certificate-expired", "NotAfter", "unable to find valid certification path");
    }

    @Test
    void certificateNotYetValid() {
        refused("certificate-not-yet-valid", "NotBefore", "unable to find valid certification path");
    }

    @Test
    void certificateWrongHost() {
        refused("certificate-wrong-host", "No subject alternative DNS name matching localhost",
                "unable to find valid certification path");
    }

    @Test
    void certificateUntrustedCa() {
        refused("certificate-untrusted-ca", "unable to find valid certification path");
    }

    @Test
    void aClientThatTrustsEverythingIsCaughtByTheJournal() throws Exception {
        start("certificate-wrong-host");
        Properties careless = TlsJakartaMailIT.connection("localhost", smtp.port(), new Properties());
        careless.put("mail.smtp.starttls.enable", "true");
        careless.put("mail.smtp.starttls.required", "true");
        careless.put("mail.smtp.ssl.trust", "*"); // the two settings that make every certificate acceptable
        careless.put("mail.smtp.ssl.checkserveridentity", "false");
        TlsJakartaMailIT.send(careless);
        assertThat(smtp.journal().awaitMessages(1, WAIT)).hasSize(1);
        assertThat(smtp.journal().sessions().get(0).tls()).isNotNull(); // delivered over the wrong certificate
    }

}
