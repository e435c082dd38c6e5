package dev.smtpdouble.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

/** The class, the cause and the reply code are found however a library links its exceptions. */
class FailureReadingTest {

    private final FailureReading reading = new FailureReading(List.of());

    @Test
    void jakartaReturnCodeOnTheExceptionItself() {
        Reported reported = reading.read(new SMTPSendFailedException("MAIL FROM:<a@b>", 421,
                "421 4.3.2 System shutting down", null, null, null, null));

        assertThat(reported).isEqualTo(new Reported(false, SMTPSendFailedException.class.getName(), null, 421,
                "421 4.3.2 System shutting down"));
        assertThat(reported.brief()).isEqualTo("SMTPSendFailedException 421");
    }

    @Test
    void jakartaCodeOnTheNextException() throws Exception {
        SendFailedException top = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(new InternetAddress("b@example.org"), "RCPT TO:<b@example.org>", 501,
                        "501 5.1.3 Bad recipient address syntax"));

        Reported reported = reading.read(top);

        assertThat(reported.code()).isEqualTo(501);
        assertThat(reported.cause()).isEqualTo(SMTPAddressFailedException.class.getName());
        assertThat(reported.brief()).isEqualTo("SendFailedException (SMTPAddressFailedException) 501");
    }

    @Test
    void springMessageExceptions() {
        MailSendException spring = new MailSendException(Map.of("message", new SMTPSendFailedException(".", 452,
                "452 4.3.1 Insufficient system storage", null, null, null, null)));

        Reported reported = reading.read(spring);

        assertThat(reported.code()).isEqualTo(452);
        assertThat(reported.failure()).isEqualTo(MailSendException.class.getName());
        assertThat(reported.cause()).isEqualTo(SMTPSendFailedException.class.getName());
    }

    @Test
    void aReplyQuotedInTheMessage() {
        Reported reported = reading.read(new MessagingException(
                "Got bad greeting from SMTP host: 127.0.0.1, port: 2525, response: 421 4.3.2 Service not available"));

        assertThat(reported.code()).isEqualTo(421);
        assertThat(reading.read(new MessagingException("port 4567 is 5.1.2 away")).code())
                .as("numbers that are not a reply").isNull();
    }

    @Test
    void aNetworkFailureHasNoCodeButItsCause() {
        Reported reported = reading.read(new MessagingException("Exception reading response",
                new SocketException("Connection reset")));

        assertThat(reported.code()).isNull();
        assertThat(reported.brief()).isEqualTo("MessagingException (SocketException)");
    }

    @Test
    void anAdapterReadsTheCodeOfTheApplicationsOwnException() {
        class DeliveryRefused extends RuntimeException {
            final int status = 554;
        }
        FailureReading withAdapter = new FailureReading(List.of(e -> e instanceof DeliveryRefused refused
                ? OptionalInt.of(refused.status) : OptionalInt.empty()));

        assertThat(withAdapter.read(new IllegalStateException("wrapped", new DeliveryRefused())).code())
                .isEqualTo(554);
        assertThat(reading.read(new IllegalStateException("wrapped", new DeliveryRefused())).code()).isNull();
    }

    @Test
    void aCommandsExitStatusAndTheReplyItPrinted() {
        Reported swaks = reading.read(new CommandFailedException("swaks", 24, List.of("=== Trying 127.0.0.1:2525...",
                "<-  220 localhost ESMTP", " -> MAIL FROM:<a@b>", "<** 421 4.3.2 System shutting down")));
        Reported curl = reading.read(new CommandFailedException("curl", 55, List.of("curl: (55) MAIL failed: 421")));

        assertThat(swaks).isEqualTo(new Reported(false, "exit status 24", null, 421,
                "<** 421 4.3.2 System shutting down"));
        assertThat(curl.code()).isEqualTo(421);
        assertThat(curl.brief()).isEqualTo("exit status 24".replace("24", "55") + " 421");
    }
}
