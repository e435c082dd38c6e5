package dev.smtpdouble.testcontainers;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/** What the Testcontainers tests need: a Docker API (podman's, in .ci/run) and a label on what they start. */
public final class Testcontainers {

    /** .ci/run removes containers with this label that a killed run left behind. */
    public static final String LABEL = "dev.smtpdouble.test";

    private Testcontainers() {
    }

    /** Skips without a Docker API, except under {@code CI=true}, where these tests must run. */
    public static void require() {
        boolean available = DockerClientFactory.instance().isDockerAvailable();
        if ("true".equals(System.getenv("CI"))) {
            Assertions.assertTrue(available, "CI=true, so the Testcontainers tests must run, but no Docker API "
                    + "answers; .ci/run starts podman's (DOCKER_HOST=" + System.getenv("DOCKER_HOST") + ")");
        } else {
            Assumptions.assumeTrue(available, "no Docker API (set DOCKER_HOST to podman's socket, see .ci/run): "
                    + "Testcontainers tests skipped");
        }
    }

    public static SmtpDoubleContainer labelled(SmtpDoubleContainer container) {
        return container.withLabel(LABEL, "container-it");
    }
}
