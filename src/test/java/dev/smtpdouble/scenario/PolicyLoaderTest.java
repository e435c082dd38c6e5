package dev.smtpdouble.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.protocol.Reply;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code limit:} and {@code greylist:} as the loader reads and refuses them. */
class PolicyLoaderTest {

    private static Rule only(String rule) {
        return ScenarioLoader.parse("rules:\n  - " + rule + "\n", "p.yaml").rules().get(0);
    }

    @Test
    void aLimitWithDefaults() {
        Rule rule = only("{on: rcpt, limit: {count: recipients, max: 100, per: 1h}}");

        assertThat(rule.match().limit()).isEqualTo(new Limit(Limit.Counted.RECIPIENTS, 100, 3_600_000, true,
                List.of(KeyPart.CLIENT_IP)));
        assertThat(rule.action().reply()).as("Postfix's wording").isEqualTo(Reply.of(450, "4.7.1",
                "Error: too many recipients from {client_ip}"));
    }

    @Test
    void aGreylistWithPostgreysDefaults() {
        Rule rule = only("{on: rcpt, greylist: {}}");

        assertThat(rule.match().greylist()).isEqualTo(new Greylisting(List.of(KeyPart.CLIENT_IP, KeyPart.SENDER,
                KeyPart.RECIPIENT), 300_000, 35L * 86_400_000, 2L * 86_400_000, 0));
        assertThat(rule.action().reply().toString()).isEqualTo("450 4.2.0 <{recipient}>: Recipient address rejected: "
                + "Greylisted, see http://postgrey.schweikert.ch/help/{recipient_domain}.html");
        assertThat(only("{on: mail, greylist: {key: [client_ip, sender]}}").action().reply().toString())
                .isEqualTo("451 4.7.1 Greylisted, try again in {seconds} seconds");
        assertThat(only("{on: rcpt, greylist: {}, action: close}").action().reply()).as("a silent close stays silent")
                .isNull();
    }

    @ParameterizedTest(name = "on: {0}")
    @CsvSource(delimiter = '|', value = {
        "rcpt    | client_ip, sender, recipient",
        "data    | client_ip, sender, recipient",
        "message | client_ip, sender, recipient",
        "mail    | client_ip, sender",
        "helo    | client_ip",
        "connect | client_ip",
        "any     | client_ip, sender, recipient",
    })
    void aGreylistWithoutKeyIsKeyedByThePartsOfTheTripletKnownAtItsTrigger(String on, String parts) {
        Rule rule = only("{on: " + on + ", greylist: {}}");

        assertThat(rule.match().greylist().key()).extracting(KeyPart::yamlName)
                .containsExactly(parts.split(", "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{on: mail, limit: {max: 3, per: 1m}}                      | 3:23 | a limit needs 'count': connections, recipients, messages, concurrent_connections",
        "{on: mail, limit: {count: mesages, max: 3, per: 1m}}      | 3:31 | 'count: mesages' is not something a limit counts; did you mean 'messages'?",
        "{on: mail, limit: {count: messages, per: 1m}}             | 3:23 | a limit needs 'max', e.g. max: 30",
        "{on: mail, limit: {count: messages, max: 0, per: 1m}}     | 3:46 | 'max' must be between 1 and 1000000: 0",
        "{on: mail, limit: {count: messages, max: 3}}              | 3:23 | a limit of messages needs 'per', the window, e.g. per: 1m",
        "{on: mail, limit: {count: messages, max: 3, per: 0}}      | 3:54 | 'per' must be more than 0",
        "{on: mail, limit: {count: messages, max: 3, per: 1m, window: rolling}} | 3:66 | 'window' must be sliding or fixed: 'rolling'",
        "{on: connect, limit: {count: concurrent_connections, max: 3, per: 1m}} | 3:71 | 'per' does not apply to concurrent_connections",
        "{on: rcpt, limit: {count: concurrent_connections, max: 3, key: recipient}} | 3:68 | concurrent connections are told apart by what a connection keeps: client_ip, client_network, helo, sender, sender_domain, user or server; not by recipient",
        "{on: connect, limit: {count: connections, max: 3, per: 1m, key: sender}} | 3:69 | key 'sender' has no value at 'on: connect'; it is known at mail, rcpt, data, message",
        "{on: mail, limit: {count: messages, max: 3, per: 1m, key: recipent}}  | 3:63 | 'recipent' is not a key; did you mean 'recipient'?",
        "{on: mail, limit: {count: messages, max: 3, per: 1m, key: []}}        | 3:63 | 'key' needs at least one of client_ip, client_network, helo, sender, sender_domain, recipient, recipient_domain, user, server",
        "{on: mail, limit: {count: messages, max: 3, per: 1m, burst: 2}}       | 3:58 | unknown key 'burst' in limit",
        "{on: mail, limit: 30}                                     | 3:23 | limit must be a mapping of keys to values",
        "{on: rcpt, greylist: {min_delay: soon}}                   | 3:38 | 'min_delay' must be a duration such as 500ms, 2s, 5m or 2h: 'soon'",
        "{on: rcpt, greylist: {max_attempts: 1}}                   | 3:41 | 'max_attempts' must be between 2 and 1000: 1",
        "{on: rcpt, greylist: {min_delay: 1h, retry_window: 30m}}  | 3:56 | 'retry_window' must be at least 'min_delay' (1h): a retry after the delay must still be in time",
        "{on: rcpt, greylist: {}, limit: {count: recipients, max: 1, per: 1s}} | 3:26 | a rule is a limit or a greylist, not both: write two rules",
        "{on: rcpt, greylist: {}, reply: '450 4.2.0 {recipeint} later'} | 3:37 | '{recipeint}' is not a value a reply can name; known: {hostname}, {client_ip}",
    })
    void mistakesAreNamedWithLineAndColumn(String rule, String where, String message) {
        assertThatThrownBy(() -> ScenarioLoader.parse("scenario: p\nrules:\n  - " + rule + "\n", "p.yaml"))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).problems())
                        .anySatisfy(problem -> assertThat(problem).startsWith("p.yaml:" + where + ": " + message)));
    }
}
