package org.hotcore.explorer.bench;

import java.nio.charset.StandardCharsets;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Figure 1, the limit: how many pipelined commands per second this client and server manage at all. Batches of
 * {@value #BATCH} commands, half SADD of a uuid to one of {@value #KEYS} sets and half HSET of one field to one of
 * {@value #KEYS} hashes, are sent through Jedis on one connection, each batch read back before the next.
 */
final class LimitFigure implements Figure {

    static final String NAME = "limit";
    static final int BATCH = 1_000;
    static final int KEYS = 64;

    private static final byte[] VALUE = "value-of-20-bytes-xx".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void run(Bench bench) {
        int batches = Math.max(1, bench.settings().limitCommands() / BATCH);
        int warmupBatches = bench.settings().warmup() == 0 ? 0 : Math.max(1, batches / 10);
        bench.progress("limit: %s pipelined SADD and HSET commands in batches of %s, after %s warm-up batches",
                Result.grouped((long) batches * BATCH), Result.grouped(BATCH), warmupBatches);

        byte[][] sets = new byte[KEYS][];
        byte[][] hashes = new byte[KEYS][];
        for (int i = 0; i < KEYS; i++) {
            sets[i] = ("bench:limit:s:" + i).getBytes(StandardCharsets.US_ASCII);
            hashes[i] = ("bench:limit:h:" + i).getBytes(StandardCharsets.US_ASCII);
        }
        TreeWriter.Ids ids = new TreeWriter.Ids();
        long[] batchNanos = new long[batches];
        long elapsed;
        try (Jedis jedis = bench.connection().borrow()) {
            long sequence = 0;
            for (int b = 0; b < warmupBatches; b++) {
                sequence = sendBatch(jedis, ids, sets, hashes, sequence);
            }
            long start = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                long batchStart = System.nanoTime();
                sequence = sendBatch(jedis, ids, sets, hashes, sequence);
                batchNanos[b] = System.nanoTime() - batchStart;
            }
            elapsed = System.nanoTime() - start;
            jedis.del(sets);
            jedis.del(hashes);
        }

        long commands = (long) batches * BATCH;
        double perSecond = commands / Bench.seconds(elapsed);
        bench.limit(perSecond);
        Latencies latencies = Latencies.ofNanos(batchNanos);
        bench.emit(new Result(NAME, "limit (pipelined SADD + HSET)", "batches of " + Result.grouped(BATCH)
                + " commands")
                .put("commands", commands)
                .put("seconds", Bench.seconds(elapsed))
                .put("commandsPerSecond", Math.round(perSecond))
                .put("batchMedianMs", latencies.medianMillis())
                .put("batchP95Ms", latencies.p95Millis())
                .summary(Result.grouped(perSecond) + " commands/s (" + Result.grouped(commands)
                        + " commands; one batch: median " + Result.millis(latencies.medianMillis()) + ", p95 "
                        + Result.millis(latencies.p95Millis()) + ")"));
    }

    private static long sendBatch(Jedis jedis, TreeWriter.Ids ids, byte[][] sets, byte[][] hashes, long sequence) {
        Pipeline pipeline = jedis.pipelined();
        long next = sequence;
        for (int i = 0; i < BATCH / 2; i++) {
            byte[] member = ids.id(next).getBytes(StandardCharsets.US_ASCII);
            int key = (int) (next % KEYS);
            pipeline.sadd(sets[key], member);
            pipeline.hset(hashes[key], member, VALUE);
            next++;
        }
        pipeline.sync();
        return next;
    }
}
