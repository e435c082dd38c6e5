package dev.smtpdouble.examples;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** An application's mail service built on Spring's {@code JavaMailSender}: tells a customer, and the warehouse, that an order shipped. */
public final class ShippingMailer {

    private final JavaMailSender mail;

    public ShippingMailer(JavaMailSender mail) {
        this.mail = mail;
    }

    public void orderShipped(String customer, String order) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("shop@example.org");
        message.setTo(customer, "warehouse@example.org");
        message.setSubject("Order " + order + " has shipped");
        message.setText(("Your order " + order + " is on its way.\n").repeat(40));
        mail.send(message);
    }
}
