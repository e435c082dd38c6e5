package dev.smtpdouble.matrix;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The real clients the matrix is proven on: Jakarta Mail (Angus), with and without a retry wrapper, and Spring. */
final class MailClients {

    static final String SENDER = "shop@example.org";
    static final String[] RECIPIENTS = {"ada@example.org", "grace@example.org"};
    static final String SUBJECT = "Your order has shipped";
    /** Over 1 KiB, so that the faults in the middle of the body happen. */
    static final String BODY = "Hello,\n\nyour order is on its way.\n".repeat(64);
    /** The read and connect timeouts of the Jakarta clients. */
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private MailClients() {
    }

    /** {@code Transport.send} with connect and read timeouts: one connection per message, no retry. */
    static void jakarta(String host, int port) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.connectiontimeout", String.valueOf(TIMEOUT.toMillis()));
        properties.put("mail.smtp.timeout", String.valueOf(TIMEOUT.toMillis()));
        Transport.send(message(Session.getInstance(properties)));
    }

    /**
     * Jakarta Mail as production mail settings say: STARTTLS required, the server's name checked against
     * a certificate signed by the CA it trusts (and nothing else), a login, and the same timeouts.
     */
    static void jakartaWithTlsAndAuth(Target target) throws MessagingException {
        Properties properties = target.trust().jakartaMailProperties(false);
        properties.put("mail.smtp.host", target.host());
        properties.put("mail.smtp.port", String.valueOf(target.port()));
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.connectiontimeout", String.valueOf(TIMEOUT.toMillis()));
        properties.put("mail.smtp.timeout", String.valueOf(TIMEOUT.toMillis()));
        Session session = Session.getInstance(properties);
        Transport.send(message(session), target.user(), target.password());
    }

    /**
     * A careless TLS set-up: STARTTLS when offered but not required, any certificate trusted
     * ({@code mail.smtp.ssl.trust=*}); a login when AUTH is offered.
     */
    static void jakartaOpportunisticTls(Target target) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", target.host());
        properties.put("mail.smtp.port", String.valueOf(target.port()));
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.ssl.trust", "*");
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.connectiontimeout", String.valueOf(TIMEOUT.toMillis()));
        properties.put("mail.smtp.timeout", String.valueOf(TIMEOUT.toMillis()));
        Transport.send(message(Session.getInstance(properties)), target.user(), target.password());
    }

    /** {@link #withRetries(MailClient)} around code given the whole target. */
    static TargetedMailClient withRetries(TargetedMailClient client) {
        return target -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    client.send(target);
                    return;
                } catch (MessagingException e) {
                    if (attempt == 3) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
        };
    }

    private static MimeMessage message(Session session) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(SENDER));
        for (String recipient : RECIPIENTS) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(SUBJECT);
        message.setText(BODY);
        return message;
    }

    /** A simple retry wrapper, as many applications have: three attempts, 200 ms apart, on any failure. */
    static MailClient withRetries(MailClient client) {
        return (host, port) -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    client.send(host, port);
                    return;
                } catch (MessagingException e) {
                    if (attempt == 3) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
        };
    }

    /** Spring's {@code JavaMailSenderImpl} as it comes: no timeouts set. */
    static void spring(String host, int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(host);
        sender.setPort(port);
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(SENDER);
        message.setTo(RECIPIENTS);
        message.setSubject(SUBJECT);
        message.setText(BODY);
        sender.send(message);
    }
}
