package dev.smtpdouble.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.tls.Trust;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The image with TLS from its environment: STARTTLS on the SMTP port and an implicit-TLS listener,
 * trusted through the CA that the admin API serves, with Jakarta Mail checking the server's name.
 */
@Timeout(120)
class TlsContainerIT {

    @Test
    void starttlsAndImplicitTlsWithTheCaFromTheAdminApi() throws Exception {
        PodmanContainer.requireImage(ContainerIT.IMAGE);
        int smtpPort = ContainerIT.freePort();
        int tlsPort = ContainerIT.freePort();
        int adminPort = ContainerIT.freePort();
        try (PodmanContainer container = PodmanContainer.run(ContainerIT.IMAGE,
                List.of("SMTP_DOUBLE_TLS=true", "SMTP_DOUBLE_TLS_PORT=" + tlsPort, "SMTP_DOUBLE_REQUIRE_TLS=true"),
                List.of("--port", String.valueOf(smtpPort), "--admin-port", String.valueOf(adminPort)))) {
            container.awaitLog(line -> line.startsWith("smtp-double admin on "), Duration.ofSeconds(60));
            assertThat(container.log()).contains("smtp-double implicit TLS on 0.0.0.0:" + tlsPort);

            String pem = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + adminPort + "/tls/ca.pem")).build(), BodyHandlers.ofString()).body();
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            Trust trust = new Trust(ca);

            send(smtpPort, trust.jakartaMailProperties(false), "over STARTTLS");
            send(tlsPort, trust.jakartaMailProperties(true), "over implicit TLS");

            String journal = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + adminPort + "/journal")).build(), BodyHandlers.ofString()).body()
                    .replace(" ", "");
            assertThat(journal).contains("\"mode\":\"starttls\"", "\"mode\":\"implicit\"", "\"subject\":\"overSTARTTLS\"",
                    "\"subject\":\"overimplicitTLS\"");
        }
    }

    private static void send(int port, Properties tls, String subject) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "localhost");
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        properties.putAll(tls);
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("app@example.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("user@example.test"));
        message.setSubject(subject);
        message.setText("Sent to the container.\n");
        Transport.send(message);
    }
}
