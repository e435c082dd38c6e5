package dev.smtpdouble;

import static dev.smtpdouble.junit.SmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.smtpdouble.scenario.Scenarios;
import dev.smtpdouble.time.ManualClock;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The provider profiles of the catalogue against Jakarta Mail (Angus): the exception, the code and
 * the text the client gets are what it would get from that provider. Windows and delays pass on a
 * manual clock.
 */
class ProviderProfilesIT {

    private final ManualClock clock = new ManualClock(Instant.parse("2030-03-01T09:00:00Z"));
    private final List<AutoCloseable> open = new ArrayList<>();
    private SmtpDouble smtp;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** The example account of the Gmail, Exchange Online and Amazon SES profiles. */
    private static final PasswordAuthentication ACCOUNT = new PasswordAuthentication("user@example.test", "secret");

    private Session start(String profile, boolean starttls) {
        return start(profile, starttls, false);
    }

    /** With {@code login}, STARTTLS required and AUTH with the profile's example account, as a submission client. */
    private Session start(String profile, boolean starttls, boolean login) {
        smtp = SmtpDouble.builder().clock(clock).scenario(Scenarios.load(profile)).start();
        open.add(smtp);
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "localhost");
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        if (starttls || login) {
            properties.putAll(smtp.tls().jakartaMailProperties(false));
        }
        if (!login) {
            return Session.getInstance(properties);
        }
        properties.put("mail.smtp.auth", "true");
        return Session.getInstance(properties, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return ACCOUNT;
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "gmail           | 535-5.7.8 Username and Password not accepted. For more information, go to",
        "exchange-online | 535 5.7.3 Authentication unsuccessful",
        "amazon-ses      | 535 Authentication Credentials Invalid"})
    void aWrongPasswordIsRefusedInTheProvidersWords(String profile, String words) throws Exception {
        Session guessing = start(profile, true, true);
        Session session = Session.getInstance(guessing.getProperties(), new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(ACCOUNT.getUserName(), "guess");
            }
        });

        Throwable refused = catchThrowable(() -> Transport.send(message(session, "ada@shop.test", "bob@example.org")));

        assertThat(refused).isInstanceOf(AuthenticationFailedException.class);
        assertThat(refused.getMessage()).startsWith(words);
        assertThat(smtp.journal().sessions().get(0).authAttempts()).singleElement()
                .satisfies(attempt -> assertThat(attempt.authenticated()).isFalse());
        assertThat(smtp).hasNoMessages();
        Transport.send(message(guessing, "ada@shop.test", "bob@example.org"));
        assertThat(smtp).hasReceivedMessages(1);
    }

    /** A small text message from one sender to the recipients. */
    static MimeMessage message(Session session, String from, String... to) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        for (String recipient : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject("Profile");
        message.setText("Hello.\n");
        return message;
    }

    private static String[] recipients(int count) {
        String[] addresses = new String[count];
        for (int i = 0; i < count; i++) {
            addresses[i] = "user" + i + "@example.org";
        }
        return addresses;
    }

    /** Sends {@code count} messages over one connection, as a mailer with a kept connection does. */
    private static void sendMany(Session session, int count, String from, String... to) throws MessagingException {
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            MimeMessage message = message(session, from, to);
            for (int i = 0; i < count; i++) {
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
    }

    private static SMTPAddressFailedException refusedRecipient(Throwable thrown, String address) {
        assertThat(thrown).isInstanceOf(SendFailedException.class);
        for (Exception next = ((SendFailedException) thrown).getNextException(); next != null;
             next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException failed && failed.getAddress().toString().equals(address)) {
                return failed;
            }
        }
        throw new AssertionError("no refusal of " + address + " in " + thrown);
    }

    private static SMTPSendFailedException sendFailure(Throwable thrown) {
        assertThat(thrown).isInstanceOf(SMTPSendFailedException.class);
        return (SMTPSendFailedException) thrown;
    }

    @Nested
    class Gmail {

        @Test
        void mailBeforeStarttlsIsRefusedAsGmailRefusesIt() throws Exception {
            Session plain = start("gmail", false);

            SMTPSendFailedException refused = sendFailure(catchThrowable(() ->
                    Transport.send(message(plain, "ada@shop.test", "bob@example.org"))));

            assertThat(refused.getReturnCode()).isEqualTo(530);
            assertThat(refused.getMessage()).startsWith("530 5.7.0 Must issue a STARTTLS command first.")
                    .contains("- gsmtp");
        }

        @Test
        void mailOverTlsWithoutALoginGetsGmailsAuthenticationRequired() throws Exception {
            Session anonymous = start("gmail", true);

            SMTPSendFailedException refused = sendFailure(catchThrowable(() ->
                    Transport.send(message(anonymous, "ada@shop.test", "bob@example.org"))));

            assertThat(refused.getReturnCode()).isEqualTo(530);
            assertThat(refused.getMessage()).startsWith("530-5.7.0 Authentication Required. For more information, go to\n"
                    + "530 5.7.0 https://support.google.com/mail/?p=WantAuthError");
            Transport.send(message(start("gmail", true, true), "ada@shop.test", "bob@example.org"));
            assertThat(smtp.journal().sessions().get(0).authenticatedAs()).isEqualTo("user@example.test");
            assertThat(smtp.journal().sessions().get(0).sentSecretInClear()).isFalse();
        }

        @Test
        void theHundredAndFirstRecipientGetsGmailsMultiLine452() throws Exception {
            Session mail = start("gmail", true, true);

            Throwable thrown = catchThrowable(() -> Transport.send(message(mail, "ada@shop.test", recipients(101))));

            SMTPAddressFailedException refused = refusedRecipient(thrown, "user100@example.org");
            assertThat(refused.getReturnCode()).isEqualTo(452);
            assertThat(refused.getMessage()).contains("452-4.5.3 Your message has too many recipients. For more "
                    + "information regarding").contains("452 4.5.3 https://support.google.com/mail/?p=TooManyRecipientsError");
            assertThat(smtp).hasNoMessages();
        }

        @Test
        void theDailySendingLimitRefusesMessage2001UntilADayHasPassed() throws Exception {
            Session mail = start("gmail", true, true);
            sendMany(mail, 2000, "ada@shop.test", "bob@example.org");

            SMTPSendFailedException refused = sendFailure(catchThrowable(() ->
                    Transport.send(message(mail, "ada@shop.test", "bob@example.org"))));

            assertThat(refused.getReturnCode()).isEqualTo(550);
            assertThat(refused.getMessage()).startsWith("550-5.4.5 Daily user sending limit exceeded.");
            clock.advance(Duration.ofDays(1));
            Transport.send(message(mail, "ada@shop.test", "bob@example.org"));
            assertThat(smtp).hasReceivedMessages(2001);
        }

        @Test
        void aMessageOverThirtyFiveMegabytesGets552WithGooglesText() throws Exception {
            Session mail = start("gmail", true, true);
            MimeMessage large = message(mail, "ada@shop.test", "bob@example.org");
            large.setText(("x".repeat(75) + "\n").repeat(36_000_000 / 76));

            SMTPSendFailedException refused = sendFailure(catchThrowable(() -> Transport.send(large)));

            assertThat(refused.getReturnCode()).isEqualTo(552);
            assertThat(refused.getMessage()).startsWith("552-5.2.3 Your message exceeded Google's message size limits.");
            assertThat(smtp).hasNoMessages();
        }
    }

    @Nested
    class ExchangeOnline {

        @Test
        void mailWithoutALoginGetsExchanges530And5757() throws Exception {
            Session anonymous = start("exchange-online", true);

            SMTPSendFailedException refused = sendFailure(catchThrowable(() ->
                    Transport.send(message(anonymous, "printer@shop.test", "bob@example.org"))));

            assertThat(refused.getReturnCode()).isEqualTo(530);
            assertThat(refused.getMessage()).isEqualTo("530 5.7.57 Client not authenticated to send mail.\n");
            assertThat(smtp.journal().sessions().get(0).tls().version()).as("TLS 1.2 or newer is not refused")
                    .isIn("TLSv1.2", "TLSv1.3");
        }

        @Test
        void aFourthConnectionOfTheSameMailboxGets432() throws Exception {
            Session mail = start("exchange-online", true, true);
            List<Transport> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Transport transport = mail.getTransport("smtp");
                open.add(transport);
                transport.connect();
                MimeMessage message = message(mail, "printer@shop.test", "bob@example.org");
                transport.sendMessage(message, message.getAllRecipients());
                held.add(transport);
            }

            SMTPSendFailedException refused = sendFailure(catchThrowable(() ->
                    Transport.send(message(mail, "printer@shop.test", "bob@example.org"))));

            assertThat(refused.getReturnCode()).isEqualTo(432);
            assertThat(refused.getMessage()).isEqualTo("432 4.3.2 Concurrent connections limit exceeded.\n");
            Transport.send(message(mail, "scanner@shop.test", "bob@example.org"));
            held.get(0).close();
            smtp.journal().awaitEndedSessions(2, Duration.ofSeconds(10));
            Transport.send(message(mail, "printer@shop.test", "bob@example.org"));
            assertThat(smtp).hasReceivedMessages(5);
        }

        @Test
        void theRecipientRateLimitRefusesTheMessageThatGoesOverTenThousand() throws Exception {
            Session mail = start("exchange-online", true, true);
            sendMany(mail, 20, "app@shop.test", recipients(500));

            SMTPSendFailedException refused = sendFailure(catchThrowable(() ->
                    Transport.send(message(mail, "app@shop.test", "one.more@example.org"))));

            assertThat(refused.getReturnCode()).isEqualTo(554);
            assertThat(refused.getCommand()).isEqualTo(".");
            assertThat(refused.getMessage()).startsWith("554 5.2.0 STOREDRV.Submission.Exception:"
                    + "SubmissionQuotaExceededException; Failed to process message due to a permanent exception");
            assertThat(smtp).hasReceivedMessages(20);
        }

        @Test
        void theFiveHundredAndFirstRecipientGets452() throws Exception {
            Session mail = start("exchange-online", true, true);

            Throwable thrown = catchThrowable(() -> Transport.send(message(mail, "app@shop.test", recipients(501))));

            SMTPAddressFailedException refused = refusedRecipient(thrown, "user500@example.org");
            assertThat(refused.getMessage()).isEqualTo("452 4.5.3 Too many recipients\n");
        }
    }

    @Nested
    class AmazonSes {

        @Test
        void mailWithoutSmtpCredentialsGetsSes530() throws Exception {
            Session anonymous = start("amazon-ses", true);

            SMTPSendFailedException refused = sendFailure(catchThrowable(() ->
                    Transport.send(message(anonymous, "app@shop.test", "bob@example.org"))));

            assertThat(refused.getReturnCode()).isEqualTo(530);
            assertThat(refused.getMessage()).isEqualTo("530 Authentication required\n");
            assertThat(smtp).hasNoMessages();
        }

        @Test
        void aSecondMessageInTheSameSecondIsThrottledAfterItsContent() throws Exception {
            Session mail = start("amazon-ses", true, true);
            Transport.send(message(mail, "app@shop.test", "bob@example.org"));

            SMTPSendFailedException refused = sendFailure(catchThrowable(() ->
                    Transport.send(message(mail, "app@shop.test", "carol@example.org"))));

            assertThat(refused.getReturnCode()).isEqualTo(454);
            assertThat(refused.getCommand()).isEqualTo(".");
            assertThat(refused.getMessage()).isEqualTo("454 Throttling failure: Maximum sending rate exceeded\n");
            clock.advance(Duration.ofSeconds(1));
            Transport.send(message(mail, "app@shop.test", "carol@example.org"));
            assertThat(smtp).hasReceivedMessages(2);
        }

        @Test
        void theTwoHundredAndFirstRecipientOfTheDayHitsTheDailyQuota() throws Exception {
            Session mail = start("amazon-ses", true, true);
            for (int i = 0; i < 200; i++) {
                Transport.send(message(mail, "app@shop.test", "user" + i + "@example.org"));
                clock.advance(Duration.ofSeconds(1));
            }

            SMTPSendFailedException refused = sendFailure(catchThrowable(() ->
                    Transport.send(message(mail, "app@shop.test", "late@example.org"))));

            assertThat(refused.getMessage()).isEqualTo("454 Throttling failure: Daily message quota exceeded\n");
            clock.advance(Duration.ofDays(1));
            Transport.send(message(mail, "app@shop.test", "late@example.org"));
        }
    }

    @Nested
    class PostfixPostgrey {

        @Test
        void aNewTripletIsGreylistedAndItsRetryAfterFiveMinutesDelivered() throws Exception {
            Session mail = start("postfix-postgrey", false);

            Throwable first = catchThrowable(() -> Transport.send(message(mail, "news@shop.test", "bob@example.org")));
            SMTPAddressFailedException deferred = refusedRecipient(first, "bob@example.org");
            assertThat(deferred.getReturnCode()).isEqualTo(450);
            assertThat(deferred.getMessage()).isEqualTo("450 4.2.0 <bob@example.org>: Recipient address rejected: "
                    + "Greylisted, see http://postgrey.schweikert.ch/help/example.org.html\n");

            clock.advance(Duration.ofMinutes(4));
            assertThat(catchThrowable(() -> Transport.send(message(mail, "news@shop.test", "bob@example.org"))))
                    .as("too early").isInstanceOf(SendFailedException.class);
            clock.advance(Duration.ofMinutes(1));
            Transport.send(message(mail, "news@shop.test", "bob@example.org"));

            assertThat(smtp).hasReceivedMessages(1).recipient("bob@example.org").hasAttempts(3).wasAccepted();
        }

        @Test
        void theThirtyFirstMessageOfAMinuteIsTooMuchMail() throws Exception {
            Session mail = start("postfix-postgrey", false);
            catchThrowable(() -> Transport.send(message(mail, "news@shop.test", "bob@example.org")));
            clock.advance(Duration.ofMinutes(5)); // past greylisting, and into a new anvil minute
            sendMany(mail, 30, "news@shop.test", "bob@example.org");

            SMTPSendFailedException refused = sendFailure(catchThrowable(() ->
                    Transport.send(message(mail, "news@shop.test", "bob@example.org"))));

            assertThat(refused.getMessage()).isEqualTo("450 4.7.1 Error: too much mail from 127.0.0.1\n");
            clock.advance(Duration.ofSeconds(60));
            Transport.send(message(mail, "news@shop.test", "bob@example.org"));
        }

        @Test
        void theFiftyFirstConnectionOfAClientGetsAnvils421() throws Exception {
            Session mail = start("postfix-postgrey", false);
            for (int i = 0; i < 50; i++) {
                RawSmtpClient client = new RawSmtpClient(smtp);
                open.add(client);
                assertThat(client.reply()).startsWith("220");
            }

            Throwable refused = catchThrowable(() -> Transport.send(message(mail, "news@shop.test", "bob@example.org")));

            assertThat(refused).isInstanceOf(MessagingException.class).hasMessageContaining("Got bad greeting")
                    .hasMessageContaining("421 4.7.0 mx.example.net Error: too many connections from 127.0.0.1");
        }
    }

    @Nested
    class Exim {

        @Test
        void aSixthConnectionFromTheHostIsRefusedAtTheGreeting() throws Exception {
            Session mail = start("exim", false);
            for (int i = 0; i < 5; i++) {
                RawSmtpClient client = new RawSmtpClient(smtp);
                open.add(client);
                assertThat(client.reply()).startsWith("220");
            }

            Throwable refused = catchThrowable(() -> Transport.send(message(mail, "app@shop.test", "bob@example.org")));

            assertThat(refused).isInstanceOf(MessagingException.class).hasMessageContaining(
                    "421 Too many concurrent SMTP connections from this IP address; please try again later.");
        }

        @Test
        void recipientsMaxAndTheRateLimitAnswerWithoutEnhancedCodes() throws Exception {
            Session mail = start("exim", false);

            Throwable tooMany = catchThrowable(() -> Transport.send(message(mail, "app@shop.test", recipients(101))));
            assertThat(refusedRecipient(tooMany, "user100@example.org").getMessage()).isEqualTo("452 too many recipients\n");

            sendMany(mail, 100, "app@shop.test", "bob@example.org");
            Throwable fast = catchThrowable(() -> Transport.send(message(mail, "app@shop.test", "bob@example.org")));
            SMTPAddressFailedException deferred = refusedRecipient(fast, "bob@example.org");
            assertThat(deferred.getMessage()).isEqualTo("451 Sender rate exceeds 100 messages per 1h\n");
            clock.advance(Duration.ofHours(1));
            Transport.send(message(mail, "app@shop.test", "bob@example.org"));
        }

        @Test
        void mailAndRcptAreJudgedAndWordedAsEximDoes() throws Exception {
            Session mail = start("exim", false);

            Throwable refused = catchThrowable(() -> Transport.send(message(mail, "app@shop.test", "ops@[192.0.2.1]")));

            assertThat(refused).isInstanceOf(SendFailedException.class);
            assertThat(((SendFailedException) refused).getNextException()).isInstanceOf(SMTPAddressFailedException.class)
                    .hasMessage("501 <ops@[192.0.2.1]>: domain literals not allowed\n");
            assertThat(smtp.journal().sessions().get(0).replies()).extracting(Object::toString)
                    .contains("250 OK", "250-mail.example.org | 250-PIPELINING | 250-SIZE 52428800 | 250-8BITMIME"
                            + " | 250-DSN | 250 SMTPUTF8");
        }
    }
}
