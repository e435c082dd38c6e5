package orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;

/** Mails an order confirmation, configured from YAML (SnakeYAML 1.x), with the order as JSON. */
public final class OrderMailer {

    /** What the YAML configuration holds. */
    public static class Settings {
        public String host;
        public int port;
        public String from;
    }

    private final Settings settings;

    public OrderMailer(String yaml) {
        // the one-argument Constructor exists in SnakeYAML 1.x only
        this.settings = new Yaml(new Constructor(Settings.class)).load(yaml);
    }

    public void confirm(String to, Map<String, Object> order) throws MessagingException, IOException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", settings.host);
        properties.put("mail.smtp.port", String.valueOf(settings.port));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress(settings.from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Your order");
        message.setText(new ObjectMapper().writeValueAsString(order));
        Transport.send(message);
    }
}
