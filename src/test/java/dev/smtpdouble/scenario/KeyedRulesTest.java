package dev.smtpdouble.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rate limits, concurrency limits and greylisting in the runtime: events in, decisions out, a clock moved by hand. */
class KeyedRulesTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));

    private ScenarioRuntime runtime(String rules) {
        return new ScenarioRuntime(ScenarioLoader.parse("rules:\n" + rules, "keyed.yaml"), clock, "mx.test");
    }

    private static Event mail(int connection, String sender) {
        return Event.of(Trigger.MAIL).connection(connection).clientAddress("192.0.2.7").sender(sender).build();
    }

    private static Event message(int connection, String sender, String... recipients) {
        return Event.of(Trigger.MESSAGE).connection(connection).clientAddress("192.0.2.7").sender(sender)
                .recipients(List.of(recipients)).build();
    }

    private static Event rcpt(int connection, String ip, String sender, String recipient) {
        return Event.of(Trigger.RCPT).connection(connection).clientAddress(ip).sender(sender)
                .recipients(List.of(recipient)).build();
    }

    private static Event connect(int connection, String ip) {
        return Event.of(Trigger.CONNECT).connection(connection).clientAddress(ip).build();
    }

    private static String text(Decision decision) {
        return decision == null ? null : decision.reply().toString();
    }

    @Test
    void aMessageRateBySenderDomainRefusesTheMailAfterMaxAcceptedMessages() {
        ScenarioRuntime runtime = runtime("""
                  - name: exchange rate
                    on: mail
                    limit: {count: messages, max: 3, per: 1m, key: sender_domain}
                    reply: 432 4.3.2 {count} of {max} messages a minute from {key}; retry in {seconds} s
                """);
        for (int i = 0; i < 3; i++) {
            assertThat(runtime.decide(mail(1, "a@shop.test"))).isNull();
            runtime.accepted(message(1, "a@shop.test", "r@example.org"));
            clock.advance(Duration.ofSeconds(10));
        }

        Decision refused = runtime.decide(mail(1, "B@Shop.test"));
        assertThat(text(refused)).isEqualTo("432 4.3.2 3 of 3 messages a minute from shop.test; retry in 30 s");
        assertThat(refused.detail()).isEqualTo("limit reached: 3 of 3 messages per 1m (sliding) by sender_domain, "
                + "key shop.test, next in 30 s");
        assertThat(runtime.decide(mail(2, "a@other.test"))).as("another domain").isNull();

        clock.advance(Duration.ofSeconds(30)); // the first message is a minute old
        assertThat(runtime.decide(mail(1, "a@shop.test"))).isNull();
    }

    @Test
    void whatALimitRefusesDoesNotCount() {
        ScenarioRuntime runtime = runtime("""
                  - {on: rcpt, limit: {count: recipients, max: 2, per: 1h}}
                """);
        runtime.accepted(rcpt(1, "192.0.2.7", "a@x.test", "r1@y.test"));
        runtime.accepted(rcpt(1, "192.0.2.7", "a@x.test", "r2@y.test"));
        for (int i = 0; i < 5; i++) {
            assertThat(text(runtime.decide(rcpt(1, "192.0.2.7", "a@x.test", "r3@y.test"))))
                    .isEqualTo("450 4.7.1 Error: too many recipients from 192.0.2.7");
        }

        clock.advance(Duration.ofHours(1));
        assertThat(runtime.decide(rcpt(1, "192.0.2.7", "a@x.test", "r3@y.test"))).isNull();
        assertThat(runtime.decide(rcpt(1, "192.0.2.8", "a@x.test", "r3@y.test"))).as("by client address").isNull();
    }

    @Test
    void recipientsCheckedAtTheMessageCountThisMessagesOwnAndFireOnlyOverTheMaximum() {
        ScenarioRuntime runtime = runtime("""
                  - {on: message, limit: {count: recipients, max: 3, per: 1d, key: sender}, reply: 554 5.2.0 Quota}
                """);
        for (String recipient : List.of("a@x.test", "b@x.test", "c@x.test")) {
            runtime.accepted(rcpt(1, "192.0.2.7", "app@shop.test", recipient));
        }

        assertThat(runtime.decide(message(1, "app@shop.test", "a@x.test", "b@x.test", "c@x.test")))
                .as("three recipients of three: within the quota").isNull();
        runtime.accepted(rcpt(1, "192.0.2.7", "app@shop.test", "d@x.test"));
        assertThat(runtime.decide(message(1, "app@shop.test", "d@x.test")).detail())
                .startsWith("limit reached: 4 of 3 recipients per 1d (sliding) by sender, key app@shop.test");
    }

    @Test
    void aFixedWindowStartsOverAfterItsLength() {
        ScenarioRuntime runtime = runtime("""
                  - {on: connect, limit: {count: connections, max: 2, per: 1m, window: fixed}}
                """);
        runtime.accepted(connect(1, "192.0.2.7"));
        clock.advance(Duration.ofSeconds(50));
        runtime.accepted(connect(2, "192.0.2.7"));

        assertThat(text(runtime.decide(connect(3, "192.0.2.7"))))
                .isEqualTo("421 4.7.0 mx.test Error: too many connections from 192.0.2.7");
        clock.advance(Duration.ofSeconds(10)); // a sliding window would still hold the second connection
        assertThat(runtime.decide(connect(3, "192.0.2.7"))).isNull();
    }

    @Test
    void concurrentConnectionsCountTheOpenOnesPerClient() {
        ScenarioRuntime runtime = runtime("""
                  - {name: two at once, on: connect, limit: {count: concurrent_connections, max: 2}}
                """);
        runtime.accepted(connect(1, "192.0.2.7"));
        runtime.accepted(connect(2, "192.0.2.7"));

        Decision third = runtime.decide(connect(3, "192.0.2.7"));
        assertThat(third.detail()).isEqualTo("limit reached: 2 open of 2 concurrent connections by client_ip, "
                + "key 192.0.2.7");
        assertThat(runtime.decide(connect(3, "192.0.2.99"))).as("another client").isNull();

        runtime.ended(1);
        runtime.ended(1); // counted once
        assertThat(runtime.decide(connect(4, "192.0.2.7"))).isNull();
        runtime.accepted(connect(4, "192.0.2.7"));
        assertThat(runtime.decide(connect(5, "192.0.2.7"))).isNotNull();
    }

    @Test
    void concurrencyByHeloFollowsTheLatestName() {
        ScenarioRuntime runtime = runtime("""
                  - {on: mail, limit: {count: concurrent_connections, max: 1, key: helo}, reply: 421 4.7.0 Busy}
                """);
        runtime.accepted(Event.of(Trigger.EHLO).connection(1).heloName("a.test").build());
        runtime.accepted(Event.of(Trigger.EHLO).connection(2).heloName("A.test").build());

        assertThat(runtime.decide(Event.of(Trigger.MAIL).connection(1).heloName("a.test").build())).isNotNull();
        runtime.accepted(Event.of(Trigger.EHLO).connection(2).heloName("b.test").build());
        assertThat(runtime.decide(Event.of(Trigger.MAIL).connection(1).heloName("a.test").build()))
                .as("connection 2 said EHLO again with another name").isNull();
    }

    @Test
    void concurrencyBySenderCountsTheConnectionsWhoseLatestMailWasFromIt() {
        ScenarioRuntime runtime = runtime("""
                  - {on: mail, limit: {count: concurrent_connections, max: 2, key: sender}, reply: 432 4.3.2 Busy}
                """);
        for (int connection = 1; connection <= 3; connection++) {
            runtime.accepted(connect(connection, "192.0.2.7"));
        }
        runtime.accepted(mail(1, "printer@shop.test"));
        runtime.accepted(mail(2, "printer@shop.test"));

        assertThat(runtime.decide(mail(3, "printer@shop.test"))).isNotNull();
        assertThat(runtime.decide(mail(1, "printer@shop.test"))).as("a second message on a holding connection").isNull();
        assertThat(runtime.decide(mail(3, "scanner@shop.test"))).isNull();
        runtime.ended(2);
        assertThat(runtime.decide(mail(3, "printer@shop.test"))).isNull();
    }

    private static Event authenticatedMessage(int connection, String user, String sender) {
        return Event.of(Trigger.MESSAGE).connection(connection).clientAddress("192.0.2.7").sender(sender)
                .recipients(List.of("r@example.org")).authenticatedAs(user).build();
    }

    private static Event authenticatedMail(int connection, String user, String sender) {
        return Event.of(Trigger.MAIL).connection(connection).clientAddress("192.0.2.7").sender(sender)
                .authenticatedAs(user).build();
    }

    @Test
    void aMessageRateByUserCountsEachAccountWhateverItsSenderAndLeavesAnonymousSessionsAlone() {
        ScenarioRuntime runtime = runtime("""
                  - name: per mailbox
                    on: mail
                    limit: {count: messages, max: 2, per: 1m, key: user}
                    reply: 451 4.7.0 {user} sent {count} of {max} messages this minute
                """);
        runtime.accepted(authenticatedMessage(1, "ada@shop.test", "orders@shop.test"));
        runtime.accepted(authenticatedMessage(2, "ada@shop.test", "billing@shop.test"));

        Decision refused = runtime.decide(authenticatedMail(3, "ada@shop.test", "news@shop.test"));
        assertThat(text(refused)).isEqualTo("451 4.7.0 ada@shop.test sent 2 of 2 messages this minute");
        assertThat(refused.detail()).isEqualTo("limit reached: 2 of 2 messages per 1m (sliding) by user, "
                + "key ada@shop.test, next in 60 s");
        assertThat(runtime.decide(authenticatedMail(3, "grace@shop.test", "orders@shop.test")))
                .as("another account").isNull();
        assertThat(runtime.decide(mail(3, "orders@shop.test"))).as("not authenticated: no user to count").isNull();

        clock.advance(Duration.ofMinutes(1));
        assertThat(runtime.decide(authenticatedMail(3, "ada@shop.test", "news@shop.test"))).isNull();
    }

    @Test
    void concurrencyByUserCountsTheConnectionsThatSentMailAsIt() {
        ScenarioRuntime runtime = runtime("""
                  - {on: mail, limit: {count: concurrent_connections, max: 2, key: user}, reply: 432 4.3.2 Busy}
                """);
        runtime.accepted(authenticatedMail(1, "ada@shop.test", "a@shop.test"));
        runtime.accepted(authenticatedMail(2, "ada@shop.test", "b@shop.test"));

        assertThat(text(runtime.decide(authenticatedMail(3, "ada@shop.test", "c@shop.test"))))
                .isEqualTo("432 4.3.2 Busy");
        assertThat(runtime.decide(authenticatedMail(3, "grace@shop.test", "c@shop.test"))).isNull();
        runtime.ended(1);
        assertThat(runtime.decide(authenticatedMail(3, "ada@shop.test", "c@shop.test"))).isNull();
    }

    @Test
    void onAuthTheUserIsTheNameTheClientGives() {
        ScenarioRuntime runtime = runtime("""
                  - {on: auth, limit: {count: messages, max: 1, per: 1h, key: user}, reply: 454 4.7.0 Try later}
                """);
        runtime.accepted(authenticatedMessage(1, "ada@shop.test", "a@shop.test"));

        Event login = Event.of(Trigger.AUTH).connection(2).clientAddress("192.0.2.7").auth("PLAIN", "ada@shop.test")
                .build();
        assertThat(text(runtime.decide(login))).isEqualTo("454 4.7.0 Try later");
        assertThat(runtime.decide(Event.of(Trigger.AUTH).connection(2).clientAddress("192.0.2.7")
                .auth("PLAIN", "grace@shop.test").build())).isNull();
    }

    @Test
    void greylistingDefersEachNewTripletUntilItRetriesLateEnough() {
        ScenarioRuntime runtime = runtime("""
                  - {name: postgrey, on: rcpt, greylist: {}}
                """);

        Decision first = runtime.decide(rcpt(1, "192.0.2.7", "a@shop.test", "Bob@Example.org"));
        assertThat(text(first)).isEqualTo("450 4.2.0 <Bob@Example.org>: Recipient address rejected: Greylisted, "
                + "see http://postgrey.schweikert.ch/help/example.org.html");
        assertThat(first.detail()).isEqualTo("greylisted: attempt 1 of key 192.0.2.7/a@shop.test/bob@example.org, "
                + "0 s after the first, 300 s to go");
        clock.advance(Duration.ofSeconds(299));
        assertThat(runtime.decide(rcpt(2, "192.0.2.7", "a@shop.test", "bob@example.org"))).isNotNull();
        assertThat(runtime.decide(rcpt(2, "192.0.2.7", "a@shop.test", "carol@example.org")))
                .as("another recipient: another triplet").isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(runtime.decide(rcpt(3, "192.0.2.7", "a@shop.test", "bob@example.org"))).isNull();
        assertThat(runtime.decide(rcpt(3, "192.0.2.8", "a@shop.test", "bob@example.org")))
                .as("another client address").isNotNull();
    }

    @Test
    void aGreylistKeyedByTheClientNetworkDefersOnceForTheWholeSubnet() {
        ScenarioRuntime runtime = runtime("""
                  - {on: rcpt, greylist: {key: client_network, min_delay: 0}, reply: 451 4.7.1 Later}
                """);

        assertThat(runtime.decide(rcpt(1, "192.0.2.7", "a@x.test", "r@y.test"))).isNotNull();
        assertThat(runtime.decide(rcpt(2, "192.0.2.200", "b@x.test", "s@y.test"))).isNull();
        assertThat(runtime.decide(rcpt(3, "198.51.100.1", "b@x.test", "s@y.test"))).isNotNull();
    }

    @Test
    void aResetForgetsCountersAndGreylist() {
        ScenarioRuntime runtime = runtime("""
                  - {on: rcpt, greylist: {min_delay: 1h}}
                """);
        runtime.decide(rcpt(1, "192.0.2.7", "a@x.test", "r@y.test"));
        clock.advance(Duration.ofHours(1));

        assertThat(runtime.restarted().decide(rcpt(1, "192.0.2.7", "a@x.test", "r@y.test")))
                .as("a fresh runtime has never seen the triplet").isNotNull();
    }

    @Test
    void placeholdersAreFilledWithPrintableValues() {
        ScenarioRuntime runtime = runtime("""
                  - {on: mail, reply: "550 5.7.1 {hostname} refuses {sender} from {client_ip} as {helo}"}
                """);

        Decision decision = runtime.decide(Event.of(Trigger.MAIL).clientAddress("192.0.2.7").sender("a@x.test")
                .heloName("bad\u0001name").build());

        assertThat(text(decision)).isEqualTo("550 5.7.1 mx.test refuses a@x.test from 192.0.2.7 as bad?name");
    }
}
