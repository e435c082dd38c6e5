package dev.smtpdouble.examples;

import dev.smtpdouble.junit.ResilienceMatrix;
import dev.smtpdouble.matrix.Matrix;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class ShippingMailMatrixTest {

    @TestFactory
    Stream<DynamicTest> shippingMailSurvivesMailServerFaults() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        sender.getJavaMailProperties().put("mail.smtp.timeout", "2000");
        ShippingMailer mailer = new ShippingMailer(sender);

        Matrix matrix = Matrix.builder("shipping-mail", (host, port) -> {
                    sender.setHost(host);
                    sender.setPort(port);
                    mailer.orderShipped("ada@example.org", "A-1042");
                })
                .clientTimeout(Duration.ofSeconds(2))
                .build();
        return ResilienceMatrix.of(matrix).dynamicTests();
    }
}
