package shop.mail;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Sends the welcome mail. When the mail server cannot take it (a 421 greeting, a dropped
 * connection), it tries again after a pause, a few times.
 */
@Service
public class WelcomeMailer {

    private final JavaMailSender mailSender;
    private final int maxAttempts;
    private final Duration backoff;

    public WelcomeMailer(JavaMailSender mailSender,
                         @Value("${welcome.mail.max-attempts:3}") int maxAttempts,
                         @Value("${welcome.mail.backoff:30s}") Duration backoff) {
        this.mailSender = mailSender;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    /** @return how many attempts it took */
    public int sendWelcome(String to) throws InterruptedException {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("noreply@shop.test");
        message.setTo(to);
        message.setSubject("Welcome");
        message.setText("Hello, and welcome to the shop.");
        for (int attempt = 1; ; attempt++) {
            try {
                mailSender.send(message);
                return attempt;
            } catch (MailSendException e) {
                if (attempt == maxAttempts) {
                    throw e;
                }
                Thread.sleep(backoff.toMillis());
            }
        }
    }
}
