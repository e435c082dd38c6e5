package dev.smtpdouble.junit;

import dev.smtpdouble.SmtpDoubleControl;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Sends one message with Jakarta Mail, the way an application would. */
public final class Mail {

    private Mail() {
    }

    static void send(SmtpDoubleControl smtp, String to, String subject) {
        try {
            send(smtp.host(), smtp.port(), to, subject, "Hello from " + subject);
        } catch (MessagingException e) {
            throw new IllegalStateException("sending '" + subject + "' failed", e);
        }
    }

    /** From {@code app@example.test}; a refusal is the {@link MessagingException} Jakarta Mail throws. */
    public static void send(String host, int port, String to, String subject, String text) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("app@example.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText(text);
        Transport.send(message);
    }
}
