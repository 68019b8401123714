package org.hotcore.explorer.bench;

import java.util.Locale;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.IntegrityCheck;

/**
 * Figure 6, integrity check: {@code IntegrityCheck.run} with its default options over a database that contains
 * one tree written by {@link Shapes#subtree}, timed from the call to its return, with the peak heap.
 */
final class IntegrityFigure implements Figure {

    static final String NAME = "integrity";
    static final String TOP_LEVEL_ID = "bench-integrity";

    @Override
    public void run(Bench bench) {
        int size = bench.settings().integritySize();
        bench.flushDatabase();
        long writeStart = System.nanoTime();
        TreeWriter.Ids ids = new TreeWriter.Ids();
        bench.write(writer -> Shapes.subtree(writer, ids, TOP_LEVEL_ID, size));
        long keys = bench.databaseSize();
        bench.progress("integrity: wrote %s entities (%s keys) in %.1f s, checking", Result.grouped(size),
                Result.grouped(keys), Bench.seconds(System.nanoTime() - writeStart));

        HeapMonitor heap = HeapMonitor.start();
        long start = System.nanoTime();
        IntegrityCheck.Report report = IntegrityCheck.run(bench.store(),
                bench.progressEvery10Seconds("integrity: keys scanned"), Cancellation.NEVER);
        long elapsed = System.nanoTime() - start;
        HeapMonitor.Peak peak = heap.stop();

        double seconds = Bench.seconds(elapsed);
        double perSecond = report.entities() / seconds;
        bench.emit(new Result(NAME, "integrity check", Result.grouped(size) + " entities")
                .put("entities", report.entities())
                .put("keys", keys)
                .put("keysScanned", report.keysScanned())
                .put("seconds", seconds)
                .put("entitiesPerSecond", Math.round(perSecond))
                .put("violations", report.violationCount())
                .put("valid", report.valid())
                .put("peakHeapAfterGcMiB", peak.afterGcMiB())
                .put("peakHeapUsedMiB", peak.usedMiB())
                .put("collections", peak.collections())
                .summary(String.format(Locale.ROOT, "%.1f", seconds) + " s (" + Result.grouped(perSecond)
                        + " entities/s, " + Result.grouped(keys) + " keys); " + Result.grouped(report.violationCount())
                        + " violations; peak heap " + CascadeFigure.heapText(peak)));
    }
}
