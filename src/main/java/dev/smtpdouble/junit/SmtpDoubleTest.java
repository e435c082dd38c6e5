package dev.smtpdouble.junit;

import dev.smtpdouble.protocol.SyntaxMode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs an smtp-double for the annotated test class on a free loopback port. Test methods,
 * constructors and lifecycle methods declare a {@link dev.smtpdouble.SmtpDouble} (or
 * {@link dev.smtpdouble.journal.Journal}) parameter to get it; with TLS on, a
 * {@link dev.smtpdouble.tls.Trust}, {@link javax.net.ssl.SSLContext} or
 * {@link javax.net.ssl.SSLSocketFactory} parameter gets what trusts its certificate.
 *
 * <pre>{@code
 * @SmtpDoubleTest(scenario = "greeting-421-then-accept")
 * class MailerTest {
 *     @Test
 *     void retries(SmtpDouble smtp) {
 *         new Mailer(smtp.host(), smtp.port()).send(...);
 *         SmtpAssertions.assertThat(smtp).hasConnections(2).hasReceivedMessages(1);
 *     }
 * }
 * }</pre>
 *
 * <p>One server serves the whole class (a {@code @Nested} class without its own annotation shares it;
 * one with its own annotation gets its own), unless {@link #serverPerTest()} asks for one per test.
 * Numbers below 1 and empty strings mean "the server's default"; a scenario's own {@code server:}
 * settings apply on top of these.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SmtpDoubleExtension.class)
public @interface SmtpDoubleTest {

    /**
     * The scenario: a catalogue name ({@code greeting-421} or {@code greeting-421.yaml}), a file
     * path, or a classpath resource ({@code scenarios/my-outage.yaml}). Empty: accept everything.
     */
    String scenario() default "";

    /**
     * How MAIL FROM and RCPT TO are judged: LENIENT, STRICT (RFC 5321 exactly), POSTFIX (as Postfix 3.7 does) or
     * EXIM (as Exim 4.96 does, in its words).
     */
    SyntaxMode syntax() default SyntaxMode.LENIENT;

    /** The name in the greeting and the EHLO reply; empty: {@code localhost}. */
    String hostname() default "";

    /** The SIZE limit in octets; below 1: the default (10 240 000). */
    long maxMessageSize() default -1;

    /** Concurrent connections before new ones get a 421 greeting; below 1: the default (256). */
    int maxConnections() default -1;

    /** Recipients per message before RCPT gets 452; below 1: the default (1000). */
    int maxRecipients() default -1;

    /** Silence after which the server sends 421 and closes, in milliseconds; below 1: 5 minutes. */
    long idleTimeoutMillis() default -1;

    /** Offer STARTTLS on the SMTP port, with a certificate generated at start (see {@link #tlsCertificate()}). */
    boolean tls() default false;

    /**
     * Add an implicit-TLS listener (the port known as 465): 0 for a free port, which
     * {@code smtp.tlsPort()} tells; below 0 (the default): none.
     */
    int tlsPort() default -1;

    /** MAIL, RCPT, DATA, BDAT, RSET, VRFY, AUTH and ETRN before STARTTLS get {@code 530 5.7.0}. */
    boolean requireTls() default false;

    /** The generated certificate the server presents: valid, or broken on purpose. */
    dev.smtpdouble.tls.CertificateKind tlsCertificate() default dev.smtpdouble.tls.CertificateKind.VALID;

    /** The server's own certificate chain, a PEM file (with {@link #tlsKey()}); empty: generated. */
    String tlsCert() default "";

    /** The private key of {@link #tlsCert()}, an unencrypted PEM file. */
    String tlsKey() default "";

    /** The server's own key and certificate, a PKCS#12 file; empty: generated. */
    String tlsKeystore() default "";

    /** The password of {@link #tlsKeystore()}. */
    String tlsKeystorePassword() default "";

    /** Write the CA certificate clients must trust to this file, PEM; empty: not written. */
    String tlsCaOut() default "";
    /**
     * Run the server on a {@link dev.smtpdouble.time.ManualClock} that tests move forward (inject it
     * as a {@code ManualClock} parameter): rate windows, greylisting delays, silences and journal
     * timestamps follow it, so waiting five minutes takes a method call. The clock is not reset between tests.
     */
    boolean manualClock() default false;

    /**
     * Accounts AUTH accepts, each {@code "USER:PASSWORD"}; with one, the server offers AUTH (PLAIN, LOGIN,
     * CRAM-MD5, XOAUTH2, OAUTHBEARER; the password is also the bearer token).
     */
    String[] auth() default {};

    /** MAIL before a successful AUTH gets {@code 530 5.7.0 Authentication required}; needs {@link #auth()}. */
    boolean requireAuth() default false;

    /** Offer AUTH before STARTTLS too (the opposite of Postfix's {@code smtpd_tls_auth_only}). */
    boolean allowPlaintextAuth() default false;

    /**
     * Run the server in a container (started with Testcontainers, which must be on the test
     * classpath) instead of in this JVM: the same tests against the image a CI pipeline uses. Tests
     * then declare {@link dev.smtpdouble.SmtpDoubleControl} (and {@link dev.smtpdouble.journal.JournalReader})
     * parameters, which work both ways; {@code SmtpAssertions} work unchanged, their awaits polling the
     * admin API. The scenario is loaded here and sent to the container; {@link #syntax()},
     * {@link #hostname()} and {@link #maxMessageSize()} become its options, and the other limits are
     * refused (set them in the scenario's {@code server:} section).
     */
    boolean container() default false;

    /**
     * The image for {@link #container()}; empty: the system property {@code smtpdouble.image}, else the
     * environment variable {@code SMTP_DOUBLE_IMAGE}.
     */
    String image() default "";

    /** Start a fresh server for every test instead of one for the class. */
    boolean serverPerTest() default false;

    /**
     * Before each test, clear the journal and reset the rule counters, connection numbers and the
     * scenario state. Turn it off to let tests of a class build on each other.
     */
    boolean resetBeforeEach() default true;

    /**
     * Fail a test, after it ran, when a rule of the scenario in force never fired during it: the
     * test did not exercise the failure it was written for.
     */
    boolean failOnUnfiredRules() default false;

    /**
     * Fail a test, after it ran, when the server rejected something (a 4xx or 5xx reply) that no
     * scenario rule asked for: a syntax error, a command out of sequence, an unknown command or a
     * limit. Rejections a rule produced are expected; whatever the client did next is checked too.
     */
    boolean failOnUnexpectedRejections() default false;
}
