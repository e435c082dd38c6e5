package dev.smtpdouble.junit;

import dev.smtpdouble.SmtpDouble;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Sends one message with Jakarta Mail, the way an application would. */
final class Mail {

    private Mail() {
    }

    static void send(SmtpDouble smtp, String to, String subject) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "5000");
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(properties));
            message.setFrom(new InternetAddress("app@example.test"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            message.setSubject(subject);
            message.setText("Hello from " + subject);
            Transport.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("sending '" + subject + "' failed", e);
        }
    }
}
