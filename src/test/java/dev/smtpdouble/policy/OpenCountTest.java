package dev.smtpdouble.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenCountTest {

    @Test
    void countsHoldersAndForgetsAKeyWithNone() {
        OpenCount open = new OpenCount();
        open.join("127.0.0.1");
        open.join("127.0.0.1");
        open.join("10.0.0.1");

        assertThat(open.count("127.0.0.1")).isEqualTo(2);
        open.leave("127.0.0.1");
        open.leave("127.0.0.1");
        open.leave("127.0.0.1");
        open.leave("10.0.0.1");

        assertThat(open.count("127.0.0.1")).isZero();
        assertThat(open.keys()).isZero();
    }
}
