package shop.mail;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.junit.SmtpDoubleExtension;
import dev.smtpdouble.junit.UseScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mail.MailSendException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(properties = "welcome.mail.backoff=200ms")
class WelcomeMailerTest {

    @RegisterExtension
    static SmtpDoubleExtension smtp = SmtpDoubleExtension.builder()
            .scenario("greeting-421-then-accept")
            .build();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", smtp::host);
        registry.add("spring.mail.port", smtp::port);
    }

    @Autowired
    WelcomeMailer mailer;

    @Test
    void retriesWhenTheServerIsBrieflyDown() throws Exception {
        assertThat(mailer.sendWelcome("ada@example.test")).isEqualTo(2);

        assertThat(smtp.server()).hasConnections(2)
                .session(0).hasReplyCodes(421).wasClosedByServer()
                .and().onlyMessage().hasSubject("Welcome").hasRecipients("ada@example.test");
    }

    @Test
    @UseScenario("greeting-421")
    void givesUpAfterThreeAttempts() {
        assertThatThrownBy(() -> mailer.sendWelcome("ada@example.test"))
                .isInstanceOf(MailSendException.class);

        assertThat(smtp.server()).hasConnections(3).hasNoMessages();
    }
}
