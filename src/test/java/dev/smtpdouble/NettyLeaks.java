package dev.smtpdouble;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.opentest4j.AssertionFailedError;

/**
 * Netty's leak detector at PARANOID for the whole test run (every buffer tracked), with leaks made
 * failures instead of log lines. It is installed when the run starts, before any buffer class
 * loads; after each test class the collector runs and a leak reported by then fails that class with
 * Netty's record of where the buffer was last touched. The build turns it on for its Surefire and
 * Failsafe runs (the configuration parameter {@code junit.jupiter.extensions.autodetection.enabled}).
 */
public final class NettyLeaks implements LauncherSessionListener, AfterAllCallback {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    /** Whether Netty's own classes are here: not in the integration tests, which run the shaded jar. */
    private static volatile boolean installed;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
            ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new Recording());
            installed = true;
        } catch (NoClassDefFoundError relocated) {
            // the published jar relocates Netty; its detector keeps its defaults there
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!installed) {
            return;
        }
        System.gc();
        // The detector looks for collected buffers when it tracks a new one.
        for (int i = 0; i < 16; i++) {
            ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(1);
            probe.release();
        }
        if (!LEAKS.isEmpty()) {
            List<String> found = new ArrayList<>(LEAKS);
            LEAKS.clear();
            throw new AssertionFailedError("Netty reported " + found.size() + " leak(s) by the end of "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", found));
        }
    }

    /** Makes detectors that keep what they report. */
    private static final class Recording extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                  long maxActive) {
            return new ResourceLeakDetector<>(resource, samplingInterval) {
                @Override
                protected void reportTracedLeak(String resourceType, String records) {
                    LEAKS.add(resourceType + " leaked:" + records);
                    super.reportTracedLeak(resourceType, records);
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    LEAKS.add(resourceType + " leaked (no record)");
                    super.reportUntracedLeak(resourceType);
                }
            };
        }
    }
}
