package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.journal.SessionEnd;
import dev.smtpdouble.journal.SessionRecord;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jakarta Mail (Angus) as the real client: what it sends, and how it reports the server's replies. */
class JakartaMailIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private SmtpDouble server;

    @BeforeEach
    void start() {
        server = SmtpDouble.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Session mailSession(String envelopeSender) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", server.host());
        properties.put("mail.smtp.port", String.valueOf(server.port()));
        properties.put("mail.smtp.timeout", "5000");
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.writetimeout", "5000");
        properties.put("mail.smtp.localhost", "client.test");
        if (envelopeSender != null) {
            properties.put("mail.smtp.from", envelopeSender);
        }
        return Session.getInstance(properties);
    }

    private static MimeMessage message(Session mail, Address... to) throws MessagingException {
        MimeMessage message = new MimeMessage(mail);
        message.setFrom(new InternetAddress("sender@example.org"));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject("Test");
        message.setText("Hello.");
        return message;
    }

    private static <T extends Throwable> T thrown(Class<T> type, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(type);
        return type.cast(thrown);
    }

    /**
     * An address Jakarta would refuse to parse, set raw so that it still goes on the wire. It must be passed to
     * {@code Transport.send(message, addresses)}: taken from the message's header, Jakarta would re-parse it
     * strictly and fail before connecting.
     */
    private static InternetAddress unparsed(String address) {
        InternetAddress raw = new InternetAddress();
        raw.setAddress(address);
        return raw;
    }

    @Test
    void deliversAMessageThatTheJournalShowsAsMime() throws Exception {
        Session mail = mailSession(null);
        MimeMessage message = new MimeMessage(mail);
        message.setFrom(new InternetAddress("sender@example.org", "Sender"));
        message.setRecipients(Message.RecipientType.TO, "one@example.org, two@example.org");
        message.setRecipients(Message.RecipientType.BCC, "hidden@example.org");
        message.setSubject("Grüße aus dem Test", "UTF-8");
        message.setText("First line.\r\n.A line that starts with a dot\r\nLast line.\r\n", "UTF-8");

        Transport.send(message);

        ReceivedMessage received = server.journal().awaitMessages(1, WAIT).get(0);
        assertThat(received.envelope().sender()).isEqualTo("sender@example.org");
        assertThat(received.envelope().recipientAddresses())
                .containsExactly("one@example.org", "two@example.org", "hidden@example.org");
        MimeMessage mime = received.mimeMessage();
        assertThat(mime.getSubject()).isEqualTo("Grüße aus dem Test");
        assertThat(mime.getFrom()).containsExactly(new InternetAddress("sender@example.org", "Sender"));
        assertThat(mime.getRecipients(Message.RecipientType.TO)).extracting(Address::toString)
                .containsExactly("one@example.org", "two@example.org");
        assertThat(mime.getHeader("Bcc")).isNull();
        assertThat(((String) mime.getContent()).replace("\r\n", "\n"))
                .isEqualTo("First line.\n.A line that starts with a dot\nLast line.\n");
        assertThat(received.bareLineEndings()).isFalse();

        SessionRecord session = server.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.end()).isEqualTo(SessionEnd.CLIENT_QUIT);
        assertThat(session.commands()).containsExactly("EHLO client.test", "MAIL FROM:<sender@example.org>",
                "RCPT TO:<one@example.org>", "RCPT TO:<two@example.org>", "RCPT TO:<hidden@example.org>", "DATA",
                "QUIT");
    }

    @Test
    void aMalformedSenderSurfacesAs501FromMailFrom() throws Exception {
        // Jakarta sends mail.smtp.from as it is, MAIL FROM:<a..b@x..y>; the server refuses the ".." in the domain
        // (lenient mode accepts them in the local part, as Postfix does).
        Session mail = mailSession("a..b@x..y");

        SMTPSendFailedException failure = thrown(SMTPSendFailedException.class,
                () -> Transport.send(message(mail, new InternetAddress("rcpt@example.org"))));

        assertThat(failure.getReturnCode()).isEqualTo(501);
        assertThat(failure.getCommand()).isEqualTo("MAIL FROM:<a..b@x..y>");
        assertThat(failure.getMessage()).contains("501 5.1.7 Bad sender address syntax");
        // Angus chains an SMTPSenderFailedException only if it can parse the sender itself as an InternetAddress;
        // "a..b@x..y" it cannot, so the chain is empty here (see the next test for the chained form).
        assertThat(failure.getNextException()).isNull();
        SessionRecord session = server.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.commands()).containsExactly("EHLO client.test", "MAIL FROM:<a..b@x..y>", "RSET", "QUIT");
        assertThat(session.replyCodes()).containsExactly(220, 250, 501, 250, 221);
        assertThat(server.journal().messages()).isEmpty();
    }

    @Test
    void aSenderJakartaAcceptsButTheServerRefusesChainsSmtpSenderFailedException() throws Exception {
        // A malformed address literal: Jakarta's own parser lets it through, RFC 5321 (and Postfix) do not.
        Session mail = mailSession("a@[1.2.3.999]");

        SMTPSendFailedException failure = thrown(SMTPSendFailedException.class,
                () -> Transport.send(message(mail, new InternetAddress("rcpt@example.org"))));

        assertThat(failure.getReturnCode()).isEqualTo(501);
        assertThat(failure.getCommand()).isEqualTo("MAIL FROM:<a@[1.2.3.999]>");
        assertThat(failure.getNextException()).isInstanceOfSatisfying(SMTPSenderFailedException.class, sender -> {
            assertThat(sender.getReturnCode()).isEqualTo(501);
            assertThat(sender.getAddress().getAddress()).isEqualTo("a@[1.2.3.999]");
            assertThat(sender.getMessage()).contains("501 5.1.7 Bad sender address syntax");
        });
        assertThat(server.journal().messages()).isEmpty();
    }

    @Test
    void aMalformedRecipientSurfacesAs501FromRcptTo() throws Exception {
        Session mail = mailSession(null);
        InternetAddress bad = unparsed("bad..x@y..z");

        SendFailedException failure = thrown(SendFailedException.class,
                () -> Transport.send(message(mail, new InternetAddress("to@example.org")), new Address[] {bad}));

        assertThat(failure).isNotInstanceOf(SMTPSendFailedException.class);
        assertThat(failure.getMessage()).isEqualTo("Invalid Addresses");
        assertThat(failure.getInvalidAddresses()).containsExactly(bad);
        assertThat(failure.getValidSentAddresses()).isNullOrEmpty();
        assertThat(failure.getNextException()).isInstanceOfSatisfying(SMTPAddressFailedException.class, address -> {
            assertThat(address.getReturnCode()).isEqualTo(501);
            assertThat(address.getCommand()).isEqualTo("RCPT TO:<bad..x@y..z>");
            assertThat(address.getMessage()).contains("501 5.1.3 Bad recipient address syntax");
        });
        SessionRecord session = server.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.commands()).contains("RCPT TO:<bad..x@y..z>").doesNotContain("DATA");
        assertThat(server.journal().messages()).isEmpty();
    }

    @Test
    void aMalformedSecondRecipientMeansNothingIsSent() throws Exception {
        Session mail = mailSession(null);
        InternetAddress good = new InternetAddress("good@example.org");
        InternetAddress bad = unparsed("bad@y..z");

        SendFailedException failure = thrown(SendFailedException.class,
                () -> Transport.send(message(mail, good), new Address[] {good, bad}));

        // mail.smtp.sendpartial is false by default: one bad recipient stops the whole message.
        assertThat(failure.getInvalidAddresses()).containsExactly(bad);
        assertThat(failure.getValidUnsentAddresses()).containsExactly(good);
        assertThat(failure.getValidSentAddresses()).isNullOrEmpty();
        assertThat(failure.getNextException()).isInstanceOfSatisfying(SMTPAddressFailedException.class,
                address -> assertThat(address.getReturnCode()).isEqualTo(501));
        server.journal().awaitEndedSessions(1, WAIT);
        assertThat(server.journal().messages()).isEmpty();
    }

    /**
     * The 421 of a graceful shutdown reaches a connected, idle client: its next message fails with the 421,
     * provided the client acts while the server still drains (reads and discards) the connection.
     */
    @Test
    void shutdownReachesAConnectedClientAsA421ToMailFrom() throws Exception {
        server.close();
        server = SmtpDouble.builder().drainTimeout(Duration.ofSeconds(30)).start();
        Session mail = mailSession(null);
        Transport transport = mail.getTransport("smtp");
        transport.connect();
        MimeMessage message = message(mail, new InternetAddress("rcpt@example.org"));

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        server.journal().awaitSession(s -> s.end() == SessionEnd.SERVER_CLOSED, WAIT);

        try {
            // MAIL FROM reads the unsolicited 421 that waits in the socket; the RSET Jakarta sends next gets
            // end of stream, which it tolerates, and it reports the 421.
            SMTPSendFailedException failure = thrown(SMTPSendFailedException.class,
                    () -> transport.sendMessage(message, message.getAllRecipients()));
            assertThat(failure.getReturnCode()).isEqualTo(421);
            assertThat(failure.getCommand()).isEqualTo("MAIL FROM:<sender@example.org>");
            assertThat(failure.getMessage()).contains("421 4.3.2 Service not available, closing transmission channel");
        } finally {
            transport.close();
        }
        closing.get(10, TimeUnit.SECONDS); // the client closed, so the drain ended early
        assertThat(server.journal().sessions().get(0).replies().get(2).toString())
                .isEqualTo("421 4.3.2 Service not available, closing transmission channel");
        assertThat(server.journal().messages()).isEmpty();
    }

    /**
     * The same, but the client stays idle until {@code close()} has returned, i.e. past the drain: the socket is
     * fully closed by then. Jakarta still reads the 421 to its MAIL FROM (it was buffered on the client side), but
     * its MAIL FROM drew a TCP reset, so the RSET it sends next fails, and that I/O error is what it reports. This is
     * the race known from servers that close outright; a client that talks within the drain timeout
     * gets the 421 instead (see above), so the drain timeout is the knob for slow clients.
     */
    @Test
    void shutdownThatFinishedBeforeTheClientSpeaksIsReportedAsAnIoError() throws Exception {
        server.close();
        server = SmtpDouble.builder().drainTimeout(Duration.ofMillis(200)).start();
        Session mail = mailSession(null);
        Transport transport = mail.getTransport("smtp");
        transport.connect();
        MimeMessage message = message(mail, new InternetAddress("rcpt@example.org"));

        server.close();

        try {
            assertThatThrownBy(() -> transport.sendMessage(message, message.getAllRecipients()))
                    .isInstanceOf(MessagingException.class)
                    .satisfiesAnyOf(
                            // what happens on Linux loopback: the RSET write fails with "Broken pipe"
                            e -> assertThat(((MessagingException) e).getNextException()).isInstanceOf(IOException.class),
                            // if the reset arrives only after the RSET went out, the 421 wins
                            e -> assertThat(e).isInstanceOfSatisfying(SMTPSendFailedException.class,
                                    s -> assertThat(s.getReturnCode()).isEqualTo(421)));
        } finally {
            transport.close();
        }
        SessionRecord session = server.journal().sessions().get(0);
        assertThat(session.end()).isEqualTo(SessionEnd.SERVER_CLOSED);
        assertThat(session.replyCodes()).containsExactly(220, 250, 421);
    }

    @Test
    void reusesOneConnectionForSeveralMessages() throws Exception {
        Session mail = mailSession(null);
        try (Transport transport = mail.getTransport("smtp")) {
            transport.connect();
            for (int i = 1; i <= 3; i++) {
                MimeMessage message = message(mail, new InternetAddress("r" + i + "@example.org"));
                message.setSubject("Message " + i);
                transport.sendMessage(message, message.getAllRecipients());
            }
        }

        List<ReceivedMessage> messages = server.journal().awaitMessages(3, WAIT);
        assertThat(messages).extracting(m -> m.mimeMessage().getSubject())
                .containsExactly("Message 1", "Message 2", "Message 3");
        assertThat(messages).extracting(ReceivedMessage::sessionId).containsOnly(messages.get(0).sessionId());
        assertThat(server.journal().awaitEndedSessions(1, WAIT)).hasSize(1);
    }
}
