package org.hotcore.explorer.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.Progress;

/**
 * Figure 5, create, in the shape of hotcore's speed test: parents under the top-level id {@code parent1}, each with
 * children, every entity with the same number of attributes (99, 49 and 50 by default), each entity created by
 * {@code HotcoreStore.create} in its own transaction, once from one thread and once from several, each thread taking
 * whole parents with their children. The bulk case hands all of them to {@code HotcoreStore.createAll} in one call,
 * which writes the same keys in transactions of up to 2,000 entities.
 *
 * <p>{@code HotcoreStore.create} accepts as parent only an entity, {@code root}, or a top-level id that already
 * has a children set, so the first parent is written raw (in the same layout) to make {@code parent1} exist; the
 * timed part is every other entity.
 */
final class CreateFigure implements Figure {

    static final String NAME = "create";
    static final String TOP_LEVEL_ID = "parent1";
    static final double TARGET_ENTITIES_PER_SECOND = 15_000;

    private static final String WARMUP_TOP_LEVEL_ID = "bench-create-warmup";

    /**
     * Untimed runs of the bulk call before the timed ones. The JIT compiles the client's path over about 20,000
     * entities. In one measurement on a 2-core machine, the first four runs of 4,949 entities went from 9,200 to
     * 18,500 entities/s.
     */
    private static final int BULK_WARMUP_RUNS = 4;

    /** Timed runs of the bulk call; the figure is their median. */
    private static final int BULK_RUNS = 5;

    @Override
    public void run(Bench bench) {
        Bench.Settings settings = bench.settings();
        String shape = Result.grouped(settings.speedTestParents()) + " parents x " + settings.speedTestChildren()
                + " children, " + settings.speedTestAttributes() + " attributes";
        if (settings.warmup() > 0) {
            bench.progress("create: warm-up");
            bench.flushDatabase();
            String seed = seed(bench, WARMUP_TOP_LEVEL_ID);
            for (int i = 0; i < 20 * settings.warmup(); i++) {
                bench.store().create(seed, Shapes.speedTestChild(i, settings.speedTestAttributes()));
            }
        }

        bench.flushDatabase();
        String firstParent = seed(bench, TOP_LEVEL_ID);
        Timing single = createAll(bench, firstParent, 1);
        bench.emit(result(bench, single, "single, one thread (" + shape + ")", 1, false));

        bench.flushDatabase();
        firstParent = seed(bench, TOP_LEVEL_ID);
        Timing threaded = createAll(bench, firstParent, settings.threads());
        bench.emit(result(bench, threaded, "single create from " + settings.threads() + " threads (" + shape + ")",
                settings.threads(), false));

        if (settings.warmup() > 0) {
            for (int run = 0; run < BULK_WARMUP_RUNS; run++) {
                bench.flushDatabase();
                createBulk(bench, seed(bench, TOP_LEVEL_ID));
            }
        }
        List<Timing> bulkRuns = new ArrayList<>();
        List<Long> rates = new ArrayList<>();
        boolean allComplete = true;
        for (int run = 0; run < BULK_RUNS; run++) {
            bench.flushDatabase();
            Timing timing = createBulk(bench, seed(bench, TOP_LEVEL_ID));
            bulkRuns.add(timing);
            rates.add(Math.round(timing.entities() / Bench.seconds(timing.elapsedNanos())));
            allComplete &= bench.store().countSubtree(TOP_LEVEL_ID, Progress.NONE, Cancellation.NEVER)
                    == expected(settings);
        }
        Timing bulk = bulkRuns.stream().sorted(Comparator.comparingLong(Timing::elapsedNanos)).toList()
                .get(BULK_RUNS / 2);
        Result bulkResult = result(bench, bulk, "bulk: HotcoreStore.createAll, one call, median of " + BULK_RUNS
                + " runs (" + shape + ")", 1, true);
        bulkResult.runs("runs", rates);
        if (!allComplete) {
            bulkResult.check("every run stores every entity", false);
        }
        bench.emit(bulkResult);

        if (settings.warmup() > 0) {
            bench.flushDatabase();
            writeRaw(bench);
        }
        bench.flushDatabase();
        bench.progress("create: %s entities written raw", Result.grouped(expected(settings)));
        long start = System.nanoTime();
        long commands = writeRaw(bench);
        long elapsed = System.nanoTime() - start;
        bench.emit(rawResult(settings, shape, commands, elapsed));
    }

    /**
     * Writes the same entities raw with a {@link TreeWriter}: the same keys, pipelined on one connection, with no
     * WATCH, type check or transaction, and returns the number of commands. It shows what this server and client
     * manage for this shape without any of the guarantees of a create.
     */
    private static long writeRaw(Bench bench) {
        Bench.Settings settings = bench.settings();
        int attributes = settings.speedTestAttributes();
        TreeWriter.Ids ids = new TreeWriter.Ids();
        return bench.write(writer -> {
            long number = 0;
            for (int p = 1; p <= settings.speedTestParents(); p++) {
                String parentId = ids.id(number++);
                writer.add(parentId, TOP_LEVEL_ID, Shapes.flatten(Shapes.speedTestParent(p, attributes)));
                for (int c = 1; c <= settings.speedTestChildren(); c++) {
                    writer.add(ids.id(number++), parentId, Shapes.flatten(Shapes.speedTestChild(c, attributes)));
                }
            }
            writer.flush();
            return writer.commands();
        });
    }

    private static Result rawResult(Bench.Settings settings, String shape, long commands, long elapsed) {
        long entities = expected(settings);
        double seconds = Bench.seconds(elapsed);
        return new Result(NAME, "create (speed-test shape)", "reference: raw pipelined writes of the same keys, no"
                + " transaction or checks (" + shape + ")")
                .put("threads", 1)
                .put("entities", entities)
                .put("commands", commands)
                .put("seconds", seconds)
                .put("entitiesPerSecond", Math.round(entities / seconds))
                .put("commandsPerSecond", Math.round(commands / seconds))
                .summary(Result.grouped(entities / seconds) + " entities/s (" + Result.grouped(commands / seconds)
                        + " commands/s, " + Result.grouped(commands / entities) + " commands per entity)");
    }

    /** Writes the first parent raw, so that the top-level id exists, and returns its id. */
    private static String seed(Bench bench, String topLevelId) {
        String id = new TreeWriter.Ids().id(1);
        int attributes = bench.settings().speedTestAttributes();
        bench.write(writer -> {
            writer.add(id, topLevelId, Shapes.flatten(Shapes.speedTestParent(1, attributes)));
            return null;
        });
        return id;
    }

    /**
     * Latencies of every create and the wall time of all of them.
     *
     * @param nanos the duration of each create
     * @param elapsedNanos from the first create's start to the last one's end
     * @param entities the entities created
     */
    private record Timing(long[] nanos, long elapsedNanos, long entities) {

        Timing(long[] nanos, long elapsedNanos) {
            this(nanos, elapsedNanos, nanos.length);
        }
    }

    private static Timing createAll(Bench bench, String firstParent, int threads) {
        Bench.Settings settings = bench.settings();
        HotcoreStore store = bench.store();
        int parents = settings.speedTestParents();
        bench.progress("create: %s entities from %s thread%s", Result.grouped(expected(settings) - 1), threads,
                threads == 1 ? "" : "s");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    long[] nanos = new long[(parents / threads + 1) * (settings.speedTestChildren() + 1)];
                    int count = 0;
                    start.await();
                    for (int p = 1 + thread; p <= parents; p += threads) {
                        String parentId = firstParent;
                        if (p != 1) {
                            long began = System.nanoTime();
                            parentId = store.create(TOP_LEVEL_ID, Shapes.speedTestParent(p,
                                    settings.speedTestAttributes()));
                            nanos[count++] = System.nanoTime() - began;
                        }
                        for (int c = 1; c <= settings.speedTestChildren(); c++) {
                            long began = System.nanoTime();
                            store.create(parentId, Shapes.speedTestChild(c, settings.speedTestAttributes()));
                            nanos[count++] = System.nanoTime() - began;
                        }
                    }
                    return Arrays.copyOf(nanos, count);
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            List<long[]> parts = new ArrayList<>();
            for (Future<long[]> future : futures) {
                parts.add(future.get());
            }
            long elapsed = System.nanoTime() - began;
            long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
            return new Timing(all, elapsed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating entities", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("create failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Creates every entity but the first parent with one {@code createAll} call, parents each followed by their
     * children. Its timing has one entry: the whole call.
     */
    private static Timing createBulk(Bench bench, String firstParent) {
        Bench.Settings settings = bench.settings();
        int attributes = settings.speedTestAttributes();
        List<HotcoreStore.NewEntity> entities = new ArrayList<>();
        for (int p = 1; p <= settings.speedTestParents(); p++) {
            int parentIndex = entities.size();
            if (p != 1) {
                entities.add(HotcoreStore.NewEntity.under(TOP_LEVEL_ID, Shapes.speedTestParent(p, attributes)));
            }
            for (int c = 1; c <= settings.speedTestChildren(); c++) {
                entities.add(p == 1
                        ? HotcoreStore.NewEntity.under(firstParent, Shapes.speedTestChild(c, attributes))
                        : HotcoreStore.NewEntity.underNew(parentIndex, Shapes.speedTestChild(c, attributes)));
            }
        }
        bench.progress("create: %s entities in one createAll call", Result.grouped(entities.size()));
        long began = System.nanoTime();
        bench.store().createAll(entities, Progress.NONE, Cancellation.NEVER);
        long elapsed = System.nanoTime() - began;
        return new Timing(new long[] {elapsed}, elapsed, entities.size());
    }

    private static long expected(Bench.Settings settings) {
        return (long) settings.speedTestParents() * (settings.speedTestChildren() + 1);
    }

    private static Result result(Bench bench, Timing timing, String caseName, int threads, boolean bulk) {
        long created = timing.entities();
        long stored = bench.store().countSubtree(TOP_LEVEL_ID, Progress.NONE, Cancellation.NEVER);
        boolean complete = stored == expected(bench.settings());
        double seconds = Bench.seconds(timing.elapsedNanos());
        double perSecond = created / seconds;
        Result result = new Result(NAME, "create (speed-test shape)", caseName)
                .put("threads", threads)
                .put("bulkPath", bulk)
                .put("entities", created)
                .put("complete", complete)
                .put("seconds", seconds)
                .put("entitiesPerSecond", Math.round(perSecond));
        String detail;
        if (bulk) {
            detail = "one call";
        } else {
            Latencies latencies = Latencies.ofNanos(timing.nanos());
            result.put("medianMs", latencies.medianMillis()).put("p95Ms", latencies.p95Millis());
            detail = "one create: median " + Result.millis(latencies.medianMillis()) + ", p95 "
                    + Result.millis(latencies.p95Millis());
        }
        result.summary(Result.grouped(perSecond) + " entities/s (" + Result.grouped(created) + " in "
                + String.format(Locale.ROOT, "%.1f", seconds) + " s; " + detail + ")"
                + (complete ? "" : "; INCOMPLETE: " + Result.grouped(stored) + " stored"));
        if (bulk) {
            result.check(">= " + Result.grouped(TARGET_ENTITIES_PER_SECOND) + " entities/s",
                    perSecond >= TARGET_ENTITIES_PER_SECOND);
        }
        if (!complete) {
            result.check("stores every entity", false);
        }
        return result;
    }
}
