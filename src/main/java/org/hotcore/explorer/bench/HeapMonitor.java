package org.hotcore.explorer.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Records the peak heap of the JVM while an operation runs. GC notifications give the largest heap in use right
 * after a collection, which is the live data plus garbage not yet reclaimed and so an upper bound of the live set.
 * They also give the heap in use right before a collection, and a sampler reads the used heap every 100 ms.
 */
final class HeapMonitor implements AutoCloseable {

    private static final long SAMPLE_INTERVAL_MILLIS = 100;
    private static final long MIB = 1024 * 1024;

    /**
     * Peaks in bytes.
     *
     * @param afterGcBytes the most heap in use after any collection during the run, or -1 when none ran
     * @param usedBytes the most heap in use seen by sampling or before a collection
     * @param collections the number of collections during the run
     */
    record Peak(long afterGcBytes, long usedBytes, long collections) {

        Long afterGcMiB() {
            return afterGcBytes < 0 ? null : (afterGcBytes + MIB - 1) / MIB;
        }

        long usedMiB() {
            return (usedBytes + MIB - 1) / MIB;
        }
    }

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Set<String> heapPools;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private final AtomicLong peakAfterGc = new AtomicLong(-1);
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private HeapMonitor() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        sampler = Thread.ofPlatform().daemon().name("bench-heap-sampler").start(this::sample);
    }

    /**
     * Runs a full collection, so that garbage of earlier work is not counted, and starts monitoring.
     * NOTE: the first notifications can still report that earlier collection, which only raises the peak a little.
     */
    static HeapMonitor start() {
        System.gc();
        return new HeapMonitor();
    }

    /** Stops monitoring and returns the peaks. */
    Peak stop() {
        close();
        peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        return new Peak(peakAfterGc.get(), peakUsed.get(), collections.get());
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        sampler.interrupt();
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // Already removed: nothing left to undo.
            }
        }
    }

    private void sample() {
        while (running) {
            peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(SAMPLE_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void onNotification(Notification notification, Object handback) {
        if (!running || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                .equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        collections.incrementAndGet();
        peakUsed.accumulateAndGet(heapBytes(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
        peakAfterGc.accumulateAndGet(heapBytes(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
    }

    private long heapBytes(Map<String, MemoryUsage> pools) {
        long sum = 0;
        for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                sum += pool.getValue().getUsed();
            }
        }
        return sum;
    }
}
