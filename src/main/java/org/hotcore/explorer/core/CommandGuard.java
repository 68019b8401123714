package org.hotcore.explorer.core;

import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;

/**
 * The one owner of every pipeline and transaction: it counts the commands each batch queues, rejects a batch that
 * would pass the limit before the command is queued, and publishes live counters for the monitor.
 * Thread-safe; one instance is shared by all connections of a {@link RedisConnection}.
 */
public final class CommandGuard {

    /** The default maximum number of commands in one pipeline or transaction. */
    public static final int DEFAULT_LIMIT = 10_000;

    private final int limit;
    private final AtomicLong queuedNow = new AtomicLong();
    private final AtomicLong maxQueued = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong roundTrips = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong aborted = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    public CommandGuard(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("invalid command queue limit " + limit + ": use 1 or more");
        }
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    /** Opens a pipeline on {@code jedis}; the caller closes the batch. */
    public CommandBatch pipeline(Jedis jedis, String operation) {
        return new CommandBatch(this, jedis.pipelined(), null, operation);
    }

    /** Sends MULTI on {@code jedis} and returns the transaction; the caller closes the batch. */
    public CommandBatch transaction(Jedis jedis, String operation) {
        return new CommandBatch(this, null, jedis.multi(), operation);
    }

    /** Counts one command sent on its own, outside a batch. */
    public void countSingle() {
        sent.incrementAndGet();
        roundTrips.incrementAndGet();
    }

    /** Counts {@code n} commands sent on their own, one round trip each. */
    public void countSingles(int n) {
        sent.addAndGet(n);
        roundTrips.addAndGet(n);
    }

    void retry() {
        retried.incrementAndGet();
    }

    void reserve(String operation, int alreadyQueued) {
        if (alreadyQueued >= limit) {
            rejected.incrementAndGet();
            throw new CommandLimitExceededException(operation, alreadyQueued + 1L, limit);
        }
        long now = queuedNow.incrementAndGet();
        maxQueued.accumulateAndGet(now, Math::max);
    }

    void release(int count) {
        queuedNow.addAndGet(-count);
    }

    void countSent(int count, int trips) {
        sent.addAndGet(count);
        roundTrips.addAndGet(trips);
    }

    void countCommit() {
        committed.incrementAndGet();
    }

    void countAbort() {
        aborted.incrementAndGet();
    }

    /** Returns a consistent-enough copy of the counters for display; each counter is read once. */
    public Snapshot snapshot() {
        return new Snapshot(limit, queuedNow.get(), maxQueued.get(), sent.get(), roundTrips.get(),
                committed.get(), aborted.get(), retried.get(), rejected.get());
    }

    /**
     * Counters at one moment.
     *
     * @param queuedNow commands queued in open batches now
     * @param maxQueued the most commands queued at once since start
     * @param sent commands sent to the server
     * @param roundTrips network round trips
     * @param committed transactions committed by EXEC
     * @param aborted transactions aborted because a WATCHed key changed
     * @param retried transactions started again after an abort
     * @param rejected batches rejected for passing the limit
     */
    public record Snapshot(int limit, long queuedNow, long maxQueued, long sent, long roundTrips, long committed,
                           long aborted, long retried, long rejected) {
    }
}
