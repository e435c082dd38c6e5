package dev.smtpdouble.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.SmtpDouble;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The annotation's AUTH attributes, and the assertions on who authenticated and how. */
@SmtpDoubleTest(auth = {"alice:s3cret", "bob:hunter2"}, requireAuth = true)
class AuthAssertionsTest {

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void passesOnWhoAuthenticated(SmtpDouble smtp) {
        try (SmtpClient client = SmtpClient.connect(smtp)) {
            client.send("EHLO client.test");
            assertThat(client.send("MAIL FROM:<a@example.test>")).isEqualTo("530 5.7.0 Authentication required");
            assertThat(client.send("AUTH PLAIN " + plain("alice", "guess"))).startsWith("535 5.7.8");
            assertThat(client.send("AUTH PLAIN " + plain("alice", "s3cret"))).startsWith("235 2.7.0");
            client.sendMail("a@example.test", "b@example.test", "Signed in");
        }

        SmtpAssertions.assertThat(smtp).awaitEndedConnections(1)
                .onlySession().isAuthenticatedAs("alice").hasAuthReplyCodes(535, 235)
                .and().onlyMessage().wasSentAuthenticatedAs("alice");
    }

    @Test
    void failsWithTheAttemptsAndTheTranscript(SmtpDouble smtp) {
        try (SmtpClient client = SmtpClient.connect(smtp)) {
            client.send("AUTH PLAIN " + plain("bob", "hunter2"));
            client.send("QUIT");
        }
        SessionAssert session = SmtpAssertions.assertThat(smtp).awaitEndedConnections(1).onlySession();

        assertThatThrownBy(() -> session.isAuthenticatedAs("alice"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("session 1: expected it to be authenticated as 'alice' but it is "
                        + "authenticated as 'bob'; AUTH attempts: [AUTH PLAIN as bob: 235, authenticated, secret sent "
                        + "in clear]")
                .hasMessageContaining("C: AUTH PLAIN <hidden>")
                .hasMessageNotContaining(plain("bob", "hunter2")).hasMessageNotContaining("hunter2");
        assertThatThrownBy(session::isNotAuthenticated).hasMessageContaining("authenticated as 'bob'");
        assertThatThrownBy(session::neverSentPasswordInClear)
                .hasMessageStartingWith("session 1: the client sent a password or token without TLS");
        assertThatThrownBy(() -> SmtpAssertions.assertThat(smtp).neverSentPasswordInClear())
                .isInstanceOf(AssertionFailedError.class);
        assertThatThrownBy(() -> session.hasAuthReplyCodes(535)).hasMessageContaining("[235]");
    }

    /** In a container the same attributes become the image's options. */
    @SmtpDoubleTest(container = true, image = "smtp-double:test", auth = {"alice:s3cret", "bob:pw"}, requireAuth = true,
            allowPlaintextAuth = true)
    static final class InAContainer {
    }

    @Test
    void theAttributesBecomeOptionsOfTheImage() {
        ServerConfig config = ServerConfig.of(InAContainer.class.getAnnotation(SmtpDoubleTest.class));

        assertThat(config.container().options()).containsSubsequence("--auth", "alice:s3cret", "--auth", "bob:pw",
                "--require-auth", "--allow-plaintext-auth");
        assertThat(config.container().unsupported()).isEmpty();
    }

    @Test
    void cramMd5SendsNoPasswordInClear(SmtpDouble smtp) throws Exception {
        try (SmtpClient client = SmtpClient.connect(smtp)) {
            String challenge = client.send("AUTH CRAM-MD5").substring(4);
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacMD5");
            mac.init(new javax.crypto.spec.SecretKeySpec("hunter2".getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            String digest = java.util.HexFormat.of().formatHex(mac.doFinal(Base64.getDecoder().decode(challenge)));
            assertThat(client.send(Base64.getEncoder().encodeToString(("bob " + digest).getBytes(StandardCharsets.UTF_8))))
                    .startsWith("235");
            client.send("QUIT");
        }

        SmtpAssertions.assertThat(smtp).awaitEndedConnections(1).neverSentPasswordInClear()
                .onlySession().isAuthenticatedAs("bob").neverSentPasswordInClear();
    }
}
