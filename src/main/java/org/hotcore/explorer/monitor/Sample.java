package org.hotcore.explorer.monitor;

import java.time.Instant;
import java.util.List;

/**
 * The figures of one sampling moment: the JVM, the Redis server, this program's own connections, the command
 * queue of the core and the background jobs, with the warnings they raise. Immutable.
 *
 * @param time when the sample was taken
 * @param intervalSeconds seconds since the previous sample (or since the sampler started), the base of the rates
 * @param detailed true when the sample includes CLIENT LIST and the full INFO; false for a summary sample, taken
 *     while only the status bar shows figures
 * @param jvm heap and garbage collection of this JVM
 * @param redis figures from INFO
 * @param clients figures from CLIENT LIST about this program's own connections
 * @param queue the command queue of the core; null when there is no connection
 * @param jobs background jobs of this process
 * @param warnings the thresholds this sample passes, in the order of {@link Warning.Kind}
 */
public record Sample(Instant time, double intervalSeconds, boolean detailed, Jvm jvm, Redis redis, Clients clients,
                     Queue queue, Jobs jobs, List<Warning> warnings) {

    public Sample {
        warnings = List.copyOf(warnings);
    }

    /** Whether a group of Redis figures could be read. */
    public enum Status {
        /** The figures were read. */
        AVAILABLE,
        /** The server refused the command (such as NOPERM from an ACL) or could not be reached. */
        UNAVAILABLE,
        /** The figures were not asked for, because the monitor pane is hidden. */
        NOT_SAMPLED;

        /** Returns the status as the command line prints it: {@code available}, {@code unavailable}, … */
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * Heap and garbage collection of this JVM, from the platform MXBeans.
     *
     * @param heapUsed bytes of heap in use
     * @param heapCommitted bytes of heap the JVM holds from the operating system
     * @param heapMax the heap limit in bytes, or null when the JVM has none
     * @param gcCount collections since the JVM started, all collectors together
     * @param gcTimeMillis milliseconds spent in collections since the JVM started
     * @param gcPerSecond collections per second over the interval
     * @param gcMillisPerSecond milliseconds of collection per second over the interval
     */
    public record Jvm(long heapUsed, long heapCommitted, Long heapMax, long gcCount, long gcTimeMillis,
                      double gcPerSecond, double gcMillisPerSecond) {
    }

    /**
     * Figures from INFO. A field is null when the reply did not contain it; all are null unless the status is
     * {@link Status#AVAILABLE}. A summary sample reads INFO memory only, so its ops and clients are null.
     *
     * @param status whether INFO could be read
     * @param error the server's reason when it could not, otherwise null
     * @param usedMemory used_memory in bytes
     * @param usedMemoryPeak used_memory_peak in bytes
     * @param maxmemory maxmemory in bytes, 0 when no limit is set
     * @param fragmentationRatio mem_fragmentation_ratio
     * @param opsPerSecond instantaneous_ops_per_sec
     * @param connectedClients connected_clients
     */
    public record Redis(Status status, String error, Long usedMemory, Long usedMemoryPeak, Long maxmemory,
                        Double fragmentationRatio, Long opsPerSecond, Long connectedClients) {

        static Redis missing(Status status, String error) {
            return new Redis(status, error, null, null, null, null, null, null);
        }
    }

    /**
     * This program's own connections as CLIENT LIST shows them: those named
     * {@value org.hotcore.explorer.core.RedisConnection#CLIENT_NAME}, without the monitor's own connection. The
     * numbers are 0 unless the status is {@link Status#AVAILABLE}.
     *
     * @param status whether CLIENT LIST could be read
     * @param error the server's reason when it could not, otherwise null
     * @param connections how many connections there are
     * @param queryBuffer the sum of their query buffers in bytes (field qbuf)
     * @param multiQueued the sum of the commands they have queued in MULTI (field multi, -1 counting as 0)
     */
    public record Clients(Status status, String error, int connections, long queryBuffer, long multiQueued) {

        static Clients missing(Status status, String error) {
            return new Clients(status, error, 0, 0, 0);
        }

        public boolean available() {
            return status == Status.AVAILABLE;
        }
    }

    /**
     * The core's command queue, from the {@link org.hotcore.explorer.core.CommandGuard} counters, with rates over
     * the interval.
     *
     * @param limit the most commands one pipeline or transaction may queue
     * @param queuedNow commands queued in open batches now
     * @param maxQueued the most commands queued at once since the connection opened
     * @param sent commands sent since the connection opened
     * @param sentPerSecond commands sent per second over the interval
     * @param roundTrips network round trips since the connection opened
     * @param roundTripsPerSecond round trips per second over the interval
     * @param committed transactions committed
     * @param aborted transactions aborted because a WATCHed key changed
     * @param retried transactions started again after an abort
     * @param rejected batches rejected for passing the limit
     * @param abortedInInterval transactions aborted during the interval
     */
    public record Queue(int limit, long queuedNow, long maxQueued, long sent, double sentPerSecond, long roundTrips,
                        double roundTripsPerSecond, long committed, long aborted, long retried, long rejected,
                        long abortedInInterval) {
    }

    /**
     * Background jobs of this process.
     *
     * @param running jobs running now
     * @param waiting jobs submitted and waiting for a thread
     */
    public record Jobs(int running, int waiting) {

        public static final Jobs NONE = new Jobs(0, 0);
    }
}
