package org.hotcore.explorer.bench;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hotcore.explorer.core.ChildPage;
import org.hotcore.explorer.core.CommandGuard;

/**
 * Figure 3, first page of children: {@code HotcoreStore.childPage} with page size {@value #PAGE_SIZE} from cursor 0
 * and an empty set of seen ids (a cold cursor, as when a tree node is expanded), on a node with many children.
 * Each child is an entity with a {@code name} and a {@code type}.
 */
final class ChildPageFigure implements Figure {

    static final String NAME = "children";
    static final String TOP_LEVEL_ID = "bench-children";
    static final int PAGE_SIZE = 250;
    static final double TARGET_MEDIAN_MILLIS = 20;
    static final double TARGET_RATIO = 2;

    @Override
    public void run(Bench bench) {
        Map<Integer, Double> medians = new LinkedHashMap<>();
        for (int children : bench.settings().childCounts()) {
            Result result = measure(bench, children);
            medians.put(children, (Double) result.get("medianMs"));
            bench.emit(result);
        }
        if (medians.size() >= 2) {
            int smallest = medians.keySet().stream().min(Integer::compare).orElseThrow();
            int largest = medians.keySet().stream().max(Integer::compare).orElseThrow();
            double ratio = medians.get(largest) / medians.get(smallest);
            bench.emit(new Result(NAME, "first page of children", "median ratio " + Result.grouped(largest) + " / "
                    + Result.grouped(smallest) + " children")
                    .put("largest", largest)
                    .put("smallest", smallest)
                    .put("ratio", ratio)
                    .summary(String.format(Locale.ROOT, "%.2f", ratio))
                    .check("<= " + String.format(Locale.ROOT, "%.0f", TARGET_RATIO), ratio <= TARGET_RATIO));
        }
    }

    private static Result measure(Bench bench, int children) {
        bench.flushDatabase();
        TreeWriter.Ids ids = new TreeWriter.Ids();
        String parent = ids.id(0);
        long writeStart = System.nanoTime();
        bench.write(writer -> {
            writer.add(parent, TOP_LEVEL_ID, "name", "wide node", "type", "folder");
            for (long k = 1; k <= children; k++) {
                writer.add(ids.id(k), parent, "name", "child-" + k, "type", "item");
            }
            return null;
        });
        bench.progress("children: wrote a node with %s children in %.1f s, reading first pages",
                Result.grouped(children), Bench.seconds(System.nanoTime() - writeStart));

        for (int i = 0; i < bench.settings().warmup(); i++) {
            firstPage(bench, parent);
        }
        CommandGuard guard = bench.store().guard();
        int samples = bench.settings().samples();
        long[] nanos = new long[samples];
        long returned = 0;
        long before = guard.snapshot().roundTrips();
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            ChildPage page = firstPage(bench, parent);
            nanos[i] = System.nanoTime() - start;
            returned += page.children().size();
        }
        long roundTrips = guard.snapshot().roundTrips() - before;
        Latencies latencies = Latencies.ofNanos(nanos);
        return new Result(NAME, "first page of children", Result.grouped(children) + " children")
                .put("children", children)
                .put("pageSize", PAGE_SIZE)
                .put("samples", samples)
                .put("medianMs", latencies.medianMillis())
                .put("p95Ms", latencies.p95Millis())
                .put("maxMs", latencies.maxMillis())
                .put("childrenPerPage", (double) returned / samples)
                .put("roundTripsPerPage", (double) roundTrips / samples)
                .summary("median " + Result.millis(latencies.medianMillis()) + ", p95 "
                        + Result.millis(latencies.p95Millis()) + " (" + String.format(Locale.ROOT, "%.0f",
                        (double) returned / samples) + " children, " + String.format(Locale.ROOT, "%.1f",
                        (double) roundTrips / samples) + " round trips per page)")
                .check("median < " + String.format(Locale.ROOT, "%.0f", TARGET_MEDIAN_MILLIS) + " ms",
                        latencies.medianMillis() < TARGET_MEDIAN_MILLIS);
    }

    private static ChildPage firstPage(Bench bench, String parent) {
        return bench.store().childPage(parent, "0", PAGE_SIZE, new HashSet<>());
    }
}
