package org.hotcore.explorer.bench;

import java.util.Locale;
import org.hotcore.explorer.core.CommandGuard;

/**
 * Figure 4, move: {@code HotcoreStore.move} of a leaf back and forth between two sibling parents at depth
 * {@code d}, that is with {@code d - 1} entities and the top-level id above each parent. Every move reads and
 * WATCHes the new parent's ancestors to rule out a cycle, so its cost grows with {@code d}.
 */
final class MoveFigure implements Figure {

    static final String NAME = "move";
    static final String TOP_LEVEL_ID = "bench-move";
    static final int TARGET_DEPTH = 10;
    static final double TARGET_MEDIAN_MILLIS = 2;

    @Override
    public void run(Bench bench) {
        for (int depth : bench.settings().depths()) {
            bench.emit(measure(bench, depth));
        }
    }

    private static Result measure(Bench bench, int depth) {
        bench.flushDatabase();
        TreeWriter.Ids ids = new TreeWriter.Ids();
        // Numbers 0 .. depth-2 are the chain above the parents, depth-1 and depth the parents, depth+1 the leaf.
        String first = ids.id(depth - 1);
        String second = ids.id(depth);
        String leaf = ids.id(depth + 1);
        bench.write(writer -> {
            String above = TOP_LEVEL_ID;
            for (int level = 0; level < depth - 1; level++) {
                writer.add(ids.id(level), above, "name", "level " + (level + 1), "type", "chain");
                above = ids.id(level);
            }
            writer.add(first, above, "name", "first parent", "type", "chain");
            writer.add(second, above, "name", "second parent", "type", "chain");
            writer.add(leaf, first, "name", "leaf", "type", "leaf");
            return null;
        });

        boolean[] underFirst = {true};
        Runnable moveOnce = () -> {
            String target = underFirst[0] ? second : first;
            if (!bench.store().move(leaf, target)) {
                throw new IllegalStateException("move of the leaf to " + target + " changed nothing; the benchmark"
                        + " tree is not as written");
            }
            underFirst[0] = !underFirst[0];
        };
        for (int i = 0; i < bench.settings().warmup(); i++) {
            moveOnce.run();
        }
        CommandGuard guard = bench.store().guard();
        int samples = bench.settings().samples();
        long[] nanos = new long[samples];
        long before = guard.snapshot().roundTrips();
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            moveOnce.run();
            nanos[i] = System.nanoTime() - start;
        }
        double roundTrips = (double) (guard.snapshot().roundTrips() - before) / samples;
        Latencies latencies = Latencies.ofNanos(nanos);
        Result result = new Result(NAME, "move", "depth " + Result.grouped(depth))
                .put("depth", depth)
                .put("samples", samples)
                .put("medianMs", latencies.medianMillis())
                .put("p95Ms", latencies.p95Millis())
                .put("maxMs", latencies.maxMillis())
                .put("roundTripsPerMove", roundTrips)
                .summary("median " + Result.millis(latencies.medianMillis()) + ", p95 "
                        + Result.millis(latencies.p95Millis()) + " (" + Result.grouped(roundTrips)
                        + " round trips per move)");
        if (depth == TARGET_DEPTH) {
            result.check("median < " + String.format(Locale.ROOT, "%.0f", TARGET_MEDIAN_MILLIS) + " ms",
                    latencies.medianMillis() < TARGET_MEDIAN_MILLIS);
        }
        bench.progress("move: depth %s, median %s", Result.grouped(depth), Result.millis(latencies.medianMillis()));
        return result;
    }
}
