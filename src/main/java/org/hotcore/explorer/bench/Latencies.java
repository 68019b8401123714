package org.hotcore.explorer.bench;

import java.util.Arrays;

/**
 * Summary of timed samples in milliseconds: median and 95th percentile by the nearest-rank method.
 *
 * @param samples the number of samples
 * @param medianMillis the median
 * @param p95Millis the 95th percentile
 * @param maxMillis the slowest sample
 */
record Latencies(int samples, double medianMillis, double p95Millis, double maxMillis) {

    /** Summarizes durations given in nanoseconds; the array is sorted in place. */
    static Latencies ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples to summarize");
        }
        Arrays.sort(nanos);
        return new Latencies(nanos.length, millis(nearestRank(nanos, 0.50)), millis(nearestRank(nanos, 0.95)),
                millis(nanos[nanos.length - 1]));
    }

    /** Returns the value at percentile {@code fraction} of sorted values: the ceil(fraction * n)-th smallest. */
    static long nearestRank(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
