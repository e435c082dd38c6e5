package dev.smtpdouble.differential;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.Optional;

/** What the comparisons with a real MTA share: whether it may be skipped, and the replies the dialogue needs. */
final class ReferenceMta {

    private ReferenceMta() {
    }

    /**
     * Skips the test when the MTA cannot run here, but fails it when {@code CI=true}: CI prepares every MTA.
     *
     * @param unavailable why the MTA cannot run, or empty when it can
     */
    static void require(String name, Optional<String> unavailable) {
        if (unavailable.isEmpty()) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true, so the comparison with " + name + " must run, but " + unavailable.get());
        }
        assumeTrue(false, unavailable.get() + ": comparison with " + name + " skipped (it runs in .ci/run, or with CI=true)");
    }

    /** A reply the dialogue needs before the line under test, e.g. 250 to EHLO. */
    static void expect(String reply, String code) throws IOException {
        if (reply == null || !reply.startsWith(code)) {
            throw new IOException("expected " + code + ", got " + reply);
        }
    }
}
