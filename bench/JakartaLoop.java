import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/**
 * Jakarta Mail client loop: sends messages one connection per message
 * (connect, EHLO, MAIL, RCPT, DATA, QUIT) and reports messages per second.
 *
 * Usage: java -cp ANGUS_MAIL_CLASSPATH bench/JakartaLoop.java HOST PORT
 *            WARMUP_SECONDS MEASURE_SECONDS MAX_MESSAGES [BODY_BYTES]
 *
 * The warm-up phase is not counted. The measured phase stops after
 * MEASURE_SECONDS or MAX_MESSAGES, whichever comes first. Prints one line:
 *   RESULT messages=N seconds=S rate=R errors=E
 */
public final class JakartaLoop {
    public static void main(String[] args) throws Exception {
        String host = args[0];
        String port = args[1];
        double warmupSeconds = Double.parseDouble(args[2]);
        double measureSeconds = Double.parseDouble(args[3]);
        long maxMessages = Long.parseLong(args[4]);
        int bodyBytes = args.length > 5 ? Integer.parseInt(args[5]) : 1024;

        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", port);
        props.put("mail.smtp.ehlo", "true");
        props.put("mail.smtp.localhost", "bench.local");
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "10000");
        props.put("mail.smtp.writetimeout", "10000");
        Session session = Session.getInstance(props);

        StringBuilder body = new StringBuilder(bodyBytes + 80);
        while (body.length() < bodyBytes) {
            body.append("La de da de da 0123456789 abcdefghijklmnopqrstuvwxyz.\r\n");
        }
        body.setLength(bodyBytes);
        String text = body.toString();

        run(session, text, warmupSeconds, Long.MAX_VALUE, "warmup");
        long[] r = run(session, text, measureSeconds, maxMessages, "measure");
        double seconds = r[1] / 1e9;
        double rate = r[0] / seconds;
        System.out.printf("RESULT messages=%d seconds=%.3f rate=%.1f errors=%d%n", r[0], seconds, rate, r[2]);
        System.exit(r[0] > 0 ? 0 : 1);
    }

    /** Returns {messages sent, elapsed nanos, errors}. */
    private static long[] run(Session session, String text, double seconds, long max, String phase)
            throws MessagingException {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long sent = 0;
        long errors = 0;
        int consecutiveErrors = 0;
        while (sent < max && System.nanoTime() < deadline) {
            MimeMessage msg = new MimeMessage(session);
            msg.setFrom(new InternetAddress("sender@bench.local"));
            msg.setRecipient(Message.RecipientType.TO, new InternetAddress("rcpt@bench.local"));
            msg.setSubject("bench " + phase + " " + sent);
            msg.setText(text);
            try {
                Transport.send(msg);
                sent++;
                consecutiveErrors = 0;
            } catch (MessagingException e) {
                errors++;
                if (++consecutiveErrors >= 10) {
                    System.err.println("giving up after 10 consecutive errors: " + e);
                    break;
                }
            }
        }
        return new long[] {sent, System.nanoTime() - start, errors};
    }
}
