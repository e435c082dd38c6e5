package dev.smtpdouble.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.sasl.AuthSettings;
import dev.smtpdouble.sasl.Credentials;
import dev.smtpdouble.sasl.Mechanism;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The AUTH keys of a scenario: the server block and the rules' match keys. */
class AuthKeysTest {

    private static final String FILE = "auth.yaml";

    private static List<String> problems(String yaml) {
        try {
            ScenarioLoader.parse(yaml, FILE);
        } catch (ScenarioException e) {
            return e.problems();
        }
        throw new AssertionError("expected the scenario to be refused:\n" + yaml);
    }

    @Test
    void theServerBlockAddsAccountsAndSetsThePolicy() {
        Scenario scenario = ScenarioLoader.parse("""
                server:
                  auth:
                    - alice:se:cret
                    - user: bob
                      password: hunter2
                      token: ya29.bob
                  require_auth: true
                  allow_plaintext_auth: true
                  auth_mechanisms: [login, PLAIN]
                """, FILE);
        Settings base = Settings.DEFAULTS.withAuth(AuthSettings.OFF.withCredentials(Credentials.of("carol", "pw")));

        AuthSettings auth = scenario.settings().apply(base).auth();

        assertThat(scenario.settings().apply(base).toString()).contains("users=[carol, alice, bob]")
                .doesNotContain("se:cret", "hunter2", "ya29.bob", "pw,");
        assertThat(auth).isEqualTo(new AuthSettings(Credentials.of("carol", "pw").with("alice", "se:cret")
                .with("bob", "hunter2").withToken("bob", "ya29.bob"), List.of(Mechanism.LOGIN, Mechanism.PLAIN),
                true, true));
    }

    @Test
    void rulesMatchMechanismUserAndIdentity() {
        List<Rule> rules = ScenarioLoader.parse("""
                rules:
                  - on: auth
                    mechanism: [plain, XOAUTH2]
                    user: '^alice$'
                    reply: 535 5.7.8 Error
                  - on: mail
                    authenticated: true
                    authenticated_as: '^bob$'
                    reply: 550 5.7.1 Not you
                  - on: auth
                    argument: '^LOGIN$'
                    reply: 454 4.7.0 Temporary authentication failure
                """, FILE).rules();

        Match auth = rules.get(0).match();
        assertThat(auth.mechanisms()).isEqualTo(Set.of("PLAIN", "XOAUTH2"));
        assertThat(auth.user().pattern()).isEqualTo("^alice$");
        Match mail = rules.get(1).match();
        assertThat(mail.authenticated()).isTrue();
        assertThat(mail.authenticatedAs().pattern()).isEqualTo("^bob$");
        assertThat(rules.get(2).match().argument().pattern()).isEqualTo("^LOGIN$");
    }

    @Test
    void javaRulesReachTheSameMatchKeys() {
        Scenario scenario = ScenarioBuilder.named("auth-rules")
                .rule(Rules.on(Trigger.AUTH).mechanism("plain", "LOGIN").user("^alice$").reply("454 4.7.0 Later"))
                .rule(Rules.on(Trigger.MAIL).authenticated(true).authenticatedAs("^bob$").reply("550 5.7.1 No"))
                .build();

        assertThat(scenario.rules().get(0).match().mechanisms()).isEqualTo(Set.of("PLAIN", "LOGIN"));
        assertThat(scenario.rules().get(0).match().user().pattern()).isEqualTo("^alice$");
        assertThat(scenario.rules().get(1).match().authenticated()).isTrue();
        assertThat(scenario.rules().get(1).match().authenticatedAs().pattern()).isEqualTo("^bob$");
    }

    @Test
    void aMatchSeesMechanismUserAndIdentity() {
        Match match = Match.builder().mechanisms(Set.of("PLAIN")).user(TextPattern.compile("^alice$"))
                .build();

        assertThat(match.matches(Event.of(Trigger.AUTH).auth("PLAIN", "alice").build())).isTrue();
        assertThat(match.matches(Event.of(Trigger.AUTH).auth("LOGIN", "alice").build())).isFalse();
        assertThat(match.matches(Event.of(Trigger.AUTH).auth("PLAIN", "alice2").build())).isFalse();
        assertThat(match.matches(Event.of(Trigger.AUTH).auth("PLAIN", null).build())).isFalse();
        Match anonymous = Match.builder().authenticated(false).build();
        assertThat(anonymous.matches(Event.of(Trigger.MAIL).build())).isTrue();
        assertThat(anonymous.matches(Event.of(Trigger.MAIL).authenticatedAs("bob").build())).isFalse();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("""
                        rules:
                          - on: auth
                            mechanism: PLIAN
                        """, "3:16", "'PLIAN' is not a SASL mechanism this server knows; did you mean 'PLAIN'?"),
                Arguments.of("""
                        rules:
                          - on: mail
                            mechanism: PLAIN
                        """, "3:16", "'mechanism' does not apply to 'on: mail'; it applies to auth"),
                Arguments.of("""
                        rules:
                          - on: rcpt
                            user: alice
                        """, "3:11", "'user' does not apply to 'on: rcpt'; it applies to auth"),
                Arguments.of("""
                        rules:
                          - on: auth
                            credentials: wrong
                        """, "3:18", "'credentials: wrong' is neither 'accepted' nor 'rejected'"),
                Arguments.of("""
                        rules:
                          - on: mail
                            credentials: rejected
                        """, "3:18", "'credentials' does not apply to 'on: mail'; it applies to auth"),
                Arguments.of("""
                        server:
                          auth_mechanisms: [PLAIN, DIGEST-MD5]
                        """, "2:20", "'DIGEST-MD5' is not a SASL mechanism this server knows; use one of PLAIN, LOGIN"),
                Arguments.of("""
                        server:
                          auth: [alice]
                        """, "2:10", "'auth': an account is written USER:PASSWORD, both non-empty"),
                Arguments.of("""
                        server:
                          auth:
                            - user: alice
                              pasword: topsecret1
                        """, "4:7", "unknown key 'pasword' in an 'auth' account"),
                Arguments.of("""
                        server:
                          auth: [alice:topsecret1, alice:topsecret2]
                        """, "2:28", "user 'alice' is given twice in 'auth'"),
                Arguments.of("""
                        server:
                          require_auth: yes please
                        """, "2:17", "'require_auth' must be true or false"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void mistakesAreNamedWithoutTheSecret(String yaml, String where, String sentence) {
        List<String> problems = problems(yaml);

        assertThat(problems.get(0)).startsWith(FILE + ":" + where + ": ").contains(sentence);
        assertThat(String.join("\n", problems)).doesNotContain("topsecret");
    }
}
