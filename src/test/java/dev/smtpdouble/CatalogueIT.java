package dev.smtpdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.smtpdouble.journal.ReceivedMessage;
import dev.smtpdouble.journal.SessionEnd;
import dev.smtpdouble.journal.SessionRecord;
import dev.smtpdouble.journal.TranscriptEntry;
import dev.smtpdouble.journal.TranscriptEntry.ServerReply;
import dev.smtpdouble.scenario.Scenarios;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.lang.reflect.Method;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.Test;

/**
 * Every catalogue scenario against Jakarta Mail (Angus) as the real client: what the client reports,
 * whether the message arrived, and what the journal recorded.
 */
class CatalogueIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SENDER = "sender@example.org";

    private static SmtpDouble start(String scenario) {
        return SmtpDouble.builder().scenario(Scenarios.load(scenario)).start();
    }

    private static Session mail(SmtpDouble smtp, String... settings) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        for (int i = 0; i < settings.length; i += 2) {
            properties.put(settings[i], settings[i + 1]);
        }
        return Session.getInstance(properties);
    }

    private static MimeMessage message(Session session, int bodyBytes, String... recipients) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(SENDER));
        for (String recipient : recipients) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject("Catalogue test");
        String line = "The quick brown fox jumps over the lazy dog, again and again and again.\n";
        message.setText(bodyBytes <= 0 ? "Hello.\n" : line.repeat(bodyBytes / line.length() + 1));
        return message;
    }

    /** Connects, sends one message and closes, the way {@code Transport.send} does. */
    private static void send(Session session, int bodyBytes, String... recipients) throws MessagingException {
        MimeMessage message = message(session, bodyBytes, recipients);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    private static void send(Session session, String... recipients) throws MessagingException {
        send(session, 0, recipients);
    }

    /** What the client threw, which must be of the given type. */
    private static <T extends Throwable> T thrown(Class<T> type, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("what the client reports").isInstanceOf(type);
        return type.cast(thrown);
    }

    /** The exception and everything it chains, through causes and "next" exceptions. */
    private static List<Throwable> chain(Throwable top) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = top; t != null && !chain.contains(t); ) {
            chain.add(t);
            Throwable next = t instanceof MessagingException m ? m.getNextException() : null;
            t = next != null ? next : t.getCause();
        }
        return chain;
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? null : Arrays.stream(addresses).map(Address::toString).toList();
    }

    private static SessionRecord onlySession(SmtpDouble smtp) {
        List<SessionRecord> sessions = smtp.journal().awaitEndedSessions(1, WAIT);
        assertThat(sessions).hasSize(1);
        return sessions.get(0);
    }

    private static List<ServerReply> serverReplies(SessionRecord session) {
        return session.transcript().stream().filter(ServerReply.class::isInstance).map(ServerReply.class::cast)
                .toList();
    }

    private static ServerReply lastReply(SessionRecord session) {
        List<ServerReply> replies = serverReplies(session);
        return replies.get(replies.size() - 1);
    }

    /** The replies a rule produced, as rendered on one line. */
    private static Map<String, List<String>> repliesByRule(SessionRecord session) {
        return serverReplies(session).stream().filter(reply -> reply.rule() != null)
                .collect(Collectors.groupingBy(ServerReply::rule, Collectors.mapping(r -> r.reply().toString(),
                        Collectors.toList())));
    }

    /** A test here, or for a provider profile a nested class of {@link ProviderProfilesIT}. */
    @Test
    void everyCatalogueScenarioHasATestHere() {
        List<String> tests = new ArrayList<>(java.util.stream.Stream.of(CatalogueIT.class, TlsCatalogueIT.class,
                        AuthCatalogueIT.class)
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods())).map(Method::getName).toList());
        Arrays.stream(ProviderProfilesIT.class.getDeclaredClasses())
                .map(profile -> profile.getSimpleName().substring(0, 1).toLowerCase(Locale.ROOT)
                        + profile.getSimpleName().substring(1))
                .forEach(tests::add);

        assertThat(Scenarios.CATALOGUE).allSatisfy(name -> assertThat(tests).contains(camelCase(name)));
    }

    private static String camelCase(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("-")) {
            out.append(out.length() == 0 ? part : part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1));
        }
        return out.toString();
    }

    @Test
    void acceptAll() throws Exception {
        try (SmtpDouble smtp = start("accept-all")) {
            send(mail(smtp), "rcpt@example.org");

            List<ReceivedMessage> messages = smtp.journal().awaitMessages(1, WAIT);
            assertThat(messages).hasSize(1);
            assertThat(messages.get(0).envelope().sender()).isEqualTo(SENDER);
            assertThat(messages.get(0).envelope().recipientAddresses()).containsExactly("rcpt@example.org");
            assertThat(messages.get(0).mimeMessage().getSubject()).isEqualTo("Catalogue test");
            SessionRecord session = onlySession(smtp);
            assertThat(session.replyCodes()).containsExactly(220, 250, 250, 250, 354, 250, 221);
            assertThat(session.end()).isEqualTo(SessionEnd.CLIENT_QUIT);
            assertThat(repliesByRule(session)).isEmpty();
        }
    }

    @Test
    void greeting421() {
        try (SmtpDouble smtp = start("greeting-421")) {
            Session mail = mail(smtp);

            for (int attempt = 1; attempt <= 2; attempt++) {
                assertThatThrownBy(() -> send(mail, "rcpt@example.org"))
                        .isExactlyInstanceOf(MessagingException.class)
                        .hasMessageContaining("Got bad greeting from SMTP host")
                        .hasMessageContaining("421 4.3.2 Service not available, closing transmission channel");
            }

            List<SessionRecord> sessions = smtp.journal().awaitEndedSessions(2, WAIT);
            assertThat(sessions).hasSize(2).allSatisfy(session -> {
                assertThat(session.replyCodes()).containsExactly(421);
                assertThat(session.commands()).isEmpty();
                assertThat(session.end()).isEqualTo(SessionEnd.SERVER_CLOSED);
                assertThat(lastReply(session).rule()).isEqualTo("refuse every connection");
            });
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }

    @Test
    void greeting421ThenAccept() throws Exception {
        try (SmtpDouble smtp = start("greeting-421-then-accept")) {
            Session mail = mail(smtp);

            assertThatThrownBy(() -> send(mail, "rcpt@example.org"))
                    .isExactlyInstanceOf(MessagingException.class)
                    .hasMessageContaining("Got bad greeting from SMTP host")
                    .hasMessageContaining("421 4.3.2");
            send(mail, "rcpt@example.org");

            assertThat(smtp.journal().awaitMessages(1, WAIT)).hasSize(1);
            List<SessionRecord> sessions = smtp.journal().awaitEndedSessions(2, WAIT);
            assertThat(sessions).extracting(SessionRecord::connectionNumber).containsExactly(1, 2);
            assertThat(sessions.get(0).replyCodes()).containsExactly(421);
            assertThat(sessions.get(0).end()).isEqualTo(SessionEnd.SERVER_CLOSED);
            assertThat(lastReply(sessions.get(0)).rule()).isEqualTo("refuse the first connection");
            assertThat(sessions.get(1).replyCodes()).containsExactly(220, 250, 250, 250, 354, 250, 221);
            assertThat(sessions.get(1).end()).isEqualTo(SessionEnd.CLIENT_QUIT);
            assertThat(smtp.unfiredRules()).isEmpty();
        }
    }

    @Test
    void tooManyConnections() throws Exception {
        try (SmtpDouble smtp = start("too-many-connections");
             RawSmtpClient holder = new RawSmtpClient(smtp)) {
            assertThat(holder.reply()).startsWith("220 ");
            Session mail = mail(smtp);

            assertThatThrownBy(() -> send(mail, "rcpt@example.org"))
                    .isExactlyInstanceOf(MessagingException.class)
                    .hasMessageContaining("Got bad greeting from SMTP host")
                    .hasMessageContaining("421 4.7.0");

            SessionRecord refused = smtp.journal().awaitSession(s -> s.connectionNumber() == 2 && !s.isOpen(), WAIT);
            assertThat(refused.replies()).extracting(Object::toString)
                    .containsExactly("421 4.7.0 localhost Error: too many connections");
            assertThat(refused.end()).isEqualTo(SessionEnd.SERVER_CLOSED);
            assertThat(lastReply(refused).rule()).as("a server limit, not a rule").isNull();

            holder.send("QUIT\r\n");
            assertThat(holder.reply()).startsWith("221 ");
            smtp.journal().awaitEndedSessions(2, WAIT);
            send(mail, "rcpt@example.org");
            assertThat(smtp.journal().awaitMessages(1, WAIT)).as("room again once the first left").hasSize(1);
        }
    }

    @Test
    void ehlo421() {
        try (SmtpDouble smtp = start("ehlo-421")) {
            assertThatThrownBy(() -> send(mail(smtp), "rcpt@example.org"))
                    .as("Jakarta falls back to HELO, which finds the connection closed")
                    .isExactlyInstanceOf(MessagingException.class)
                    .hasMessage("[EOF]");

            SessionRecord session = onlySession(smtp);
            assertThat(session.commands()).as("the HELO after the 421 is discarded").containsExactly("EHLO localhost");
            assertThat(session.replyCodes()).containsExactly(220, 421);
            assertThat(lastReply(session).rule()).isEqualTo("shut down at EHLO");
            assertThat(session.end()).isEqualTo(SessionEnd.SERVER_CLOSED);
            assertThat(smtp.unfiredRules()).containsExactly("shut down at HELO");
        }
    }

    @Test
    void shutdownAtMail() {
        try (SmtpDouble smtp = start("shutdown-at-mail")) {
            SMTPSendFailedException failure = thrown(SMTPSendFailedException.class,
                    () -> send(mail(smtp), "rcpt@example.org"));

            assertThat(failure.getReturnCode()).isEqualTo(421);
            assertThat(failure.getCommand()).isEqualTo("MAIL FROM:<" + SENDER + ">");
            assertThat(failure.getMessage()).startsWith("421 4.3.2 System shutting down");
            assertThat(addresses(failure.getValidUnsentAddresses())).containsExactly("rcpt@example.org");
            SessionRecord session = onlySession(smtp);
            assertThat(session.replyCodes()).containsExactly(220, 250, 421);
            assertThat(lastReply(session).rule()).isEqualTo("shut down at MAIL FROM");
            assertThat(session.end()).isEqualTo(SessionEnd.SERVER_CLOSED);
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }

    @Test
    void shutdownAtSecondRcpt() {
        try (SmtpDouble smtp = start("shutdown-at-second-rcpt")) {
            SendFailedException failure = thrown(SendFailedException.class,
                    () -> send(mail(smtp), "a@example.org", "b@example.org"));

            assertThat(failure).hasMessage("Invalid Addresses");
            assertThat(addresses(failure.getValidUnsentAddresses())).containsExactly("a@example.org", "b@example.org");
            assertThat(failure.getInvalidAddresses()).isEmpty();
            assertThat(failure.getNextException()).isInstanceOfSatisfying(SMTPAddressFailedException.class, e -> {
                assertThat(e.getReturnCode()).isEqualTo(421);
                assertThat(e.getAddress()).hasToString("b@example.org");
            });
            SessionRecord session = onlySession(smtp);
            assertThat(session.commands()).containsExactly("EHLO localhost", "MAIL FROM:<" + SENDER + ">",
                    "RCPT TO:<a@example.org>", "RCPT TO:<b@example.org>");
            assertThat(session.replyCodes()).containsExactly(220, 250, 250, 250, 421);
            assertThat(lastReply(session).rule()).isEqualTo("shut down at the second recipient");
            assertThat(session.end()).isEqualTo(SessionEnd.SERVER_CLOSED);
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }

    @Test
    void shutdownAtSecondRcptWithAThirdRecipientHidesThe421() {
        try (SmtpDouble smtp = start("shutdown-at-second-rcpt")) {
            SMTPAddressFailedException failure = thrown(SMTPAddressFailedException.class,
                    () -> send(mail(smtp), "a@example.org", "b@example.org", "c@example.org"));

            assertThat(failure.getReturnCode()).as("Jakarta goes on with RCPT after the 421 and meets EOF")
                    .isEqualTo(-1);
            assertThat(failure.getAddress()).hasToString("c@example.org");
            assertThat(failure).hasMessageContaining("[EOF]");
            SessionRecord session = onlySession(smtp);
            assertThat(session.replyCodes()).containsExactly(220, 250, 250, 250, 421);
            assertThat(session.commands()).doesNotContain("RCPT TO:<c@example.org>");
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }

    @Test
    void shutdownAtData() {
        try (SmtpDouble smtp = start("shutdown-at-data")) {
            SMTPSendFailedException failure = thrown(SMTPSendFailedException.class,
                    () -> send(mail(smtp), "rcpt@example.org"));

            assertThat(failure.getReturnCode()).isEqualTo(421);
            assertThat(failure.getCommand()).isEqualTo("DATA");
            SessionRecord session = onlySession(smtp);
            assertThat(session.replyCodes()).containsExactly(220, 250, 250, 250, 421);
            assertThat(lastReply(session).rule()).isEqualTo("shut down at DATA");
            assertThat(session.end()).isEqualTo(SessionEnd.SERVER_CLOSED);
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }

    @Test
    void shutdownMidData() {
        try (SmtpDouble smtp = start("shutdown-mid-data")) {
            SMTPSendFailedException failure = thrown(SMTPSendFailedException.class,
                    () -> send(mail(smtp), 64 * 1024, "rcpt@example.org"));

            assertThat(failure.getReturnCode()).isEqualTo(421);
            assertThat(failure.getCommand()).as("read as the answer to the final dot").isEqualTo(".");
            assertThat(failure.getMessage()).startsWith("421 4.3.2 System shutting down");
            SessionRecord session = onlySession(smtp);
            assertThat(session.replyCodes()).containsExactly(220, 250, 250, 250, 354, 421);
            assertThat(lastReply(session).rule()).isEqualTo("shut down after 1 KiB of content");
            assertThat(session.end()).isEqualTo(SessionEnd.SERVER_CLOSED);
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }

    @Test
    void shutdownMidDataAbrupt() {
        try (SmtpDouble smtp = start("shutdown-mid-data-abrupt")) {
            // More than the socket buffers hold: the client is still writing when the server closes.
            MessagingException failure = thrown(MessagingException.class,
                    () -> send(mail(smtp), 4 * 1024 * 1024, "rcpt@example.org"));

            assertThat(failure).isNotInstanceOf(SMTPSendFailedException.class);
            assertThat(chain(failure)).as("an I/O error, not the 421")
                    .anySatisfy(cause -> assertThat(cause).isInstanceOf(SocketException.class));
            SessionRecord session = onlySession(smtp);
            assertThat(session.replyCodes()).containsExactly(220, 250, 250, 250, 354, 421);
            assertThat(lastReply(session).rule()).isEqualTo("crash after 1 KiB of content");
            assertThat(session.end()).isEqualTo(SessionEnd.SERVER_CLOSED);
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }

    @Test
    void shutdownAfterData() {
        try (SmtpDouble smtp = start("shutdown-after-data")) {
            SMTPSendFailedException failure = thrown(SMTPSendFailedException.class,
                    () -> send(mail(smtp), "rcpt@example.org"));

            assertThat(failure.getReturnCode()).isEqualTo(421);
            assertThat(failure.getCommand()).isEqualTo(".");
            SessionRecord session = onlySession(smtp);
            assertThat(session.replyCodes()).containsExactly(220, 250, 250, 250, 354, 421);
            assertThat(lastReply(session).rule()).isEqualTo("shut down at the final dot");
            assertThat(session.end()).isEqualTo(SessionEnd.SERVER_CLOSED);
            assertThat(smtp.journal().messages()).as("a 421 at the dot stores nothing").isEmpty();
        }
    }

    @Test
    void idle421() throws Exception {
        try (SmtpDouble smtp = start("idle-421")) {
            Session mail = mail(smtp);
            try (Transport transport = mail.getTransport("smtp")) {
                transport.connect();
                MimeMessage first = message(mail, 0, "rcpt@example.org");
                transport.sendMessage(first, first.getAllRecipients());
                assertThat(smtp.journal().awaitMessages(1, WAIT)).hasSize(1);

                SessionRecord stale = smtp.journal().awaitSession(s -> !s.isOpen(), WAIT);
                MimeMessage second = message(mail, 0, "rcpt@example.org");
                SMTPSendFailedException failure = thrown(SMTPSendFailedException.class,
                        () -> transport.sendMessage(second, second.getAllRecipients()));

                assertThat(failure.getReturnCode()).isEqualTo(421);
                assertThat(failure.getCommand()).as("the unsolicited 421 is read as the answer to MAIL FROM")
                        .isEqualTo("MAIL FROM:<" + SENDER + ">");
                assertThat(failure.getMessage()).startsWith("421 4.4.2 Timeout exceeded");
                assertThat(stale.end()).isEqualTo(SessionEnd.SERVER_CLOSED);
                assertThat(stale.replyCodes()).containsExactly(220, 250, 250, 250, 354, 250, 421);
                ServerReply timeout = lastReply(stale);
                assertThat(timeout.rule()).isEqualTo("time out after a second of silence");
                List<TranscriptEntry> transcript = stale.transcript();
                Duration silence = Duration.between(transcript.get(transcript.size() - 2).at(), timeout.at());
                assertThat(silence).isBetween(Duration.ofMillis(900), Duration.ofSeconds(8));
            }
            assertThat(smtp.journal().sessions()).hasSize(1);
            assertThat(smtp.journal().messages()).hasSize(1);
        }
    }

    @Test
    void sender501() {
        try (SmtpDouble smtp = start("sender-501")) {
            SMTPSendFailedException failure = thrown(SMTPSendFailedException.class,
                    () -> send(mail(smtp), "rcpt@example.org"));

            assertThat(failure.getReturnCode()).isEqualTo(501);
            assertThat(failure.getMessage()).startsWith("501 5.1.7 Bad sender address syntax");
            assertThat(failure.getNextException()).isInstanceOfSatisfying(SMTPSenderFailedException.class,
                    e -> assertThat(e.getReturnCode()).isEqualTo(501));
            SessionRecord session = onlySession(smtp);
            assertThat(session.commands()).containsExactly("EHLO localhost", "MAIL FROM:<" + SENDER + ">", "RSET",
                    "QUIT");
            assertThat(session.replyCodes()).containsExactly(220, 250, 501, 250, 221);
            assertThat(repliesByRule(session)).containsExactly(
                    Map.entry("reject every sender", List.of("501 5.1.7 Bad sender address syntax")));
            assertThat(session.end()).as("a 501 keeps the session open").isEqualTo(SessionEnd.CLIENT_QUIT);
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }

    @Test
    void recipient501() {
        try (SmtpDouble smtp = start("recipient-501")) {
            SendFailedException failure = thrown(SendFailedException.class,
                    () -> send(mail(smtp), "a@example.org", "b@example.org"));

            assertThat(failure).hasMessage("Invalid Addresses");
            assertThat(addresses(failure.getInvalidAddresses())).containsExactly("a@example.org", "b@example.org");
            assertThat(chain(failure).subList(1, 3)).allSatisfy(e ->
                    assertThat(e).isInstanceOfSatisfying(SMTPAddressFailedException.class,
                            address -> assertThat(address.getReturnCode()).isEqualTo(501)));
            SessionRecord session = onlySession(smtp);
            assertThat(session.replyCodes()).containsExactly(220, 250, 250, 501, 501, 250, 221);
            assertThat(repliesByRule(session).get("reject every recipient")).hasSize(2);
            assertThat(session.end()).isEqualTo(SessionEnd.CLIENT_QUIT);
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }

    @Test
    void secondRecipient501() {
        try (SmtpDouble smtp = start("second-recipient-501")) {
            SendFailedException failure = thrown(SendFailedException.class,
                    () -> send(mail(smtp), "a@example.org", "b@example.org", "c@example.org"));

            assertThat(addresses(failure.getInvalidAddresses())).containsExactly("b@example.org");
            assertThat(addresses(failure.getValidUnsentAddresses())).containsExactly("a@example.org", "c@example.org");
            assertThat(failure.getValidSentAddresses()).isNull();
            assertThat(failure.getNextException()).isInstanceOfSatisfying(SMTPAddressFailedException.class, e -> {
                assertThat(e.getReturnCode()).isEqualTo(501);
                assertThat(e.getAddress()).hasToString("b@example.org");
            });
            SessionRecord session = onlySession(smtp);
            assertThat(session.replyCodes()).containsExactly(220, 250, 250, 250, 501, 250, 250, 221);
            assertThat(repliesByRule(session)).containsOnlyKeys("reject the second recipient");
            assertThat(smtp.journal().messages()).as("sendpartial=false: nothing is sent").isEmpty();
        }
    }

    @Test
    void strictSyntax() throws Exception {
        try (SmtpDouble strict = start("strict-syntax");
             SmtpDouble lenient = start("accept-all");
             RawSmtpClient strictClient = new RawSmtpClient(strict);
             RawSmtpClient lenientClient = new RawSmtpClient(lenient)) {
            for (RawSmtpClient client : List.of(strictClient, lenientClient)) {
                assertThat(client.reply()).startsWith("220 ");
                client.send("EHLO client.example\r\n");
                assertThat(client.reply()).startsWith("250-");
                client.send("MAIL FROM:a@b.example\r\n");
            }

            assertThat(strictClient.reply()).isEqualTo("501 5.1.7 Bad sender address syntax");
            assertThat(lenientClient.reply()).isEqualTo("250 2.1.0 Ok");

            send(mail(strict), "rcpt@example.org");
            assertThat(strict.journal().awaitMessages(1, WAIT)).as("a well-formed message still goes through")
                    .hasSize(1);
        }
    }

    @Test
    void greylist() throws Exception {
        try (SmtpDouble smtp = start("greylist")) {
            Session mail = mail(smtp);

            SendFailedException failure = thrown(SendFailedException.class,
                    () -> send(mail, "rcpt@example.org"));
            send(mail, "rcpt@example.org");

            assertThat(addresses(failure.getValidUnsentAddresses())).containsExactly("rcpt@example.org");
            assertThat(failure.getInvalidAddresses()).isEmpty();
            assertThat(failure.getNextException()).isInstanceOfSatisfying(SMTPAddressFailedException.class,
                    e -> assertThat(e.getReturnCode()).isEqualTo(451));
            assertThat(smtp.journal().awaitMessages(1, WAIT)).hasSize(1);
            List<SessionRecord> sessions = smtp.journal().awaitEndedSessions(2, WAIT);
            assertThat(sessions.get(0).replyCodes()).containsExactly(220, 250, 250, 451, 250, 221);
            assertThat(repliesByRule(sessions.get(0))).containsExactly(
                    Map.entry("greylist each new triplet", List.of("451 4.7.1 Greylisted, try again later")));
            assertThat(sessions.get(1).replyCodes()).containsExactly(220, 250, 250, 250, 354, 250, 221);
            assertThat(repliesByRule(sessions.get(1))).isEmpty();
            assertThat(smtp.ruleFirings()).containsExactly(Map.entry("greylist each new triplet", 1));
        }
    }

    @Test
    void resetAtMail() {
        try (SmtpDouble smtp = start("reset-at-mail")) {
            MessagingException failure = thrown(MessagingException.class,
                    () -> send(mail(smtp), "rcpt@example.org"));

            assertThat(failure).isNotInstanceOf(SMTPSendFailedException.class);
            assertThat(chain(failure)).anySatisfy(cause -> assertThat(cause).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset"));
            SessionRecord session = onlySession(smtp);
            assertThat(session.end()).isEqualTo(SessionEnd.SERVER_RESET);
            assertThat(session.commands()).containsExactly("EHLO localhost", "MAIL FROM:<" + SENDER + ">");
            assertThat(session.replyCodes()).as("no reply to MAIL FROM").containsExactly(220, 250);
            assertThat(smtp.ruleFirings()).containsExactly(Map.entry("reset at MAIL FROM", 1));
        }
    }

    @Test
    void storedThenReset() throws Exception {
        try (SmtpDouble smtp = start("stored-then-reset")) {
            Session mail = mail(smtp);

            MessagingException failure = thrown(MessagingException.class, () -> send(mail, "rcpt@example.org"));
            send(mail, "rcpt@example.org");

            assertThat(failure).as("the client cannot tell that the message was stored")
                    .isNotInstanceOf(SMTPSendFailedException.class);
            assertThat(chain(failure)).anySatisfy(cause -> assertThat(cause).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset"));
            List<ReceivedMessage> messages = smtp.journal().awaitMessages(2, WAIT);
            assertThat(messages).as("the retry delivers a duplicate").hasSize(2)
                    .allSatisfy(m -> assertThat(m.mimeMessage().getSubject()).isEqualTo("Catalogue test"));
            List<SessionRecord> sessions = smtp.journal().awaitEndedSessions(2, WAIT);
            assertThat(sessions.get(0).end()).isEqualTo(SessionEnd.SERVER_RESET);
            assertThat(sessions.get(0).replyCodes()).as("the final dot is never answered")
                    .containsExactly(220, 250, 250, 250, 354);
            assertThat(messages.get(0).sessionId()).isEqualTo(sessions.get(0).id());
            assertThat(sessions.get(1).replyCodes()).containsExactly(220, 250, 250, 250, 354, 250, 221);
            assertThat(smtp.ruleFirings()).containsExactly(Map.entry("store, then reset before the 250", 1));
        }
    }

    @Test
    void hangAtData() {
        try (SmtpDouble smtp = start("hang-at-data")) {
            Session mail = mail(smtp, "mail.smtp.timeout", "1000");
            long started = System.nanoTime();

            MessagingException failure = thrown(MessagingException.class,
                    () -> send(mail, "rcpt@example.org"));

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(900);
            assertThat(chain(failure)).anySatisfy(cause -> assertThat(cause).isInstanceOf(SocketTimeoutException.class));
            SessionRecord session = onlySession(smtp);
            assertThat(session.commands()).endsWith("DATA");
            assertThat(session.replyCodes()).as("DATA is never answered").containsExactly(220, 250, 250, 250);
            assertThat(session.end()).as("the client gave up").isEqualTo(SessionEnd.CLIENT_CLOSED);
            assertThat(smtp.ruleFirings()).containsExactly(Map.entry("never answer DATA", 1));
            assertThat(smtp.journal().messages()).isEmpty();
        }
    }

    @Test
    void slowGreeting() throws Exception {
        try (SmtpDouble smtp = start("slow-greeting")) {
            Session mail = mail(smtp);
            MimeMessage message = message(mail, 0, "rcpt@example.org");
            long waited;
            try (Transport transport = mail.getTransport("smtp")) {
                long started = System.nanoTime();
                transport.connect();
                waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                transport.sendMessage(message, message.getAllRecipients());
            }

            assertThat(waited).isGreaterThanOrEqualTo(2900);
            assertThat(smtp.journal().awaitMessages(1, WAIT)).hasSize(1);
            SessionRecord session = onlySession(smtp);
            assertThat(session.replies().get(0).code()).isEqualTo(220);
            assertThat(serverReplies(session).get(0).rule()).isEqualTo("greet after 3 seconds");
            assertThat(Duration.between(session.startedAt(), serverReplies(session).get(0).at()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(2900));
            assertThat(session.end()).isEqualTo(SessionEnd.CLIENT_QUIT);
        }
    }
}
