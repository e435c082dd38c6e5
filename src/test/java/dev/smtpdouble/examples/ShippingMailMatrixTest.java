package dev.smtpdouble.examples;

import dev.smtpdouble.junit.ResilienceMatrix;
import dev.smtpdouble.matrix.Matrix;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class ShippingMailMatrixTest {

    @TestFactory
    Stream<DynamicTest> shippingMailSurvivesMailServerFaults() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        sender.getJavaMailProperties().put("mail.smtp.timeout", "2000");

        Matrix matrix = Matrix.builder("shipping-mail", (host, port) -> {
                    sender.setHost(host);
                    sender.setPort(port);
                    sender.send(orderShipped("ada@example.org", "A-1042"));
                })
                .clientTimeout(Duration.ofSeconds(2))
                .build();
        return ResilienceMatrix.of(matrix).dynamicTests();
    }

    /** What the application sends: the customer and the warehouse, more than 1 KiB. */
    static SimpleMailMessage orderShipped(String customer, String order) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("shop@example.org");
        message.setTo(customer, "warehouse@example.org");
        message.setSubject("Order " + order + " has shipped");
        message.setText(("Your order " + order + " is on its way.\n").repeat(40));
        return message;
    }
}
