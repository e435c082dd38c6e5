package dev.smtpdouble.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialsTest {

    @Test
    void printingShowsUserNamesOnly() {
        Credentials credentials = Credentials.of("alice", "s3cr3t-pw").with("bob", "hunter2").withToken("bob", "ya29.tok");

        assertThat(credentials.toString()).isEqualTo("Credentials[users=[alice, bob]]");
        assertThat(credentials.accounts().toString()).doesNotContain("s3cr3t-pw", "hunter2", "ya29.tok");
        assertThat(new AuthSettings(credentials, Mechanism.ALL, true, false).toString())
                .doesNotContain("s3cr3t-pw", "hunter2", "ya29.tok");
    }

    @Test
    void parsesUserColonPasswordAtTheFirstColon() {
        assertThat(Credentials.Account.parse("alice:pa:ss")).isEqualTo(new Credentials.Account("alice", "pa:ss"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", ":secret", "alice:", "", "al\u0001ce:pw", "alice:pw\u0000x"})
    void aBadAccountIsRefusedWithoutRepeatingIt(String text) {
        assertThatThrownBy(() -> Credentials.Account.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret", "pw"));
    }

    @Test
    void aUserGivenTwiceIsRefusedButWithReplacesThePassword() {
        assertThatThrownBy(() -> new Credentials(List.of(new Credentials.Account("a", "x"),
                new Credentials.Account("a", "y")))).hasMessage("user 'a' is given twice");

        Credentials replaced = Credentials.of("a", "x").with("a", "y");
        assertThat(replaced.passwordMatches("a", "y")).isTrue();
        assertThat(replaced.passwordMatches("a", "x")).isFalse();
    }

    @Test
    void theTokenIsThePasswordUnlessOneIsGiven() {
        Credentials credentials = Credentials.of("alice", "pw").with("bob", "pw2").withToken("bob", "tok");

        assertThat(credentials.tokenMatches("alice", "pw")).isTrue();
        assertThat(credentials.tokenMatches("bob", "pw2")).isFalse();
        assertThat(credentials.tokenMatches("bob", "tok")).isTrue();
        assertThat(credentials.ownerOfToken("tok")).contains("bob");
        assertThat(credentials.passwordMatches("bob", "tok")).isFalse();
        assertThatThrownBy(() -> credentials.withToken("carol", "t")).hasMessageContaining("no user 'carol'");
    }

    @Test
    void mechanismNamesAreCaseInsensitive() {
        assertThat(Mechanism.named("cram-md5")).contains(Mechanism.CRAM_MD5);
        assertThat(Mechanism.named("XOauth2")).contains(Mechanism.XOAUTH2);
        assertThat(Mechanism.named("DIGEST-MD5")).isEmpty();
    }

    @Test
    void requiringAuthWithoutAnAccountFailsTheCheck() {
        assertThatThrownBy(() -> AuthSettings.OFF.withRequired(true).check())
                .hasMessageContaining("--auth USER:PASSWORD");
        assertThat(AuthSettings.OFF.withCredentials(Credentials.of("a", "b")).withRequired(true).check().enabled())
                .isTrue();
        assertThat(AuthSettings.OFF.ehloLine()).isEqualTo("AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER");
    }
}
