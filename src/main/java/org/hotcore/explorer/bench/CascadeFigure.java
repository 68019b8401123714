package org.hotcore.explorer.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.CascadeDelete;
import org.hotcore.explorer.core.CommandGuard;
import org.hotcore.explorer.core.Progress;

/**
 * Figure 2, cascade delete: {@code HotcoreStore.deleteCascade} of a subtree written by {@link Shapes#subtree}, timed
 * from the call to its return, so the count of the subtree that the delete makes first is included. Commands are
 * the delta of the guard's {@code sent} counter, which the raw setup writes do not touch.
 */
final class CascadeFigure implements Figure {

    static final String NAME = "cascade";
    static final String TOP_LEVEL_ID = "bench-cascade";
    static final double TARGET_ENTITIES_PER_SECOND = 40_000;
    static final double TARGET_SHARE_OF_LIMIT = 0.25;

    /** Entities the untimed warm-up deletes: fewer left the JIT cold for the 10,000-entity case. */
    private static final int WARMUP_SIZE = 20_000;

    /** Sizes up to this one take well under a second, so they run several times and report the median run. */
    private static final int REPEATED_UP_TO = 50_000;

    private static final int SHORT_CASE_RUNS = 3;

    @Override
    public void run(Bench bench) {
        double limit = bench.limit();
        if (bench.settings().warmup() > 0) {
            bench.progress("cascade: warm-up, deleting %s entities", Result.grouped(WARMUP_SIZE));
            measure(bench, WARMUP_SIZE, limit);
        }
        for (int size : bench.settings().cascadeSizes()) {
            if (size > REPEATED_UP_TO) {
                bench.emit(measure(bench, size, limit));
                continue;
            }
            List<Result> runs = new ArrayList<>();
            for (int run = 0; run < SHORT_CASE_RUNS; run++) {
                runs.add(measure(bench, size, limit));
            }
            List<Long> rates = runs.stream().map(result -> (Long) result.get("entitiesPerSecond")).toList();
            Result median = runs.stream().sorted(Comparator.comparingLong(
                    result -> (Long) result.get("entitiesPerSecond"))).toList().get(SHORT_CASE_RUNS / 2);
            bench.emit(median.runs("median of " + SHORT_CASE_RUNS + " runs", rates));
        }
    }

    private static Result measure(Bench bench, int size, double limit) {
        bench.flushDatabase();
        long writeStart = System.nanoTime();
        TreeWriter.Ids ids = new TreeWriter.Ids();
        String top = bench.write(writer -> Shapes.subtree(writer, ids, TOP_LEVEL_ID, size));
        bench.progress("cascade: wrote a subtree of %s entities in %.1f s, deleting it",
                Result.grouped(size), Bench.seconds(System.nanoTime() - writeStart));

        CommandGuard guard = bench.store().guard();
        CascadeDelete.Options options = new CascadeDelete.Options(bench.settings().cascadeBatch(),
                CascadeDelete.Options.DEFAULT.maxConflicts());
        Progress progress = bench.progressEvery10Seconds("cascade: deleted");
        CommandGuard.Snapshot before = guard.snapshot();
        HeapMonitor heap = HeapMonitor.start();
        long start = System.nanoTime();
        CascadeDelete.Result outcome = bench.store().deleteCascade(top, options, progress, Cancellation.NEVER);
        long elapsed = System.nanoTime() - start;
        HeapMonitor.Peak peak = heap.stop();
        CommandGuard.Snapshot after = guard.snapshot();
        long keysLeft = bench.databaseSize();

        double seconds = Bench.seconds(elapsed);
        long commands = after.sent() - before.sent();
        double entitiesPerSecond = outcome.deleted() / seconds;
        double commandsPerSecond = commands / seconds;
        double share = commandsPerSecond / limit;
        boolean complete = outcome.deleted() == size && keysLeft == 0;
        Result result = new Result(NAME, "cascade delete", Result.grouped(size) + " entities")
                .put("entities", size)
                .put("deleted", outcome.deleted())
                .put("complete", complete)
                .put("keysLeft", keysLeft)
                .put("batches", outcome.batches())
                .put("batchSizeOption", options.maxBatchEntities())
                .put("entitiesPerBatch", (double) outcome.deleted() / Math.max(1, outcome.batches()))
                .put("seconds", seconds)
                .put("entitiesPerSecond", Math.round(entitiesPerSecond))
                .put("commands", commands)
                .put("commandsPerEntity", (double) commands / Math.max(1, outcome.deleted()))
                .put("roundTrips", after.roundTrips() - before.roundTrips())
                .put("commandsPerSecond", Math.round(commandsPerSecond))
                .put("limitCommandsPerSecond", Math.round(limit))
                .put("shareOfLimit", share)
                .put("aborted", after.aborted() - before.aborted())
                .put("peakHeapAfterGcMiB", peak.afterGcMiB())
                .put("peakHeapUsedMiB", peak.usedMiB())
                .put("collections", peak.collections())
                .summary(Result.grouped(entitiesPerSecond) + " entities/s (" + String.format(Locale.ROOT,
                        "%.1f", seconds) + " s); " + Result.grouped(commandsPerSecond) + " commands/s = "
                        + Result.percent(share) + " of the limit; peak heap " + heapText(peak)
                        + (complete ? "" : "; INCOMPLETE: " + Result.grouped(outcome.deleted()) + " deleted, "
                        + Result.grouped(keysLeft) + " keys left"))
                .check(">= " + Result.grouped(TARGET_ENTITIES_PER_SECOND) + " entities/s",
                        entitiesPerSecond >= TARGET_ENTITIES_PER_SECOND)
                .check(">= " + Math.round(TARGET_SHARE_OF_LIMIT * 100) + " % of the limit",
                        share >= TARGET_SHARE_OF_LIMIT);
        if (!complete) {
            result.check("deletes every entity and key", false);
        }
        return result;
    }

    static String heapText(HeapMonitor.Peak peak) {
        Long afterGc = peak.afterGcMiB();
        return (afterGc == null ? "no GC ran" : Result.grouped(afterGc) + " MiB after GC") + ", "
                + Result.grouped(peak.usedMiB()) + " MiB used";
    }
}
