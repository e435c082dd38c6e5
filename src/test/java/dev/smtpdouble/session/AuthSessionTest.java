package dev.smtpdouble.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.journal.AuthAttempt;
import dev.smtpdouble.journal.Journal;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.journal.TranscriptEntry;
import dev.smtpdouble.protocol.Reply;
import dev.smtpdouble.sasl.AuthSettings;
import dev.smtpdouble.sasl.Credentials;
import dev.smtpdouble.sasl.Mechanism;
import dev.smtpdouble.scenario.Director;
import dev.smtpdouble.scenario.ScenarioLoader;
import dev.smtpdouble.scenario.ScenarioRuntime;
import dev.smtpdouble.scenario.Settings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** AUTH in the session state machine: Postfix's replies, the SASL input mode, rules, and the journal. */
class AuthSessionTest {

    private static final AuthSettings ALICE = AuthSettings.OFF.withCredentials(Credentials.of("alice", "secret"));
    private static final String PLAIN_OK = b64("\0alice\0secret");

    private Journal journal;
    private Session session;

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private void open(AuthSettings auth, Director director) {
        journal = new Journal();
        session = new Session(Settings.DEFAULTS.withAuth(auth), director, journal.openSession(1, "test"), 1,
                new QueueIds());
        session.open(false);
    }

    private void open(AuthSettings auth) {
        open(auth, Director.NONE);
    }

    private void openWithRules(AuthSettings auth, String rules) {
        open(auth, new ScenarioRuntime(ScenarioLoader.parse("rules:\n" + rules, "test.yaml")));
    }

    /** The first line of each reply, in order. */
    private List<String> send(String... lines) {
        List<String> replies = new ArrayList<>();
        for (String line : lines) {
            Reply reply = session.command(line).reply();
            replies.add(reply == null ? null : reply.render().split("\r\n")[0]);
        }
        return replies;
    }

    private SessionRecord record() {
        return journal.sessions().get(0);
    }

    static Stream<Arguments> dialogues() {
        return Stream.of(
                Arguments.of("PLAIN with initial response", List.of("EHLO c", "AUTH PLAIN " + PLAIN_OK),
                        List.of("250-localhost", "235 2.7.0 Authentication successful")),
                Arguments.of("mechanism names are case-insensitive", List.of("EHLO c", "auth plain " + PLAIN_OK),
                        List.of("250-localhost", "235 2.7.0 Authentication successful")),
                Arguments.of("before HELO/EHLO, as Postfix with its default smtpd_helo_required = no",
                        List.of("AUTH PLAIN " + PLAIN_OK), List.of("235 2.7.0 Authentication successful")),
                Arguments.of("PLAIN at a prompt", List.of("AUTH PLAIN", PLAIN_OK),
                        List.of("334 ", "235 2.7.0 Authentication successful")),
                Arguments.of("wrong password, then right", List.of("AUTH PLAIN " + b64("\0alice\0guess"),
                        "AUTH PLAIN " + PLAIN_OK), List.of("535 5.7.8 Error: authentication failed: authentication failure",
                        "235 2.7.0 Authentication successful")),
                Arguments.of("LOGIN", List.of("AUTH LOGIN", b64("alice"), b64("secret")),
                        List.of("334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6", "235 2.7.0 Authentication successful")),
                Arguments.of("LOGIN with the user on the AUTH line", List.of("AUTH LOGIN " + b64("alice"), b64("secret")),
                        List.of("334 UGFzc3dvcmQ6", "235 2.7.0 Authentication successful")),
                Arguments.of("cancelled", List.of("AUTH LOGIN", "*", "NOOP"),
                        List.of("334 VXNlcm5hbWU6", "501 5.7.0 Authentication aborted", "250 2.0.0 Ok")),
                Arguments.of("undecodable", List.of("AUTH LOGIN", "@@@@"),
                        List.of("334 VXNlcm5hbWU6", "535 5.7.8 Error: authentication failed: bad protocol / cancel")),
                Arguments.of("empty line at a prompt", List.of("AUTH PLAIN", ""),
                        List.of("334 ", "535 5.7.8 Error: authentication failed: bad protocol / cancel")),
                Arguments.of("empty initial response", List.of("AUTH PLAIN ="),
                        List.of("535 5.7.8 Error: authentication failed: another step is needed in authentication")),
                Arguments.of("a SASL response is never a command", List.of("AUTH LOGIN", "NOOP now"),
                        List.of("334 VXNlcm5hbWU6", "535 5.7.8 Error: authentication failed: bad protocol / cancel")),
                Arguments.of("unknown mechanism", List.of("AUTH DIGEST-MD5"),
                        List.of("535 5.7.8 Error: authentication failed: no mechanism available")),
                Arguments.of("no mechanism", List.of("AUTH", "AUTH   "),
                        List.of("501 5.5.4 Syntax: AUTH mechanism", "501 5.5.4 Syntax: AUTH mechanism")),
                Arguments.of("extra arguments", List.of("AUTH PLAIN a b"), List.of("501 5.5.4 Syntax: AUTH mechanism")),
                Arguments.of("AUTH twice", List.of("AUTH PLAIN " + PLAIN_OK, "AUTH PLAIN " + PLAIN_OK),
                        List.of("235 2.7.0 Authentication successful", "503 5.5.1 Error: already authenticated")),
                Arguments.of("AUTH inside a transaction", List.of("MAIL FROM:<a@b.example>", "AUTH PLAIN " + PLAIN_OK),
                        List.of("250 2.1.0 Ok", "503 5.5.1 Error: MAIL transaction in progress")),
                Arguments.of("AUTH= on MAIL is accepted either way", List.of("MAIL FROM:<a@b.example> AUTH=<>"),
                        List.of("250 2.1.0 Ok")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialogues")
    void answersAsPostfix(String name, List<String> lines, List<String> replies) {
        open(ALICE);

        assertThat(send(lines.toArray(String[]::new))).isEqualTo(replies);
        assertThat(session.inputMode()).isEqualTo(InputMode.COMMAND);
    }

    @Test
    void withoutAccountsAuthIsNotImplementedAndNotAdvertised() {
        open(AuthSettings.OFF);

        assertThat(session.command("EHLO c").reply().lines()).noneMatch(line -> line.startsWith("AUTH"));
        assertThat(send("AUTH PLAIN " + PLAIN_OK)).containsExactly("502 5.5.1 Error: command not implemented");
    }

    @Test
    void ehloListsTheMechanismsAfterSize() {
        open(ALICE.withMechanisms(List.of(Mechanism.PLAIN, Mechanism.LOGIN)));

        assertThat(session.command("EHLO c").reply().lines()).containsExactly("localhost", "PIPELINING",
                "SIZE 10240000", "AUTH PLAIN LOGIN", "ENHANCEDSTATUSCODES", "8BITMIME", "DSN", "SMTPUTF8");
        assertThat(send("AUTH CRAM-MD5")).containsExactly("535 5.7.8 Error: authentication failed: no mechanism available");
    }

    @Test
    void hiddenAuthIsNotEnabled() {
        journal = new Journal();
        session = new Session(Settings.DEFAULTS.withAuth(ALICE).withExtensions(List.of("AUTH"), List.of()),
                Director.NONE, journal.openSession(1, "test"), 1, new QueueIds());
        session.open(false);

        assertThat(session.command("EHLO c").reply().lines()).noneMatch(line -> line.startsWith("AUTH"));
        assertThat(send("AUTH PLAIN " + PLAIN_OK)).containsExactly("503 5.5.1 Error: authentication not enabled");
    }

    @Test
    void requiredAuthRefusesMailUntilTheClientAuthenticated() {
        open(ALICE.withRequired(true));

        assertThat(send("MAIL FROM:<a@b.example>", "AUTH PLAIN " + PLAIN_OK, "MAIL FROM:<a@b.example>"))
                .containsExactly("530 5.7.0 Authentication required", "235 2.7.0 Authentication successful",
                        "250 2.1.0 Ok");
    }

    @Test
    void cramMd5ChallengeIsUniqueAndAnsweredWithTheDigest() throws Exception {
        open(ALICE);

        String first = session.command("AUTH CRAM-MD5").reply().lines().get(0);
        String challenge = new String(Base64.getDecoder().decode(first), StandardCharsets.US_ASCII);
        assertThat(challenge).matches("<\\d+\\.\\d+@localhost>");
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacMD5"));
        String digest = HexFormat.of().formatHex(mac.doFinal(challenge.getBytes(StandardCharsets.US_ASCII)));

        assertThat(send(b64("alice " + digest))).containsExactly("235 2.7.0 Authentication successful");
        assertThat(record().authAttempts().get(0).sentSecret()).isFalse();
    }

    @Test
    void overlongOrUndecodableResponsesEndTheAttempt() {
        open(ALICE);
        send("AUTH LOGIN");

        assertThat(session.inputMode()).isEqualTo(InputMode.SASL);
        assertThat(session.overlongCommand().reply().toString()).isEqualTo("500 5.5.6 SASL response limit exceeded");
        assertThat(session.inputMode()).isEqualTo(InputMode.COMMAND);
        send("AUTH PLAIN");
        assertThat(session.badEncoding("\uFFFD").reply().toString())
                .isEqualTo("535 5.7.8 Error: authentication failed: bad protocol / cancel");
    }

    @Test
    void theTranscriptHidesEveryCredentialAndTheJournalKeepsEveryAttempt() {
        open(ALICE);
        send("AUTH PLAIN " + b64("\0alice\0wrong-pw"), "AUTH LOGIN", b64("alice"), "*", "auth  login  " + b64("alice"),
                b64("secret"));

        SessionRecord record = record();
        assertThat(record.transcript().stream().filter(e -> !(e instanceof TranscriptEntry.ServerReply))
                .map(Object::toString)).containsExactly("C: AUTH PLAIN <hidden>", "C: AUTH LOGIN", "C: <hidden>",
                "C: *", "C: auth  login <hidden>", "C: <hidden>");
        assertThat(record.toString()).doesNotContain(b64("alice"), "wrong-pw", b64("secret"), "secret:");
        assertThat(record.authAttempts()).extracting(AuthAttempt::mechanism, AuthAttempt::user,
                AuthAttempt::authenticated, a -> a.reply().code(), AuthAttempt::sentSecretInClear).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PLAIN", "alice", false, 535, true),
                org.assertj.core.groups.Tuple.tuple("LOGIN", "alice", false, 501, false),
                org.assertj.core.groups.Tuple.tuple("LOGIN", "alice", true, 235, true));
        assertThat(record.authenticatedAs()).isEqualTo("alice");
        assertThat(record.sentSecretInClear()).isTrue();
        assertThat(record.commands()).extracting(SessionAssertVerb::of).containsExactly("AUTH", "AUTH", "AUTH");
    }

    /** The verb of a command line, as {@code hasCommands} compares them. */
    private static final class SessionAssertVerb {
        static String of(String line) {
            return line.strip().split("[ :]")[0].toUpperCase(java.util.Locale.ROOT);
        }
    }

    /** RFC 4954 §5: AUTH= from a session that did not authenticate counts as AUTH=<>; Postfix accepts it either way. */
    @Test
    void theMessageRecordsTheIdentityAndWhichAuthParameterToTrust() {
        open(ALICE);
        String[] message = {"RCPT TO:<b@example.test>", "DATA"};
        send("MAIL FROM:<a@example.test> AUTH=<a@example.test>");
        send(message);
        session.content("Subject: x\r\n\r\nhi\r\n".getBytes(StandardCharsets.UTF_8), false, false);
        session.endOfData();
        send("AUTH PLAIN " + PLAIN_OK, "MAIL FROM:<a@example.test> AUTH=<a@example.test>");
        send(message);
        session.content("Subject: y\r\n\r\nhi\r\n".getBytes(StandardCharsets.UTF_8), false, false);
        session.endOfData();

        assertThat(journal.messages()).extracting(m -> m.envelope().authenticatedAs(),
                m -> m.envelope().trustedAuthParameter(), m -> m.envelope().mailParameters().get("AUTH"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "<>", "<a@example.test>"),
                        org.assertj.core.groups.Tuple.tuple("alice", "<a@example.test>", "<a@example.test>"));
    }

    @Test
    void credentialsTellAWrongPasswordFromOtherEndings() {
        openWithRules(ALICE, """
                  - on: auth
                    credentials: rejected
                    reply: 535 5.7.3 Authentication unsuccessful
                  - on: auth
                    credentials: accepted
                    mechanism: LOGIN
                    reply: 454 4.7.0 Temporary authentication failure
                """);

        assertThat(send("AUTH PLAIN " + b64("\0alice\0guess"), "AUTH PLAIN", "*", "AUTH PLAIN " + b64("\0eve\0secret"),
                "AUTH LOGIN", b64("alice"), b64("secret"), "AUTH PLAIN " + PLAIN_OK))
                .as("a wrong password or user in the provider's words; an aborted exchange and a right one untouched")
                .containsExactly("535 5.7.3 Authentication unsuccessful", "334 ", "501 5.7.0 Authentication aborted",
                        "535 5.7.3 Authentication unsuccessful", "334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6",
                        "454 4.7.0 Temporary authentication failure", "235 2.7.0 Authentication successful");
    }

    @Test
    void aRuleFailsTheFirstAttemptsThenTheDefaultAnswers() {
        openWithRules(ALICE, """
                  - on: auth
                    times: 2
                    reply: 454 4.7.0 Temporary authentication failure
                """);
        String plain = "AUTH PLAIN " + PLAIN_OK;

        assertThat(send(plain, plain, plain)).containsExactly("454 4.7.0 Temporary authentication failure",
                "454 4.7.0 Temporary authentication failure", "235 2.7.0 Authentication successful");
        assertThat(record().authAttempts()).extracting(AuthAttempt::authenticated).containsExactly(false, false, true);
    }

    @Test
    void aRuleActsOnTheReplyThatEndsTheAttemptAndMatchesMechanismAndUser() {
        openWithRules(ALICE.withCredentials(Credentials.of("alice", "secret").with("bob", "pw")), """
                  - on: auth
                    mechanism: LOGIN
                    user: '^bob$'
                    reply: 534 5.7.9 Application-specific password required
                """);

        assertThat(send("AUTH LOGIN", b64("bob"), b64("pw"))).containsExactly("334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6",
                "534 5.7.9 Application-specific password required");
        assertThat(send("AUTH PLAIN " + b64("\0bob\0pw"))).containsExactly("235 2.7.0 Authentication successful");
    }

    @Test
    void aRulesPositiveReplyAuthenticatesTheUserTheClientNamed() {
        openWithRules(ALICE, """
                  - on: auth
                    reply: 235 2.7.0 Accepted
                  - on: mail
                    authenticated_as: '^mallory$'
                    reply: 550 5.7.1 Not you
                """);

        assertThat(send("AUTH PLAIN " + b64("\0mallory\0anything"), "MAIL FROM:<m@b.example>"))
                .containsExactly("235 2.7.0 Accepted", "550 5.7.1 Not you");
        assertThat(record().authenticatedAs()).isEqualTo("mallory");
    }

    @Test
    void aRuleOnAnyCommandSeesAuthAtItsEnd() {
        openWithRules(ALICE, """
                  - on: any
                    occurrence: 1
                    argument: '^LOGIN$'
                    action: close
                """);

        assertThat(send("AUTH LOGIN", b64("alice"), b64("secret"))).containsExactly("334 VXNlcm5hbWU6",
                "334 UGFzc3dvcmQ6", null);
        assertThat(session.isFinished()).isTrue();
        assertThat(session.inputMode()).isEqualTo(InputMode.COMMAND);
    }
}
