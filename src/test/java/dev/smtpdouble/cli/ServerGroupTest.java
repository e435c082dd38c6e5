package dev.smtpdouble.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpdouble.SmtpDouble;
import dev.smtpdouble.scenario.Scenario;
import dev.smtpdouble.scenario.ScenarioException;
import dev.smtpdouble.scenario.Scenarios;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ServerGroupTest {

    private final ListenOption.Converter converter = new ListenOption.Converter();

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "2526=greeting-421        | 2526 | greeting-421",
        "2527=/scenarios/mine.yaml | 2527 | /scenarios/mine.yaml",
        "2528                     | 2528 | null",
        "2529=                    | 2529 | null",
    })
    void listen_options_name_a_port_and_a_scenario(String text, int port, String scenario) {
        assertThat(converter.convert(text)).isEqualTo(new ListenOption(port, scenario));
    }

    @ParameterizedTest
    @CsvSource({"greeting-421", "x=greeting-421", "70000=accept-all", "-1=accept-all"})
    void bad_listen_options_are_refused(String text) {
        assertThatThrownBy(() -> converter.convert(text)).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, 0:0:0:0:0:0:0:0, 0.0.0.0:2525",
        "0.0.0.0, 0.0.0.0, 0.0.0.0:2525",
        "127.0.0.1, 127.0.0.1, 127.0.0.1:2525",
        "::1, 0:0:0:0:0:0:0:1, [0:0:0:0:0:0:0:1]:2525",
    })
    void startup_lines_show_the_address_asked_for(String requested, String bound, String shown) {
        assertThat(ServerGroup.address(requested, bound, 2525)).isEqualTo(shown);
    }

    @Test
    void starts_every_listener_with_its_own_scenario_and_the_admin_api() {
        ServerGroup group = ServerGroup.start(port -> SmtpDouble.builder().port(port), 0, null, Scenario.ACCEPT_ALL,
                List.of(new ListenOption(0, "greeting-421"), new ListenOption(0, null)), Scenarios::load);
        try {
            group.startAdmin("127.0.0.1", 0, null, null);
            assertThat(group.listeners()).extracting(smtp -> smtp.scenario().name())
                    .containsExactly("accept-all", "greeting-421", "accept-all");
            assertThat(group.admin().port()).isPositive();
        } finally {
            assertThat(group.close(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void a_bad_scenario_fails_before_anything_binds() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int first = port;
        assertThatThrownBy(() -> ServerGroup.start(p -> SmtpDouble.builder().port(p), first, null, Scenario.ACCEPT_ALL,
                List.of(new ListenOption(0, "no-such-scenario")), Scenarios::load))
                .isInstanceOf(ScenarioException.class);
        try (ServerSocket again = new ServerSocket(first)) {
            assertThat(again.getLocalPort()).isEqualTo(first);
        }
    }

    @Test
    void a_busy_port_closes_the_listeners_already_started() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            assertThatThrownBy(() -> ServerGroup.start(p -> SmtpDouble.builder().port(p), 0, null, Scenario.ACCEPT_ALL,
                    List.of(new ListenOption(busy.getLocalPort(), null)), Scenarios::load))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(String.valueOf(busy.getLocalPort()));
        }
    }
}
