package alerts;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Sends an alert by mail; a refused attempt (greylisting, a server going down) is tried again. */
public final class AlertMailer {

    private final Session session;
    private final int maxAttempts;

    public AlertMailer(String host, int port, int maxAttempts) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.timeout", "5000");
        this.session = Session.getInstance(properties);
        this.maxAttempts = maxAttempts;
    }

    /** @return the number of attempts it took */
    public int send(String to, String subject, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("alerts@ops.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText(text);
        for (int attempt = 1; ; attempt++) {
            try {
                Transport.send(message);
                return attempt;
            } catch (MessagingException e) {
                if (attempt == maxAttempts) {
                    throw e;
                }
            }
        }
    }
}
