package dev.smtpdouble.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The matrix catches what it promises to catch: code that loses mail silently, reports a partial
 * delivery as success, retries without a pause or waits forever; and it exercises the stale pooled
 * connection with code that keeps one.
 */
class DefectiveClientsMatrixIT {

    private static Matrix matrix(String name, MailClient client) {
        return Matrix.builder(name, client).clientTimeout(MailClients.TIMEOUT).build();
    }

    private static Row run(String fault, MailClient client) {
        return matrix(fault, client).run(Faults.named(fault));
    }

    /** Logs the failure and carries on, as a fire-and-forget notification service might. */
    private static void swallowing(String host, int port) {
        try {
            MailClients.jakarta(host, port);
        } catch (MessagingException e) {
            System.err.println("mail failed, never mind: " + e);
        }
    }

    @Test
    void swallowedErrorsAreSilentLosses() {
        ReportCard card = Matrix.builder("swallowing", DefectiveClientsMatrixIT::swallowing)
                .clientTimeout(MailClients.TIMEOUT).tags(Tag.PERMANENT).build().run();

        assertThat(card.rows()).extracting(Row::name)
                .containsExactly("accept-all", "sender-501", "recipient-501", "second-recipient-501");
        assertThat(card.row("accept-all").verdict().status()).isEqualTo(Verdict.Status.PASS);
        assertThat(card.failures()).extracting(Row::name)
                .containsExactly("sender-501", "recipient-501", "second-recipient-501");
        assertThat(card.row("sender-501").verdict().reasons()).containsExactly(
                "reported success, but the server accepted nothing: the message is lost silently");
        assertThat(card.row("sender-501").explain()).contains("S: 501 5.1.7 Bad sender address syntax");
        assertThat(card.summary()).isEqualTo("4 faults: 1 passed, 3 failed, 0 not exercised");
    }

    /** Delivers to the recipients that were accepted and calls it a success, as smtplib and curl do. */
    private static void partialIsSuccess(String host, int port) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.timeout", "1000");
        properties.put("mail.smtp.sendpartial", "true");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(MailClients.SENDER));
        for (String recipient : MailClients.RECIPIENTS) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setText("Hello");
        try {
            Transport.send(message);
        } catch (SendFailedException e) {
            if (e.getValidSentAddresses() == null || e.getValidSentAddresses().length == 0) {
                throw e;
            }
        }
    }

    @Test
    void aPartialDeliveryReportedAsSuccessFailsUnlessDeclaredAcceptable() {
        Row strict = run("second-recipient-501", DefectiveClientsMatrixIT::partialIsSuccess);
        Row declared = Matrix.builder("partial", DefectiveClientsMatrixIT::partialIsSuccess)
                .expect("second-recipient-501", Expectation::partialDeliveryAcceptable).build()
                .run(Faults.named("second-recipient-501"));

        assertThat(strict.observation().partial()).isTrue();
        assertThat(strict.observation().delivered()).isEqualTo(1);
        assertThat(strict.verdict().reasons()).singleElement().asString()
                .startsWith("reported full success, but a recipient was refused");
        assertThat(declared.verdict().status()).isEqualTo(Verdict.Status.PASS);
        assertThat(declared.expectation().describe()).contains("partial delivery accepted");
    }

    @Test
    void retriesWithoutAPauseFail() {
        MailClient hot = (host, port) -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    MailClients.jakarta(host, port);
                    return;
                } catch (MessagingException e) {
                    if (attempt == 5) {
                        throw e;
                    }
                }
            }
        };

        Row row = run("greeting-421", hot);

        assertThat(row.observation().attempts()).isEqualTo(5);
        assertThat(row.verdict().reasons()).singleElement().asString().startsWith("retried after ")
                .endsWith("at least 100 ms expected: back off between attempts");
    }

    @Test
    void aClientWithoutAReadTimeoutIsStoppedAndFails() {
        MailClient noTimeout = (host, port) -> {
            Properties properties = new Properties();
            properties.put("mail.smtp.host", host);
            properties.put("mail.smtp.port", String.valueOf(port));
            MimeMessage message = new MimeMessage(Session.getInstance(properties));
            message.setFrom(new InternetAddress(MailClients.SENDER));
            message.setRecipients(Message.RecipientType.TO, MailClients.RECIPIENTS[0]);
            message.setText("Hello");
            Transport.send(message);
        };
        long started = System.nanoTime();

        Row row = Matrix.builder("no-timeout", noTimeout).clientTimeout(Duration.ofMillis(500))
                .margin(Duration.ofMillis(500)).build().run(Faults.named("hang-at-data"));

        assertThat(row.verdict().reasons()).containsExactly(
                "still waiting for a reply to DATA after 1 s: set a read timeout (the matrix stopped it)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the matrix is not held up")
                .isLessThan(Duration.ofSeconds(20));
    }

    /** Keeps one connection open between messages, checking it before each use as a pool does. */
    private static final class PooledSender implements MailClient {
        private Transport transport;

        @Override
        public void send(String host, int port) throws MessagingException {
            Properties properties = new Properties();
            properties.put("mail.smtp.host", host);
            properties.put("mail.smtp.port", String.valueOf(port));
            properties.put("mail.smtp.timeout", "1000");
            Session session = Session.getInstance(properties);
            if (transport == null || !transport.isConnected()) {
                transport = session.getTransport("smtp");
                transport.connect();
            }
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(MailClients.SENDER));
            message.setRecipients(Message.RecipientType.TO, MailClients.RECIPIENTS[0]);
            message.setText("Hello");
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    @Test
    void aPooledConnectionMeetsTheIdle421AndReconnects() {
        Row row = run("idle-421", new PooledSender());

        assertThat(row.verdict().status()).as(row.explain()).isEqualTo(Verdict.Status.PASS);
        assertThat(row.observation().calls()).hasSize(2)
                .allSatisfy(call -> assertThat(call.reported().success()).isTrue());
        assertThat(row.observation().delivered()).isEqualTo(2);
        assertThat(row.observation().transcript()).contains("421 4.4.2 Timeout exceeded");
    }
}
