package dev.smtpdouble.examples;

import dev.smtpdouble.junit.ResilienceMatrix;
import dev.smtpdouble.matrix.Matrix;
import dev.smtpdouble.matrix.Tag;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class SecureShippingMailMatrixTest {

    @TestFactory
    Stream<DynamicTest> shippingMailRequiresTlsAndLogsIn() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();

        Matrix matrix = Matrix.builder("shipping-mail-tls-auth", target -> {
                    Properties properties = target.trust().jakartaMailProperties(false); // STARTTLS required, name checked
                    properties.put("mail.smtp.auth", "true");
                    properties.put("mail.smtp.connectiontimeout", "2000");
                    properties.put("mail.smtp.timeout", "2000");
                    sender.setJavaMailProperties(properties);
                    sender.setHost(target.host());
                    sender.setPort(target.port());
                    sender.setUsername(target.user());
                    sender.setPassword(target.password());
                    SimpleMailMessage message = new SimpleMailMessage();
                    message.setFrom("shop@example.org");
                    message.setTo("ada@example.org");
                    message.setSubject("Order A-1042 has shipped");
                    message.setText("Your order A-1042 is on its way.\n");
                    sender.send(message);
                })
                .tags(Tag.TLS, Tag.AUTH)
                .clientTimeout(Duration.ofSeconds(2))
                .build();
        return ResilienceMatrix.of(matrix).dynamicTests();
    }
}
