package dev.smtpdouble.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdouble.SmtpDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code @Nested} classes: without an annotation of their own they share the enclosing class's
 * server; with one they get their own, on another free port, beside the outer one.
 */
@SmtpDoubleTest(scenario = "greylist")
class NestedClassesTest {

    private static SmtpDouble outer;

    @BeforeAll
    static void outerServer(SmtpDouble smtp) {
        outer = smtp;
    }

    @Test
    void outerTest(SmtpDouble smtp) {
        assertThat(smtp).isSameAs(outer);
    }

    @Nested
    class SharingTheOuterServer {

        @Test
        void sameServer(SmtpDouble smtp) {
            assertThat(smtp).isSameAs(outer);
            assertThat(smtp.scenario().name()).isEqualTo("greylist");
            assertThat(smtp.journal().sessions()).as("reset before each test, nested ones too").isEmpty();
        }

        @Nested
        class TwoLevelsDown {
            @Test
            void stillTheSameServer(SmtpDouble smtp) {
                assertThat(smtp).isSameAs(outer);
            }
        }
    }

    @Nested
    @SmtpDoubleTest(scenario = "greeting-421")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithItsOwnServer {

        private final SmtpDouble constructed;

        WithItsOwnServer(SmtpDouble smtp) {
            constructed = smtp;
        }

        @Test
        void ownServerOnAnotherPortWhileTheOuterOneRuns(SmtpDouble smtp) {
            assertThat(smtp).isSameAs(constructed).isNotSameAs(outer);
            assertThat(smtp.port()).isNotEqualTo(outer.port());
            assertThat(smtp.scenario().name()).isEqualTo("greeting-421");
            try (SmtpClient mine = SmtpClient.connect(smtp); SmtpClient theirs = SmtpClient.connect(outer)) {
                assertThat(mine.greeting()).startsWith("421");
                assertThat(theirs.greeting()).startsWith("220");
            }
        }

        @Nested
        class InsideIt {
            @Test
            void sharesTheNearestServer(SmtpDouble smtp) {
                assertThat(smtp).isSameAs(constructed);
            }
        }
    }
}
