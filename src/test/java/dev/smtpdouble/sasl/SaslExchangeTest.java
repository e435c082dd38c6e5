package dev.smtpdouble.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each mechanism as a table: the AUTH line's initial response, the client's lines, and every step. */
class SaslExchangeTest {

    private static final Credentials ACCOUNTS = Credentials.of("alice", "secret").with("bob", "hunter2")
            .withToken("bob", "ya29.bob");
    private static final String CHALLENGE = "<1896.697170952@localhost>";
    private static final String USERNAME = "334 VXNlcm5hbWU6";
    private static final String PASSWORD = "334 UGFzc3dvcmQ6";
    private static final String XOAUTH2_ERROR = "334 " + b64(BearerDialogue.XOAUTH2_ERROR) + " (refusal)";
    private static final String OAUTHBEARER_ERROR = "334 " + b64(BearerDialogue.OAUTHBEARER_ERROR) + " (refusal)";

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String cramResponse(String user, String password) {
        return b64(user + " " + HexFormat.of().formatHex(CramMd5Dialogue.hmacMd5(password, CHALLENGE)));
    }

    /** The steps, rendered: {@code 334 text}, {@code ok alice}, or the failure's name. */
    private static List<String> run(Mechanism mechanism, String initialResponse, String... lines) {
        SaslExchange exchange = SaslExchange.start(mechanism, ACCOUNTS, CHALLENGE);
        List<String> steps = new ArrayList<>();
        steps.add(render(exchange.begin(initialResponse)));
        for (String line : lines) {
            steps.add(render(exchange.respond(line)));
        }
        return steps;
    }

    private static String render(SaslStep step) {
        if (step instanceof SaslStep.Challenge challenge) {
            return "334 " + challenge.text() + (challenge.refusal() ? " (refusal)" : "");
        } else if (step instanceof SaslStep.Success success) {
            return "ok " + success.user();
        }
        return ((SaslStep.Failure) step).reason().name();
    }

    static Stream<Arguments> dialogues() {
        return Stream.of(
                // PLAIN: authzid NUL authcid NUL password
                row("PLAIN initial response", Mechanism.PLAIN, b64("\0alice\0secret"), "ok alice"),
                row("PLAIN authzid = authcid", Mechanism.PLAIN, b64("alice\0alice\0secret"), "ok alice"),
                row("PLAIN authzid of another user", Mechanism.PLAIN, b64("bob\0alice\0secret"),
                        "AUTHENTICATION_FAILURE"),
                row("PLAIN wrong password", Mechanism.PLAIN, b64("\0alice\0wrong"), "AUTHENTICATION_FAILURE"),
                row("PLAIN unknown user", Mechanism.PLAIN, b64("\0mallory\0secret"), "AUTHENTICATION_FAILURE"),
                row("PLAIN another user's password", Mechanism.PLAIN, b64("\0alice\0hunter2"),
                        "AUTHENTICATION_FAILURE"),
                row("PLAIN empty initial response", Mechanism.PLAIN, "=", "ANOTHER_STEP"),
                row("PLAIN base64 without padding", Mechanism.PLAIN, "AGFsaWNlAHNlY3JldA", "ANOTHER_STEP"),
                row("PLAIN not base64", Mechanism.PLAIN, "!!!!", "BAD_PROTOCOL"),
                row("PLAIN without NULs", Mechanism.PLAIN, b64("alice secret"), "BAD_PROTOCOL"),
                row("PLAIN not UTF-8", Mechanism.PLAIN, "AP8A", "BAD_PROTOCOL"),
                row("PLAIN at the prompt", Mechanism.PLAIN, null, "334 ", b64("\0alice\0secret"), "ok alice"),
                row("PLAIN cancelled", Mechanism.PLAIN, null, "334 ", "*", "ABORTED"),
                row("PLAIN empty line", Mechanism.PLAIN, null, "334 ", "", "BAD_PROTOCOL"),
                row("PLAIN unpadded at the prompt", Mechanism.PLAIN, null, "334 ", "AGFsaWNlAHNlY3JldA", "ANOTHER_STEP"),
                // LOGIN: two prompts, or one when the AUTH line carries the user name
                row("LOGIN", Mechanism.LOGIN, null, USERNAME, b64("alice"), PASSWORD, b64("secret"), "ok alice"),
                row("LOGIN user on the AUTH line", Mechanism.LOGIN, b64("alice"), PASSWORD, b64("secret"), "ok alice"),
                row("LOGIN wrong password", Mechanism.LOGIN, b64("bob"), PASSWORD, b64("secret"),
                        "AUTHENTICATION_FAILURE"),
                row("LOGIN empty user name", Mechanism.LOGIN, null, USERNAME, "", "BAD_PROTOCOL"),
                row("LOGIN cancelled at the password", Mechanism.LOGIN, null, USERNAME, b64("alice"), PASSWORD, "*",
                        "ABORTED"),
                row("LOGIN garbage", Mechanism.LOGIN, null, USERNAME, "a?b=", "BAD_PROTOCOL"),
                // CRAM-MD5: the server speaks first
                row("CRAM-MD5", Mechanism.CRAM_MD5, null, "334 " + b64(CHALLENGE), cramResponse("alice", "secret"),
                        "ok alice"),
                row("CRAM-MD5 wrong password", Mechanism.CRAM_MD5, null, "334 " + b64(CHALLENGE),
                        cramResponse("alice", "guess"), "AUTHENTICATION_FAILURE"),
                row("CRAM-MD5 unknown user", Mechanism.CRAM_MD5, null, "334 " + b64(CHALLENGE),
                        cramResponse("eve", "secret"), "AUTHENTICATION_FAILURE"),
                row("CRAM-MD5 without a digest", Mechanism.CRAM_MD5, null, "334 " + b64(CHALLENGE), b64("alice"),
                        "BAD_PROTOCOL"),
                row("CRAM-MD5 with an initial response", Mechanism.CRAM_MD5, b64("alice x"), "BAD_PROTOCOL"),
                // XOAUTH2: Google's format; a refused token gets a JSON error first
                row("XOAUTH2", Mechanism.XOAUTH2, b64("user=bob\u0001auth=Bearer ya29.bob\u0001\u0001"), "ok bob"),
                row("XOAUTH2 password as token", Mechanism.XOAUTH2,
                        b64("user=alice\u0001auth=Bearer secret\u0001\u0001"), "ok alice"),
                row("XOAUTH2 at the prompt", Mechanism.XOAUTH2, null, "334 ",
                        b64("user=bob\u0001auth=Bearer ya29.bob\u0001\u0001"), "ok bob"),
                row("XOAUTH2 wrong token", Mechanism.XOAUTH2, b64("user=bob\u0001auth=Bearer hunter2\u0001\u0001"),
                        XOAUTH2_ERROR, "", "AUTHENTICATION_FAILURE"),
                row("XOAUTH2 refused, then cancelled", Mechanism.XOAUTH2,
                        b64("user=bob\u0001auth=Bearer nope\u0001\u0001"), XOAUTH2_ERROR, "*", "ABORTED"),
                row("XOAUTH2 without user", Mechanism.XOAUTH2, b64("auth=Bearer ya29.bob\u0001\u0001"),
                        "BAD_PROTOCOL"),
                row("XOAUTH2 not a bearer token", Mechanism.XOAUTH2, b64("user=bob\u0001auth=Basic x\u0001\u0001"),
                        "BAD_PROTOCOL"),
                // OAUTHBEARER: RFC 7628, the user name optional in the GS2 header
                row("OAUTHBEARER", Mechanism.OAUTHBEARER,
                        b64("n,a=bob,\u0001host=localhost\u0001port=587\u0001auth=Bearer ya29.bob\u0001\u0001"), "ok bob"),
                row("OAUTHBEARER without user", Mechanism.OAUTHBEARER, b64("n,,\u0001auth=Bearer ya29.bob\u0001\u0001"),
                        "ok bob"),
                row("OAUTHBEARER escaped user", Mechanism.OAUTHBEARER,
                        b64("n,a=bob=2Cx,\u0001auth=Bearer ya29.bob\u0001\u0001"), OAUTHBEARER_ERROR, b64("\u0001"),
                        "AUTHENTICATION_FAILURE"),
                row("OAUTHBEARER unknown token", Mechanism.OAUTHBEARER, b64("n,,\u0001auth=Bearer expired\u0001\u0001"),
                        OAUTHBEARER_ERROR, b64("\u0001"), "AUTHENTICATION_FAILURE"),
                row("OAUTHBEARER channel binding", Mechanism.OAUTHBEARER,
                        b64("p=tls-unique,,\u0001auth=Bearer ya29.bob\u0001\u0001"), "BAD_PROTOCOL"),
                row("OAUTHBEARER without GS2 header", Mechanism.OAUTHBEARER, b64("auth=Bearer ya29.bob"),
                        "BAD_PROTOCOL"));
    }

    private static Arguments row(String name, Mechanism mechanism, String initialResponse, String... linesAndSteps) {
        return Arguments.of(name, mechanism, initialResponse, Arrays.asList(linesAndSteps));
    }

    /** {@code linesAndSteps}: the first step, then client line and step alternating. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dialogues")
    void dialogue(String name, Mechanism mechanism, String initialResponse, List<String> linesAndSteps) {
        List<String> lines = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < linesAndSteps.size(); i++) {
            (i % 2 == 0 ? expected : lines).add(linesAndSteps.get(i));
        }

        assertThat(run(mechanism, initialResponse, lines.toArray(String[]::new))).isEqualTo(expected);
    }

    @Test
    void cramMd5MatchesTheExampleOfRfc2195() {
        String challenge = "<1896.697170952@postoffice.reston.mci.net>";
        SaslExchange exchange = SaslExchange.start(Mechanism.CRAM_MD5, Credentials.of("tim", "tanstaaftanstaaf"),
                challenge);

        assertThat(exchange.begin(null)).isEqualTo(new SaslStep.Challenge(b64(challenge), false));
        assertThat(exchange.respond(b64("tim b913a602c7eda7a495b4e6e7334d3890")))
                .isEqualTo(new SaslStep.Success("tim"));
        assertThat(exchange.sentSecret()).isFalse();
    }

    @Test
    void theExchangeTellsWhoTriedAndWhetherASecretTravelled() {
        SaslExchange login = SaslExchange.start(Mechanism.LOGIN, ACCOUNTS, CHALLENGE);
        login.begin(null);
        login.respond(b64("alice"));
        assertThat(login.user()).isEqualTo("alice");
        assertThat(login.sentSecret()).isFalse();
        login.respond(b64("wrong"));
        assertThat(login.sentSecret()).isTrue();

        SaslExchange bearer = SaslExchange.start(Mechanism.OAUTHBEARER, ACCOUNTS, CHALLENGE);
        bearer.begin(b64("n,,\u0001auth=Bearer ya29.bob\u0001\u0001"));
        assertThat(bearer.user()).isEqualTo("bob");
        assertThat(bearer.sentSecret()).isTrue();
    }

    @Test
    void cramMd5ChallengeHasCyrusForm() {
        assertThat(SaslExchange.cramMd5Challenge(1896, 697170952, "mx.test")).isEqualTo("<1896.697170952@mx.test>");
        assertThat(SaslExchange.cramMd5Challenge(-1, 1, "h")).isEqualTo("<18446744073709551615.1@h>");
    }
}
