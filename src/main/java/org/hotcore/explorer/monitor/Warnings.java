package org.hotcore.explorer.monitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Decides which warnings a sample raises. Keeps the aborts of the last few samples, so one instance serves one
 * sequence of samples; not thread-safe.
 */
public final class Warnings {

    /** Share of the maximum heap in use above which the heap warning shows. */
    public static final double HEAP_SHARE = 0.80;
    /** Share of the command limit queued now above which the queue warning shows. */
    public static final double QUEUE_SHARE = 0.80;
    /** Share of maxmemory used above which the Redis memory warning shows. */
    public static final double REDIS_MEMORY_SHARE = 0.90;
    /** Number of recent samples looked at for WATCH aborts. */
    public static final int ABORT_WINDOW = 5;
    /** WATCH aborts in at least this many of the recent samples raise the warning. */
    public static final int ABORT_SAMPLES = 3;

    private final Deque<Long> recentAborts = new ArrayDeque<>();

    /** Returns the warnings of the given figures and records the aborts of this interval for the next calls. */
    public List<Warning> check(Sample.Jvm jvm, Sample.Redis redis, Sample.Queue queue) {
        List<Warning> warnings = new ArrayList<>(4);
        if (jvm.heapMax() != null && jvm.heapMax() > 0 && jvm.heapUsed() > HEAP_SHARE * jvm.heapMax()) {
            warnings.add(new Warning(Warning.Kind.HEAP, String.format(Locale.ROOT,
                    "Heap at %d %% of its maximum (%s of %s)", percent(jvm.heapUsed(), jvm.heapMax()),
                    Units.bytes(jvm.heapUsed()), Units.bytes(jvm.heapMax()))));
        }
        if (queue != null && queue.queuedNow() > QUEUE_SHARE * queue.limit()) {
            warnings.add(new Warning(Warning.Kind.QUEUE, String.format(Locale.ROOT,
                    "Command queue at %d %% of the limit (%,d of %,d commands)", percent(queue.queuedNow(),
                            queue.limit()), queue.queuedNow(), queue.limit())));
        }
        if (redis.usedMemory() != null && redis.maxmemory() != null && redis.maxmemory() > 0
                && redis.usedMemory() > REDIS_MEMORY_SHARE * redis.maxmemory()) {
            warnings.add(new Warning(Warning.Kind.REDIS_MEMORY, String.format(Locale.ROOT,
                    "Redis memory at %d %% of maxmemory (%s of %s)", percent(redis.usedMemory(), redis.maxmemory()),
                    Units.bytes(redis.usedMemory()), Units.bytes(redis.maxmemory()))));
        }
        if (queue != null) {
            recentAborts.addLast(queue.abortedInInterval());
            if (recentAborts.size() > ABORT_WINDOW) {
                recentAborts.removeFirst();
            }
            long samplesWithAborts = recentAborts.stream().filter(aborts -> aborts > 0).count();
            if (samplesWithAborts >= ABORT_SAMPLES) {
                long total = recentAborts.stream().mapToLong(Long::longValue).sum();
                warnings.add(new Warning(Warning.Kind.WATCH_ABORTS, String.format(Locale.ROOT,
                        "Transactions keep being aborted by WATCH: %,d aborts in the last %d samples; another"
                                + " client is writing the same keys", total, recentAborts.size())));
            }
        }
        return warnings;
    }

    private static long percent(long part, long whole) {
        return Math.round(100.0 * part / whole);
    }
}
