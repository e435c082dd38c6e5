package dev.smtpdouble.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.protocol.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which rule fires for which event: pure, no sessions, no sockets. */
class ScenarioRuntimeTest {

    private static ScenarioRuntime runtime(String yaml) {
        return new ScenarioRuntime(ScenarioLoader.parse(yaml, "runtime.yaml"));
    }

    /** A command event with the given counts; everything else neutral. */
    private static Event command(Trigger trigger, int connection, int inSession, int inTransaction, int transaction,
                                 String argument) {
        return Event.of(trigger).connection(connection).occurrence(inSession, inTransaction).transaction(transaction)
                .argument(argument).build();
    }

    private static Event command(Trigger trigger, int connection) {
        return command(trigger, connection, 1, trigger == Trigger.MAIL || trigger == Trigger.RCPT ? 1 : 0, 1, "");
    }

    private static Event connect(int connection) {
        return Event.of(Trigger.CONNECT).connection(connection).build();
    }

    private static Event content(long before, long after) {
        return Event.of(Trigger.CONTENT).connection(1).transaction(1).heloName("client.test").content(after, before)
                .build();
    }

    private static Event idle(long millis, int transaction) {
        return Event.of(Trigger.IDLE).connection(1).transaction(transaction).heloName("client.test").idle(millis, 0)
                .build();
    }

    /** The RCPT that the rule "picky" below waits for; each check changes one value. */
    private static Event.Builder picky() {
        return Event.of(Trigger.RCPT).connection(1).occurrence(2, 2).transaction(1)
                .argument("TO:<b@example.org> NOTIFY=NEVER").parameters(Set.of("NOTIFY")).heloName("client.test");
    }

    private static String rule(Decision decision) {
        return decision == null ? null : decision.rule();
    }

    @Test
    void anyCoversTheCommandTriggersAndNothingElse() {
        java.util.Set<Trigger> commands = java.util.EnumSet.noneOf(Trigger.class);
        for (dev.smtpdouble.protocol.Verb verb : dev.smtpdouble.protocol.Verb.values()) {
            commands.add(Trigger.of(verb));
        }

        for (Trigger trigger : Trigger.values()) {
            assertThat(trigger.isCommand()).as(trigger.name()).isEqualTo(commands.contains(trigger));
        }
    }

    @Test
    void noRuleMeansTheDefaultAnswers() {
        ScenarioRuntime runtime = new ScenarioRuntime(Scenario.ACCEPT_ALL);

        assertThat(runtime.decide(command(Trigger.MAIL, 1))).isNull();
        assertThat(runtime.watches(Trigger.MAIL)).isFalse();
        assertThat(runtime.unfiredRules()).isEmpty();
        assertThat(runtime.idleThresholds()).isEmpty();
    }

    @Test
    void theFirstMatchingRuleWins() {
        ScenarioRuntime runtime = runtime("""
                rules:
                  - {name: blocked sender, on: mail, argument: 'blocked', reply: 550 5.7.1 Blocked}
                  - {name: every sender, on: mail, reply: 451 4.3.0 Later}
                  - {name: never reached, on: mail, reply: 250 2.1.0 Ok}
                """);

        Decision blocked = runtime.decide(command(Trigger.MAIL, 1, 1, 1, 1, "FROM:<x@blocked.test>"));
        Decision other = runtime.decide(command(Trigger.MAIL, 1, 1, 1, 1, "FROM:<x@fine.test>"));

        assertThat(blocked).isEqualTo(new Decision("blocked sender", Reply.of(550, "5.7.1", "Blocked"), null, 0, false));
        assertThat(rule(other)).isEqualTo("every sender");
        assertThat(runtime.unfiredRules()).containsExactly("never reached");
        assertThat(runtime.firings()).containsExactly(Map.entry("blocked sender", 1), Map.entry("every sender", 1),
                Map.entry("never reached", 0));
    }

    @Test
    void rulesOnlyHearTheirTrigger() {
        ScenarioRuntime runtime = runtime("""
                rules:
                  - {name: any command, on: any, reply: 250 2.0.0 Ok}
                  - {name: greeting, on: connect, reply: 554 5.3.2 No}
                """);

        assertThat(rule(runtime.decide(command(Trigger.NOOP, 1)))).isEqualTo("any command");
        assertThat(rule(runtime.decide(command(Trigger.UNKNOWN, 1)))).isEqualTo("any command");
        assertThat(rule(runtime.decide(connect(1)))).isEqualTo("greeting");
        assertThat(runtime.decide(content(0, 10))).isNull();
        assertThat(runtime.decide(idle(5000, 0))).isNull();
        assertThat(runtime.watches(Trigger.ANY)).isTrue();
        assertThat(runtime.watches(Trigger.CONNECT)).isTrue();
        assertThat(runtime.watches(Trigger.MESSAGE)).isFalse();
    }

    @Test
    void timesFallsThroughToTheNextRuleOrTheDefault() {
        ScenarioRuntime runtime = runtime("""
                rules:
                  - {name: greylist, on: rcpt, times: 2, reply: '451 4.7.1 Greylisted, try again later'}
                """);

        List<String> fired = IntStream.rangeClosed(1, 4)
                .mapToObj(connection -> rule(runtime.decide(command(Trigger.RCPT, connection)))).toList();

        assertThat(fired).containsExactly("greylist", "greylist", null, null);
        assertThat(runtime.firings()).containsEntry("greylist", 2);
    }

    @Test
    void countersAreSharedAcrossConnectionsAndResetTogether() {
        ScenarioRuntime runtime = runtime("""
                rules:
                  - {name: first connection only, on: connect, connection: 1, reply: 421 4.3.2 Not yet}
                  - {name: once on the server, on: mail, times: 1, reply: 451 4.3.0 Later}
                """);

        int first = runtime.nextConnection();
        assertThat(rule(runtime.decide(connect(first)))).isEqualTo("first connection only");
        assertThat(rule(runtime.decide(command(Trigger.MAIL, first)))).isEqualTo("once on the server");
        int second = runtime.nextConnection();
        assertThat(second).isEqualTo(2);
        assertThat(runtime.decide(connect(second))).isNull();
        assertThat(runtime.decide(command(Trigger.MAIL, second))).as("fired on connection 1 already").isNull();

        ScenarioRuntime fresh = runtime.restarted();

        assertThat(fresh.nextConnection()).isEqualTo(1);
        assertThat(rule(fresh.decide(command(Trigger.MAIL, 1)))).isEqualTo("once on the server");
        assertThat(fresh.unfiredRules()).containsExactly("first connection only");
        assertThat(runtime.decide(command(Trigger.MAIL, 2))).as("the old runtime keeps its own counters").isNull();
        assertThat(runtime.unfiredRules()).isEmpty();
    }

    @Test
    void connectionRanges() {
        ScenarioRuntime runtime = runtime("""
                rules:
                  - {name: two to three, on: connect, connection: 2-3, reply: 421 4.3.2 Busy}
                  - {name: five on, on: connect, connection: 5+, reply: 421 4.7.0 Too many connections}
                """);

        List<String> fired = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            fired.add(rule(runtime.decide(connect(runtime.nextConnection()))));
        }

        assertThat(fired).containsExactly(null, "two to three", "two to three", null, "five on", "five on", "five on");
    }

    @Test
    void occurrenceTransactionArgumentMalformedParameterAndHeloAllMustMatch() {
        ScenarioRuntime runtime = runtime("""
                rules:
                  - name: picky
                    on: rcpt
                    occurrence: 2-3
                    occurrence_in_transaction: 2
                    transaction: 1
                    argument: '@example\\.org>'
                    malformed: false
                    parameter: notify
                    helo: '^client\\.'
                    reply: 501 5.1.3 Bad recipient address syntax
                """);
        Event matching = picky().build();

        assertThat(rule(runtime.decide(matching))).isEqualTo("picky");
        assertThat(runtime.decide(picky().occurrence(4, 2).build())).as("occurrence").isNull();
        assertThat(runtime.decide(picky().occurrence(2, 1).build())).as("occurrence in transaction").isNull();
        assertThat(runtime.decide(picky().transaction(2).build())).as("transaction").isNull();
        assertThat(runtime.decide(picky().argument("TO:<b@example.net> NOTIFY=NEVER").build())).as("argument")
                .isNull();
        assertThat(runtime.decide(picky().malformed(true).build())).as("malformed").isNull();
        assertThat(runtime.decide(picky().argument("TO:<b@example.org>").parameters(Set.of()).build()))
                .as("parameter").isNull();
        assertThat(runtime.decide(picky().heloName("mx.client.test").build())).as("helo").isNull();
        assertThat(runtime.decide(picky().heloName(null).build())).as("no helo yet").isNull();
    }

    @Test
    void statesAreEnteredBySetStateAndAwaitedByState() {
        ScenarioRuntime runtime = runtime("""
                rules:
                  - {name: trip, on: mail, argument: 'trip', set_state: tripped}
                  - {name: refuse while tripped, on: rcpt, state: tripped, reply: 451 4.3.0 Tripped}
                  - {name: calm down, on: rset, state: tripped, set_state: start}
                """);

        assertThat(runtime.state()).isEqualTo(Scenario.DEFAULT_STATE);
        assertThat(runtime.decide(command(Trigger.RCPT, 1))).isNull();

        Decision trip = runtime.decide(command(Trigger.MAIL, 1, 1, 1, 1, "FROM:<trip@x.test>"));
        assertThat(trip).as("keeps the default reply").isEqualTo(new Decision("trip", null, null, 0, false));
        assertThat(runtime.state()).isEqualTo("tripped");
        assertThat(rule(runtime.decide(command(Trigger.RCPT, 2)))).as("the state spans connections")
                .isEqualTo("refuse while tripped");

        assertThat(rule(runtime.decide(command(Trigger.RSET, 2)))).isEqualTo("calm down");
        assertThat(runtime.state()).isEqualTo("start");
        assertThat(runtime.decide(command(Trigger.RCPT, 2))).isNull();

        runtime.decide(command(Trigger.MAIL, 3, 1, 1, 1, "FROM:<trip@x.test>"));
        assertThat(runtime.state()).isEqualTo("tripped");
        assertThat(runtime.restarted().state()).isEqualTo("start");
    }

    @Test
    void theInitialStateComesFromTheScenario() {
        ScenarioRuntime runtime = runtime("""
                initial_state: down
                rules:
                  - {name: down, on: connect, state: down, set_state: up, reply: 421 4.3.2 Down}
                """);

        assertThat(rule(runtime.decide(connect(1)))).isEqualTo("down");
        assertThat(runtime.decide(connect(2))).isNull();
        assertThat(runtime.restarted().state()).isEqualTo("down");
    }

    @Test
    void seededProbabilityReplaysIdentically() {
        String yaml = """
                seed: 1234
                rules:
                  - {name: flaky, on: rcpt, probability: 0.5, reply: 451 4.3.0 Flaky}
                """;

        List<String> first = draws(runtime(yaml), 200);
        List<String> second = draws(runtime(yaml), 200);
        ScenarioRuntime reused = runtime(yaml);
        draws(reused, 37);

        assertThat(second).isEqualTo(first);
        assertThat(draws(reused.restarted(), 200)).as("a reset replays the draws").isEqualTo(first);
        assertThat(first).contains("flaky").containsNull();
        assertThat(first.stream().filter("flaky"::equals).count()).isBetween(60L, 140L);
        assertThat(draws(runtime(yaml.replace("1234", "4321")), 200)).as("another seed, another run")
                .isNotEqualTo(first);
    }

    private static List<String> draws(ScenarioRuntime runtime, int count) {
        return drawsOf(runtime, 1, count);
    }

    @Test
    void aConnectionDrawsTheSameWhateverOtherConnectionsDoMeanwhile() {
        String yaml = """
                seed: 7
                rules:
                  - {name: flaky, on: rcpt, probability: 0.5, reply: 451 4.3.0 Flaky}
                  - {name: flaky mail, on: mail, probability: 0.5, reply: 451 4.3.0 Flaky}
                """;
        List<String> thirdAlone = drawsOf(runtime(yaml), 3, 100);

        ScenarioRuntime busy = runtime(yaml);
        List<String> thirdInACrowd = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            busy.decide(command(Trigger.RCPT, 1, i, i, 1, ""));
            busy.decide(command(Trigger.MAIL, 2, i, 1, i, ""));
            thirdInACrowd.add(rule(busy.decide(command(Trigger.RCPT, 3, i, i, 1, "TO:<user" + i + "@example.org>"))));
            busy.decide(command(Trigger.RCPT, 4, i, i, 1, ""));
        }

        assertThat(thirdInACrowd).isEqualTo(thirdAlone).contains("flaky").containsNull();
        assertThat(draws(runtime(yaml), 100)).as("connection 1 draws otherwise").isNotEqualTo(thirdAlone);
    }

    @Test
    void concurrentSessionsReplayTheirDrawsAndMatchInParallel() throws InterruptedException {
        String yaml = """
                seed: 99
                rules:
                  - {name: flaky, on: rcpt, argument: '^TO:<[a-z]+[0-9]*@example\\.org>$', probability: 0.3,
                     reply: 451 4.3.0 Flaky}
                """;
        ScenarioRuntime serial = runtime(yaml);
        List<List<String>> expected = new ArrayList<>();
        for (int connection = 1; connection <= 8; connection++) {
            expected.add(drawsOf(serial, connection, 500));
        }

        ScenarioRuntime shared = runtime(yaml);
        List<List<String>> actual = new ArrayList<>(java.util.Collections.nCopies(8, null));
        List<Thread> threads = new ArrayList<>();
        for (int connection = 1; connection <= 8; connection++) {
            int c = connection;
            threads.add(new Thread(() -> actual.set(c - 1, drawsOf(shared, c, 500))));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void matchingTakesNoLockOnlyAFiringRuleDoes() throws Exception {
        ScenarioRuntime runtime = runtime("""
                rules:
                  - {name: picky, on: rcpt, argument: '@blocked\\.test>', probability: 0.5, reply: 550 5.7.1 No}
                """);
        java.util.concurrent.CompletableFuture<Decision> decided;
        synchronized (runtime) { // another session holds the lock while it counts a firing
            decided = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> runtime.decide(command(Trigger.RCPT, 2, 1, 1, 1, "TO:<a@example.org>")));
            assertThat(decided.get(30, java.util.concurrent.TimeUnit.SECONDS)).isNull();
        }
    }

    /** The rule fired (or null) for each of {@code count} RCPTs of one connection. */
    private static List<String> drawsOf(ScenarioRuntime runtime, int connection, int count) {
        List<String> fired = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            fired.add(rule(runtime.decide(command(Trigger.RCPT, connection, i, i, 1, "TO:<user" + i + "@example.org>"))));
        }
        return fired;
    }

    @Test
    void probabilityOneAlwaysFires() {
        ScenarioRuntime runtime = runtime("rules: [{name: sure, on: noop, probability: 1, reply: 250 2.0.0 Sure}]");

        assertThat(IntStream.range(0, 50).mapToObj(i -> rule(runtime.decide(command(Trigger.NOOP, 1)))))
                .containsOnly("sure");
    }

    @Test
    void contentFiresOnceWhenTheThresholdIsCrossed() {
        ScenarioRuntime runtime = runtime("""
                rules:
                  - {name: mid-data, on: content, after_bytes: 1024, reply: 421 4.3.2 Bye, action: close}
                """);

        assertThat(runtime.decide(content(0, 1000))).isNull();
        assertThat(runtime.decide(content(1000, 1023))).isNull();
        assertThat(runtime.decide(content(1023, 1100))).isEqualTo(
                new Decision("mid-data", Reply.of(421, "4.3.2", "Bye"), Then.CLOSE, 0, false));
        assertThat(runtime.decide(content(1100, 2000))).as("already past the threshold").isNull();
        assertThat(rule(runtime.decide(content(0, 1024)))).as("a single long line crosses it").isEqualTo("mid-data");
    }

    @Test
    void contentWithoutAThresholdFiresOnTheFirstLine() {
        ScenarioRuntime runtime = runtime("rules: [{name: at once, on: content, action: reset}]");

        assertThat(runtime.decide(content(0, 78))).isEqualTo(new Decision("at once", null, Then.RESET, 0, true));
        assertThat(runtime.decide(content(78, 150))).isNull();
    }

    @Test
    void idleRulesFireAfterTheirSilenceAndListTheirThresholds() {
        ScenarioRuntime runtime = runtime("""
                rules:
                  - {name: stale, on: idle, after: 1s, transaction: 1+, reply: 421 4.4.2 Timeout exceeded}
                  - {name: very stale, on: idle, after: 500ms, action: close}
                  - {name: same threshold, on: idle, after: 1000, action: reset}
                """);

        assertThat(runtime.idleThresholds()).containsExactly(500, 1000);
        assertThat(runtime.decide(idle(400, 1))).isNull();
        assertThat(rule(runtime.decide(idle(1000, 1)))).isEqualTo("stale");
        assertThat(rule(runtime.decide(idle(1000, 0)))).as("no transaction yet").isEqualTo("very stale");
        assertThat(rule(runtime.decide(idle(600, 0)))).isEqualTo("very stale");
    }

    @Test
    void aDecisionIsSilentOnlyWhenItEndsTheSessionWithoutAReply() {
        ScenarioRuntime runtime = runtime("""
                rules:
                  - {name: reset, on: mail, action: reset}
                  - {name: hang, on: data, action: hang, delay: 2s}
                  - {name: close with reply, on: rcpt, reply: 554 5.3.2 Bye, action: close_now}
                  - {name: close quietly, on: noop, action: close}
                  - {name: delay only, on: connect, delay: 3s}
                  - {name: explicit reply action, on: vrfy, action: reply, reply: 252 2.0.0 Maybe}
                """);

        assertThat(runtime.decide(command(Trigger.MAIL, 1))).isEqualTo(new Decision("reset", null, Then.RESET, 0, true));
        assertThat(runtime.decide(command(Trigger.DATA, 1))).isEqualTo(new Decision("hang", null, Then.HANG, 2000, true));
        assertThat(runtime.decide(command(Trigger.RCPT, 1))).isEqualTo(
                new Decision("close with reply", Reply.of(554, "5.3.2", "Bye"), Then.CLOSE_NOW, 0, false));
        assertThat(runtime.decide(command(Trigger.NOOP, 1)))
                .isEqualTo(new Decision("close quietly", null, Then.CLOSE, 0, true));
        assertThat(runtime.decide(connect(1))).isEqualTo(new Decision("delay only", null, null, 3000, false));
        assertThat(runtime.decide(command(Trigger.VRFY, 1)))
                .isEqualTo(new Decision("explicit reply action", Reply.of(252, "2.0.0", "Maybe"), null, 0, false));
    }

    @Test
    void aRuleThatDoesNotFireDoesNotCount() {
        ScenarioRuntime runtime = runtime("""
                rules:
                  - {name: second only, on: rcpt, occurrence_in_transaction: 2, times: 1, reply: 452 4.5.3 Enough}
                """);

        assertThat(runtime.decide(command(Trigger.RCPT, 1, 1, 1, 1, ""))).isNull();
        assertThat(runtime.unfiredRules()).containsExactly("second only");
        assertThat(rule(runtime.decide(command(Trigger.RCPT, 1, 2, 2, 1, "")))).isEqualTo("second only");
        assertThat(runtime.decide(command(Trigger.RCPT, 2, 2, 2, 1, ""))).isNull();
        assertThat(runtime.unfiredRules()).isEmpty();
    }

    @Test
    void oneRuntimeServesConcurrentSessionsConsistently() throws InterruptedException {
        ScenarioRuntime runtime = runtime("rules: [{name: hundred, on: mail, times: 100, reply: 451 4.3.0 Later}]");
        List<Thread> threads = new ArrayList<>();
        int[] fired = new int[8];
        for (int t = 0; t < fired.length; t++) {
            int index = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    if (runtime.decide(command(Trigger.MAIL, index + 1)) != null) {
                        fired[index]++;
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(IntStream.of(fired).sum()).isEqualTo(100);
        assertThat(runtime.firings()).containsEntry("hundred", 100);
    }
}
