package dev.smtpdouble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EarlyListenerTest {

    @Test
    void bindsTheLastPortGivenInEitherFormAndAcceptsConnectionsAtOnce() throws IOException {
        EarlyListener early = EarlyListener.bind(new String[] {"--port", "2525", "--host=127.0.0.1", "--port=0"});
        try {
            assertThat(early).isNotNull();
            assertThat(early.matches("127.0.0.1", 0)).isTrue();
            assertThat(early.matches("127.0.0.1", 2525)).isFalse();
            int port = ((InetSocketAddress) early.channel().getLocalAddress()).getPort();
            try (Socket client = new Socket("127.0.0.1", port)) {
                assertThat(client.isConnected()).as("queued in the backlog before anyone accepts").isTrue();
            }
        } finally {
            early.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "--version", "-V", "--validate", "--validate=x.yaml"})
    void optionsThatStartNoServerBindNothing(String option) {
        assertThat(EarlyListener.bind(new String[] {"--port", "0", option})).isNull();
    }

    @Test
    void aBusyPortOrABadValueIsLeftToTheRegularStartToReport() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(EarlyListener.bind(new String[] {"--port", String.valueOf(busy.getLocalPort())})).isNull();
        }
        assertThat(EarlyListener.bind(new String[] {"--port", "abc"})).isNull();
        assertThat(EarlyListener.bind(new String[] {"--host", "nosuch.invalid", "--port", "0"})).isNull();
    }
}
