package dev.smtpdouble.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The transcript's masking rule for AUTH lines, case by case; {@code _} stands for the credential. */
class SecretMaskTest {

    private static final String CREDENTIAL = "AGFsaWNlAHNlY3JldA==";

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "AUTH PLAIN _|AUTH PLAIN <hidden>",
        "auth  login  _|auth  login <hidden>",
        "AUTH PLAIN|AUTH PLAIN",
        "AUTH|AUTH",
        "AUTH PLAIN _ extra|AUTH PLAIN <hidden>",
        "AUTH PLAIN\u000b_|AUTH PLAIN <hidden>",
        "AUTH PLAIN\f_|AUTH PLAIN <hidden>",
        "AUTH PLAIN\u00a0_|AUTH PLAIN <hidden>",
        "AUTH PLAIN _\ufffd|AUTH PLAIN <hidden>",
        " AUTH PLAIN _| AUTH PLAIN <hidden>",
        "\u000bAuTh PLAIN _|\u000bAuTh PLAIN <hidden>",
        "AUTH=PLAIN _|AUTH=PLAIN <hidden>",
        "AUTH:_|AUTH <hidden>",
        "AUTH PLAIN_|AUTH <hidden>",
        "AUTH _|AUTH <hidden>",
        "AUTH ABCDEFGHIJKLMNOPQRSTU _|AUTH <hidden>",
        "AUTH AGFsAHNlY3JldDEy|AUTH <hidden>",
        "AUTH AGFsAHNlY3JldDEy _|AUTH <hidden>",
        "AUTH FOO _|AUTH <hidden>",
        "AUTH DIGEST-MD5|AUTH DIGEST-MD5",
        "AUTHORIZE _|AUTHORIZE _",
        "MAIL FROM:<a@b.example>|MAIL FROM:<a@b.example>",
        "XAUTH PLAIN _|XAUTH PLAIN _",
    })
    void keepsTheVerbAndMechanismAtMost(String line, String recorded) {
        assertThat(SecretMask.masked(line.replace("_", CREDENTIAL))).isEqualTo(recorded.replace("_", CREDENTIAL));
    }

    @Test
    void aBareCrIsWhiteSpaceToo() {
        assertThat(SecretMask.masked("AUTH PLAIN\r" + CREDENTIAL + "\r")).isEqualTo("AUTH PLAIN <hidden>");
        assertThat(SecretMask.masked("AUTH PLAIN\r")).isEqualTo("AUTH PLAIN\r");
    }

    @Test
    void afterAnAuthAttemptLinesThatNameNoCommandAreHiddenUpToTheNextCommand() {
        SecretMask mask = new SecretMask();
        assertThat(mask.command(CREDENTIAL, false)).as("no AUTH before").isEqualTo(CREDENTIAL);
        mask.authEnded();
        assertThat(mask.command(CREDENTIAL, false)).isEqualTo("<hidden>");
        assertThat(mask.undecodable(CREDENTIAL + "\ufffd")).isEqualTo("<hidden>");
        assertThat(mask.command("*", false)).isEqualTo("*");
        assertThat(mask.command("", false)).isEqualTo("");
        assertThat(mask.command("NOOP", true)).isEqualTo("NOOP");
        assertThat(mask.command(CREDENTIAL, false)).isEqualTo(CREDENTIAL);
        assertThat(mask.undecodable(CREDENTIAL + "\ufffd")).isEqualTo(CREDENTIAL + "\ufffd");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "PLAIN|PLAIN",
        "scram-sha-256|scram-sha-256",
        "PLAIN\u000b" + CREDENTIAL + "|",
        CREDENTIAL + "|",
        "ABCDEFGHIJKLMNOPQRSTU|",
        "AGFsAHNlY3JldDEy|",
        "XOAUTH2|XOAUTH2",
    })
    void onlyARegisteredMechanismNameIsShown(String word, String name) {
        assertThat(SecretMask.mechanismName(word)).isEqualTo(name);
    }
}
