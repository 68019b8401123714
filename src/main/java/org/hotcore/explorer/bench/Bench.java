package org.hotcore.explorer.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.Progress;
import org.hotcore.explorer.core.RedisConnection;
import redis.clients.jedis.Jedis;

/**
 * The state the figures of one run share: the store on the benchmark database, the settings, the figure 1 limit
 * once measured, a progress log on standard error and the sink for results.
 */
final class Bench {

    /**
     * Sizes and counts of a run.
     *
     * @param cascadeSizes entities of each subtree that figure 2 deletes
     * @param childCounts children of each node whose first page figure 3 reads
     * @param depths depths of the new parent in figure 4
     * @param limitCommands commands figure 1 times, in batches of {@value LimitFigure#BATCH}
     * @param samples timed calls per latency case
     * @param warmup untimed calls before the timed ones; 0 also skips the warm-up runs of the throughput figures
     * @param threads threads of the multi-threaded create in figure 5
     * @param speedTestParents parents under {@code parent1} in figure 5
     * @param speedTestChildren children of each parent in figure 5
     * @param speedTestAttributes attributes of each entity in figure 5
     * @param integritySize entities of the tree figure 6 checks
     * @param cascadeBatch the most entities one cascade delete transaction removes
     */
    record Settings(List<Integer> cascadeSizes, List<Integer> childCounts, List<Integer> depths, int limitCommands,
                    int samples, int warmup, int threads, int speedTestParents, int speedTestChildren,
                    int speedTestAttributes, int integritySize, int cascadeBatch) {
    }

    private final HotcoreStore store;
    private final Settings settings;
    private final PrintWriter log;
    private final Consumer<Result> sink;
    private Double limit;

    Bench(HotcoreStore store, Settings settings, PrintWriter log, Consumer<Result> sink) {
        this.store = store;
        this.settings = settings;
        this.log = log;
        this.sink = sink;
    }

    HotcoreStore store() {
        return store;
    }

    RedisConnection connection() {
        return store.connection();
    }

    Settings settings() {
        return settings;
    }

    /** Returns figure 1's pipelined commands per second, measuring it first when this run has not yet. */
    double limit() {
        if (limit == null) {
            new LimitFigure().run(this);
        }
        return limit;
    }

    void limit(double commandsPerSecond) {
        this.limit = commandsPerSecond;
    }

    /** Hands a finished result to the output. */
    void emit(Result result) {
        sink.accept(result);
    }

    /** Writes one progress line on standard error. */
    void progress(String format, Object... arguments) {
        log.println("bench: " + String.format(Locale.ROOT, format, arguments));
        log.flush();
    }

    /** Returns a progress callback that writes a line at most every 10 seconds. */
    Progress progressEvery10Seconds(String label) {
        long[] last = {System.nanoTime()};
        return (done, total) -> {
            long now = System.nanoTime();
            if (now - last[0] >= 10_000_000_000L) {
                last[0] = now;
                progress("%s: %s of %s", label, Result.grouped(done), total < 0 ? "?" : Result.grouped(total));
            }
        };
    }

    /** Empties the benchmark database, so each figure starts from nothing and Redis memory stays bounded. */
    void flushDatabase() {
        connection().withJedis(Jedis::flushDB);
    }

    long databaseSize() {
        return connection().withJedis(Jedis::dbSize);
    }

    /** Writes entities with a {@link TreeWriter} on one pooled connection. */
    <T> T write(Function<TreeWriter, T> work) {
        return connection().withJedis(jedis -> {
            try (TreeWriter writer = new TreeWriter(jedis)) {
                return work.apply(writer);
            }
        });
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
