package dev.smtpdouble.matrix;

/**
 * The code under test: sends one message to the SMTP server at {@code host:port}, the way the
 * application does (its own mail service, a Spring {@code JavaMailSender}, a retry wrapper...).
 * Returning normally means "the code reports success"; throwing means it reports a failure.
 */
@FunctionalInterface
public interface MailClient {

    void send(String host, int port) throws Exception;
}
