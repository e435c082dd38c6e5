package dev.smtpdouble.examples;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.junit.SmtpDoubleTest;
import dev.smtpdouble.scenario.Rules;
import dev.smtpdouble.scenario.ScenarioBuilder;
import dev.smtpdouble.scenario.Trigger;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A scenario written in Java inside the test, the way WireMock stubs are. */
@SmtpDoubleTest(failOnUnfiredRules = true)
class JavaRulesTest {

    @Test
    void theClientGetsThroughOnTheSecondConnection(SmtpDouble smtp) throws Exception {
        smtp.useScenario(ScenarioBuilder.named("down-at-second-recipient")
                .rule(Rules.on(Trigger.RCPT).connection(1).occurrence(2).reply("421 4.3.2 System shutting down"))
                .build());
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", String.valueOf(smtp.port()));
        MimeMessage news = new MimeMessage(Session.getInstance(props));
        news.setFrom("noreply@shop.test");
        news.setRecipients(Message.RecipientType.TO, "ada@example.test, bob@example.test");
        news.setSubject("Team news");
        news.setText("Hi");

        assertThatThrownBy(() -> Transport.send(news)).isInstanceOf(MessagingException.class);   // connection 1: 421
        Transport.send(news);                                                                     // connection 2: accepted

        assertThat(smtp).hasConnections(2)
                .session(0).hasCommands("EHLO", "MAIL", "RCPT", "RCPT").hasReplyCodes(220, 250, 250, 250, 421)
                .wasClosedByServer()
                .and().onlyMessage().hasRecipients("ada@example.test", "bob@example.test");
    }
}
