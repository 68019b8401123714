package org.hotcore.explorer.monitor;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.hotcore.explorer.core.CommandGuard;
import org.hotcore.explorer.core.RedisConnection;
import org.hotcore.explorer.core.RedisUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Takes {@link Sample}s: the JVM from its MXBeans, the command queue from the connection's {@link CommandGuard},
 * the jobs from a supplier, and the server with one INFO and one CLIENT LIST on a connection of its own, opened
 * outside the pool with the client name {@value #CLIENT_NAME}, so sampling never waits for a pooled connection and
 * never counts in the command figures it shows.
 *
 * <p>A command the server refuses, such as CLIENT LIST for an ACL user without the {@code client} command (NOPERM),
 * makes its figures {@link Sample.Status#UNAVAILABLE} with the server's reason; a lost connection does the same for
 * every Redis figure and is opened again at the next sample. {@link #sample(boolean)} never throws for Redis
 * failures. Not thread-safe: call {@link #sample(boolean)} and {@link #close()} from one thread at a time.
 */
public final class MonitorSampler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MonitorSampler.class);

    /** The client name of the sampler's own connection, so CLIENT LIST distinguishes it from the pooled ones. */
    public static final String CLIENT_NAME = "hotcore-explorer-monitor";

    /** The reason given for Redis figures when there is no connection. */
    public static final String NOT_CONNECTED = "not connected";

    private static final double NANOS_PER_SECOND = 1e9;

    private final RedisConnection connection;
    private final Supplier<Sample.Jobs> jobs;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final Warnings warnings = new Warnings();

    private Jedis jedis;
    private long previousNanos;
    private CommandGuard.Snapshot previousQueue;
    private long previousGcCount;
    private long previousGcMillis;
    /** The last reason logged for each group, so a lasting failure is logged once, not every second. */
    private final Map<String, String> loggedFailures = new HashMap<>();

    /**
     * Creates a sampler; the rates of the first sample cover the time since this call.
     *
     * @param connection the connection whose server and command queue are sampled; null samples the JVM and the
     *     jobs only
     * @param jobs returns the background jobs now; called on the sampling thread
     */
    public MonitorSampler(RedisConnection connection, Supplier<Sample.Jobs> jobs) {
        this.connection = connection;
        this.jobs = Objects.requireNonNull(jobs);
        previousNanos = System.nanoTime();
        previousQueue = connection == null ? null : connection.guard().snapshot();
        previousGcCount = gcCount();
        previousGcMillis = gcMillis();
    }

    /**
     * Takes one sample.
     *
     * @param detailed true for every figure; false for a summary: INFO memory only, no CLIENT LIST
     */
    public Sample sample(boolean detailed) {
        Instant time = Instant.now();
        long nanos = System.nanoTime();
        double interval = Math.max(0, (nanos - previousNanos) / NANOS_PER_SECOND);
        previousNanos = nanos;

        Sample.Jvm jvm = jvm(interval);
        Sample.Queue queue = queue(interval);
        Sample.Redis redis;
        Sample.Clients clients;
        if (connection == null) {
            redis = Sample.Redis.missing(Sample.Status.UNAVAILABLE, NOT_CONNECTED);
            clients = Sample.Clients.missing(Sample.Status.UNAVAILABLE, NOT_CONNECTED);
        } else {
            try {
                Jedis server = jedis();
                redis = info(server, detailed);
                clients = detailed ? clients(server) : Sample.Clients.missing(Sample.Status.NOT_SAMPLED, null);
                recovered("connection");
            } catch (RedisUnavailableException | JedisConnectionException e) {
                closeConnection();
                String reason = e instanceof RedisUnavailableException ? e.getMessage()
                        : "cannot reach Redis at " + connection.settings().redactedUrl() + ": " + e.getMessage();
                failed("connection", reason, e);
                redis = Sample.Redis.missing(Sample.Status.UNAVAILABLE, reason);
                clients = Sample.Clients.missing(Sample.Status.UNAVAILABLE, reason);
            }
        }
        Sample.Jobs jobsNow = jobs.get();
        return new Sample(time, interval, detailed, jvm, redis, clients, queue, jobsNow,
                warnings.check(jvm, redis, queue));
    }

    private Sample.Jvm jvm(double interval) {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        long count = gcCount();
        long millis = gcMillis();
        double gcPerSecond = interval > 0 ? (count - previousGcCount) / interval : 0;
        double gcMillisPerSecond = interval > 0 ? (millis - previousGcMillis) / interval : 0;
        previousGcCount = count;
        previousGcMillis = millis;
        return new Sample.Jvm(heap.getUsed(), heap.getCommitted(), heap.getMax() < 0 ? null : heap.getMax(), count,
                millis, gcPerSecond, gcMillisPerSecond);
    }

    private long gcCount() {
        // A collector that does not report a count returns -1.
        return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(n -> n > 0).sum();
    }

    private long gcMillis() {
        return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(n -> n > 0).sum();
    }

    private Sample.Queue queue(double interval) {
        if (connection == null) {
            return null;
        }
        CommandGuard.Snapshot now = connection.guard().snapshot();
        CommandGuard.Snapshot before = previousQueue;
        previousQueue = now;
        return new Sample.Queue(now.limit(), now.queuedNow(), now.maxQueued(), now.sent(),
                rate(now.sent() - before.sent(), interval), now.roundTrips(),
                rate(now.roundTrips() - before.roundTrips(), interval), now.committed(), now.aborted(), now.retried(),
                now.rejected(), now.aborted() - before.aborted());
    }

    private static double rate(long delta, double interval) {
        return interval > 0 ? delta / interval : 0;
    }

    private Jedis jedis() {
        if (jedis == null) {
            jedis = connection.openDedicated(CLIENT_NAME);
        }
        return jedis;
    }

    private Sample.Redis info(Jedis server, boolean detailed) {
        String reply;
        try {
            // The default INFO has the memory, stats and clients sections; a summary needs the memory section only.
            reply = detailed ? server.info() : server.info("memory");
        } catch (JedisDataException e) {
            failed("INFO", e.getMessage(), e);
            return Sample.Redis.missing(Sample.Status.UNAVAILABLE, e.getMessage());
        }
        recovered("INFO");
        Map<String, String> fields = InfoReply.parse(reply);
        return new Sample.Redis(Sample.Status.AVAILABLE, null, InfoReply.longField(fields, "used_memory"),
                InfoReply.longField(fields, "used_memory_peak"), InfoReply.longField(fields, "maxmemory"),
                InfoReply.doubleField(fields, "mem_fragmentation_ratio"),
                InfoReply.longField(fields, "instantaneous_ops_per_sec"),
                InfoReply.longField(fields, "connected_clients"));
    }

    private Sample.Clients clients(Jedis server) {
        String reply;
        try {
            reply = server.clientList();
        } catch (JedisDataException e) {
            failed("CLIENT LIST", e.getMessage(), e);
            return Sample.Clients.missing(Sample.Status.UNAVAILABLE, e.getMessage());
        }
        recovered("CLIENT LIST");
        return ClientListReply.ownConnections(reply, RedisConnection.CLIENT_NAME);
    }

    private void failed(String what, String reason, Exception e) {
        if (!Objects.equals(loggedFailures.put(what, reason), reason)) {
            if (String.valueOf(reason).startsWith("NOPERM")) {
                // An ACL that leaves out the command is a setting of the server, not a fault.
                log.info("Monitor: the server refuses {}, its figures show as unavailable: {}", what, reason);
            } else {
                log.warn("Monitor: {} failed, its figures show as unavailable: {}", what, reason);
            }
            log.debug("Monitor: {} failure", what, e);
        }
    }

    private void recovered(String what) {
        if (loggedFailures.remove(what) != null) {
            log.info("Monitor: {} works again", what);
        }
    }

    private void closeConnection() {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException e) {
                log.debug("Monitor: closing a broken connection failed", e);
            }
            jedis = null;
        }
    }

    /** Closes the sampler's own connection. */
    @Override
    public void close() {
        closeConnection();
    }
}
