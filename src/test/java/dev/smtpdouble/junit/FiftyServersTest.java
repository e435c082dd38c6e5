package dev.smtpdouble.junit;

import dev.smtpdouble.SmtpDouble;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fifty tests, fifty servers: what a server per test costs. Each test starts its own server (an
 * instance field), sends one message with Jakarta Mail and checks it; the class's run time is the
 * figure quoted in docs/junit.md.
 */
class FiftyServersTest {

    @RegisterExtension
    SmtpDoubleExtension smtp = SmtpDoubleExtension.builder().build();

    @RepeatedTest(50)
    void oneMessageOnItsOwnServer(SmtpDouble server) {
        Mail.send(server, "ada@example.test", "fifty");

        SmtpAssertions.assertThat(server).onlyMessage().hasSubject("fifty");
    }
}
