package dev.smtpdouble.examples;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * A small mail-sending service of the kind smtp-double is for: it sends a notification over SMTP
 * with Jakarta Mail and retries transient failures. A 4xx reply or a broken connection is retried
 * after a back-off that doubles each time; a 5xx reply is permanent and ends the attempts at once.
 */
public final class NotificationMailer {

    /**
     * How often to try and how long to wait before the second attempt (doubling after that).
     * Production code would wait minutes; tests inject a few hundred milliseconds.
     */
    public record RetryPolicy(int maxAttempts, Duration backoff) {
        public static RetryPolicy standard() {
            return new RetryPolicy(4, Duration.ofMinutes(1));
        }

        Duration delayBefore(int attempt) {
            return backoff.multipliedBy(1L << Math.min(16, attempt - 2));
        }
    }

    /** The notification was not delivered; {@link #permanent()} tells whether retrying later can help. */
    public static final class DeliveryFailedException extends Exception {
        private final boolean permanent;
        private final int attempts;

        DeliveryFailedException(String message, boolean permanent, int attempts, Exception cause) {
            super(message, cause);
            this.permanent = permanent;
            this.attempts = attempts;
        }

        public boolean permanent() {
            return permanent;
        }

        public int attempts() {
            return attempts;
        }
    }

    private final Session session;
    private final RetryPolicy retry;

    public NotificationMailer(String host, int port, RetryPolicy retry) {
        this(host, port, retry, Duration.ofSeconds(5));
    }

    /** @param timeout the connect and read timeout of each attempt */
    public NotificationMailer(String host, int port, RetryPolicy retry, Duration timeout) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.connectiontimeout", String.valueOf(timeout.toMillis()));
        properties.put("mail.smtp.timeout", String.valueOf(timeout.toMillis()));
        this.session = Session.getInstance(properties);
        this.retry = retry;
    }

    /** Sends one notification; returns how many attempts it took. */
    public int send(String from, List<String> to, String subject, String text) throws DeliveryFailedException {
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                pause(retry.delayBefore(attempt));
            }
            try {
                deliver(message(from, to, subject, text));
                return attempt;
            } catch (MessagingException e) {
                int code = replyCode(e);
                boolean permanent = code >= 500;
                if (permanent || attempt == retry.maxAttempts()) {
                    throw new DeliveryFailedException("not delivered after " + attempt + " attempt(s): "
                            + (code > 0 ? "the server replied " + code : "the connection failed"),
                            permanent, attempt, e);
                }
            }
        }
    }

    private MimeMessage message(String from, List<String> to, String subject, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        for (String recipient : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject);
        message.setText(text);
        return message;
    }

    private void deliver(MimeMessage message) throws MessagingException {
        SMTPTransport transport = (SMTPTransport) session.getTransport("smtp");
        try {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw new ReplyCarryingException(e, transport.getLastReturnCode());
        } finally {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the connection is gone already; the failure that matters is reported
            }
        }
    }

    /**
     * The SMTP reply code behind a failure: the worst of the codes the exception chain carries,
     * or the transport's last code (a refused greeting carries none); 0 when the connection itself
     * failed (refused, reset, timed out).
     */
    private static int replyCode(MessagingException e) {
        List<Integer> codes = new ArrayList<>();
        boolean ioFailure = false;
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SMTPSendFailedException failed) {
                codes.add(failed.getReturnCode());
            } else if (t instanceof SMTPAddressFailedException failed) {
                codes.add(failed.getReturnCode());
            } else if (t instanceof IOException) {
                ioFailure = true;
            }
        }
        if (codes.isEmpty() && !ioFailure && e instanceof ReplyCarryingException carrying) {
            codes.add(carrying.lastReturnCode);
        }
        return codes.stream().filter(code -> code >= 400).max(Integer::compare).orElse(0);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static void pause(Duration delay) throws DeliveryFailedException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("interrupted while backing off", false, 0, e);
        }
    }

    /** A failure together with the transport's last reply code. */
    private static final class ReplyCarryingException extends MessagingException {
        private final int lastReturnCode;

        ReplyCarryingException(MessagingException cause, int lastReturnCode) {
            super(cause.getMessage(), cause);
            this.lastReturnCode = lastReturnCode;
        }
    }
}
