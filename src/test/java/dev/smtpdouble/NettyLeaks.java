package dev.smtpdouble;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.opentest4j.AssertionFailedError;

/**
 * Netty's leak detector at PARANOID for the whole test run (every buffer tracked), with leaks made
 * failures instead of log lines. It is installed when the run starts, before any buffer class
 * loads; after each test class the collector runs and a leak reported by then fails that class with
 * Netty's own record of where the buffer was last touched. The build turns it on for its Surefire
 * run (the configuration parameter {@code junit.jupiter.extensions.autodetection.enabled}); the
 * integration tests run the shaded jar, whose relocated Netty this cannot reach. This class names
 * no Netty type itself, so that it loads there too; {@link LeakRecorder} does the work.
 */
public final class NettyLeaks implements LauncherSessionListener, AfterAllCallback {

    private static volatile boolean installed;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            Class.forName("io.netty.util.ResourceLeakDetector", false, NettyLeaks.class.getClassLoader());
        } catch (ClassNotFoundException relocated) {
            return; // the published jar relocates Netty; its detector keeps its defaults there
        }
        LeakRecorder.install();
        installed = true;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!installed) {
            return;
        }
        List<String> found = LeakRecorder.collect();
        if (!found.isEmpty()) {
            throw new AssertionFailedError("Netty reported " + found.size() + " leak(s) by the end of "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", found));
        }
    }
}
