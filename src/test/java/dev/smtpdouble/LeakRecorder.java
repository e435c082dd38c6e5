package dev.smtpdouble;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Sets Netty's leak detector to PARANOID with detectors that keep what they report; see {@link NettyLeaks}. */
final class LeakRecorder {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    private LeakRecorder() {
    }

    static void install() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new Recording());
    }

    /** Runs the collector, lets the detector look for collected buffers, and hands over (and forgets) what it found. */
    static List<String> collect() {
        System.gc();
        for (int i = 0; i < 16; i++) { // the detector looks for collected buffers when it tracks a new one
            ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(1);
            probe.release();
        }
        List<String> found = new ArrayList<>(LEAKS);
        LEAKS.removeAll(found);
        return found;
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
