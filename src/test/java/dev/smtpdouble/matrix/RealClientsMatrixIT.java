package dev.smtpdouble.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.examples.NotificationMailer;
import dev.smtpdouble.examples.NotificationMailer.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The matrix on real clients: Jakarta Mail (Angus) as {@code Transport.send} with 1 s timeouts, the
 * same behind a simple retry wrapper, Spring's {@code JavaMailSenderImpl} as it comes, and a careful
 * mailer that retries only transient failures ({@link NotificationMailer}). Which
 * rows pass and fail is what these clients really do; the cards are written to
 * {@code target/smtp-double-matrix/} and shown in the README.
 */
class RealClientsMatrixIT {

    private static final List<String> EVERY_FAULT = Faults.tagged(List.of()).stream().map(Fault::name).toList();

    /** A first message in this JVM loads Jakarta Mail and Netty; the 1 s timeouts are for the server, not for that. */
    @BeforeAll
    static void warmUp() throws Exception {
        try (SmtpDouble smtp = SmtpDouble.start()) {
            MailClients.jakarta(smtp.host(), smtp.port());
            MailClients.spring(smtp.host(), smtp.port());
        }
    }

    private static ReportCard run(String name, MailClient client) {
        ReportCard card = Matrix.builder(name, client).clientTimeout(MailClients.TIMEOUT).build().run();
        card.writeTo(Matrix.DEFAULT_REPORTS);
        System.out.println(card.markdown());
        return card;
    }

    private static Map<String, Verdict.Status> verdicts(ReportCard card) {
        return card.rows().stream().collect(Collectors.toMap(Row::name, row -> row.verdict().status()));
    }

    /** Every fault passes, except the ones named, which fail, and idle-421, which these clients never meet. */
    private static void assertFailsExactly(ReportCard card, String... failing) {
        assertThat(card.rows()).extracting(Row::name).containsExactlyElementsOf(EVERY_FAULT);
        Map<String, Verdict.Status> verdicts = verdicts(card);
        for (String fault : EVERY_FAULT) {
            Verdict.Status expected = List.of(failing).contains(fault) ? Verdict.Status.FAIL
                    : fault.equals("idle-421") ? Verdict.Status.NOT_EXERCISED : Verdict.Status.PASS;
            assertThat(verdicts.get(fault)).as(fault + "\n" + card.row(fault).explain()).isEqualTo(expected);
        }
    }

    @Test
    void jakartaMailWithTimeouts() {
        ReportCard card = run("jakarta-mail", MailClients::jakarta);

        assertFailsExactly(card);
        assertThat(card.row("hang-at-data").observation().calls().get(0).reported().cause())
                .isEqualTo("java.net.SocketTimeoutException");
        assertThat(card.row("stored-then-reset").observation().delivered())
                .as("stored, though the client saw a reset").isEqualTo(1);
        assertThat(card.row("sender-501").observation().calls().get(0).reported().code()).isEqualTo(501);
        assertThat(card.row("greylist").observation().calls().get(0).reported().code()).isEqualTo(451);
        assertThat(card.rows()).allSatisfy(row -> assertThat(row.observation().attempts()).isEqualTo(
                row.name().equals("idle-421") ? 2 : 1));
    }

    @Test
    void jakartaMailWithASimpleRetryWrapper() {
        ReportCard card = run("jakarta-mail-with-retries", MailClients.withRetries(MailClients::jakarta));

        assertFailsExactly(card, "sender-501", "recipient-501", "second-recipient-501", "stored-then-reset");
        assertThat(card.row("sender-501").verdict().reasons()).containsExactly("retried a permanent failure: 3 attempts");
        assertThat(card.row("stored-then-reset").observation().delivered()).isEqualTo(2);
        assertThat(card.row("greylist").observation().delivered()).as("the retry delivers").isEqualTo(1);
        assertThat(card.row("greeting-421-then-accept").observation().attempts()).isEqualTo(2);
        assertThat(card.row("too-many-connections").observation().delivered())
                .as("the retry finds room once the other connection left").isEqualTo(1);
        assertThat(card.row("greeting-421").observation().shortestRetryGap()).isGreaterThanOrEqualTo(
                Duration.ofMillis(150));
    }

    @Test
    void aMailerThatRetriesOnlyTransientFailures() {
        ReportCard card = run("notification-mailer", (host, port) -> new NotificationMailer(host, port,
                new RetryPolicy(4, Duration.ofMillis(200)), MailClients.TIMEOUT)
                .send(MailClients.SENDER, List.of(MailClients.RECIPIENTS), MailClients.SUBJECT, MailClients.BODY));

        assertFailsExactly(card, "stored-then-reset");
        assertThat(card.row("sender-501").observation().attempts()).as("a 5xx is not retried").isEqualTo(1);
        assertThat(card.row("greylist").observation().delivered()).isEqualTo(1);
        assertThat(card.row("hang-at-data").observation().attempts()).isEqualTo(4);
        assertThat(card.row("sender-501").observation().calls().get(0).reported())
                .extracting(Reported::failure, Reported::code)
                .containsExactly(NotificationMailer.DeliveryFailedException.class.getName(), 501);
    }

    @Test
    void springJavaMailSenderAsItComes() {
        ReportCard card = run("spring-javamailsender", MailClients::spring);

        assertFailsExactly(card, "hang-at-data");
        assertThat(card.row("hang-at-data").verdict().reasons()).singleElement().asString()
                .startsWith("still waiting for a reply to DATA after 3 s");
        assertThat(card.row("slow-greeting").observation().delivered()).as("no timeout: it waits").isEqualTo(1);
        assertThat(card.row("shutdown-at-mail").observation().calls().get(0).reported())
                .extracting(Reported::failure, Reported::code)
                .containsExactly("org.springframework.mail.MailSendException", 421);
    }
}
