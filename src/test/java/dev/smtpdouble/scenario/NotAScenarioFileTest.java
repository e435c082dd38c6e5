package dev.smtpdouble.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A file given by mistake (a password file, an env file) is refused without printing its lines. */
class NotAScenarioFileTest {

    private static List<String> problems(String text) {
        return catchThrowableOfType(() -> ScenarioLoader.parse(text, "given.yaml"), ScenarioException.class).problems();
    }

    @Test
    void aPasswordFileIsRefusedWithoutItsLines() {
        String hash = "$y$j9T$Qx0fR2mPq9Lk3Ab7Cd1Ef.$Zr8Yv6Wu4Ts2Rq0Po9Nm8Lk7Jh6Gf5Ed4Cb3Az2Xy1";
        List<String> problems = problems("root:*:20228:0:99999:7::\nalice:" + hash + ":20228:0:99999:7:::\n");

        assertThat(problems).containsExactly(
                "given.yaml:1:1: unknown key (not shown: 23 characters, not a key's name) in the scenario; known keys: "
                        + "description, initial_state, rules, scenario, seed, server",
                "given.yaml:2:1: unknown key (not shown: " + ("alice:" + hash + ":20228:0:99999:7::").length()
                        + " characters, not a key's name) in the scenario; known keys: description, initial_state, rules, "
                        + "scenario, seed, server");
        assertThat(String.join("\n", problems)).doesNotContain("root", "alice", "20228", hash.substring(8, 20));
    }

    @Test
    void anEnvFileIsRefusedWithoutItsValues() {
        List<String> problems = problems("SMTP_PASSWORD=Sup3rSecret:x\n");

        assertThat(problems).singleElement().asString().doesNotContain("Sup3rSecret", "SMTP_PASSWORD");
    }

    @Test
    void aMistypedKeyIsStillNamed() {
        assertThat(problems("scenario: x\ndescripton: y\n")).containsExactly(
                "given.yaml:2:1: unknown key 'descripton' in the scenario; did you mean 'description'?");
    }
}
