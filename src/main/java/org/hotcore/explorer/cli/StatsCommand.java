package org.hotcore.explorer.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.monitor.MonitorSampler;
import org.hotcore.explorer.monitor.Sample;
import org.hotcore.explorer.monitor.Units;
import org.hotcore.explorer.monitor.Warning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the monitor's samples: JVM, Redis memory and load, this program's connections, command queue, jobs. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Prints a sample of the monitor's figures every --interval seconds: heap and GC of this"
                + " process, Redis memory and load from INFO, the query buffers and MULTI queues of every"
                + " hotcore-explorer connection from CLIENT LIST, and this process's command queue.",
                "Each sample costs one INFO and one CLIENT LIST on a connection of its own. Figures the server"
                        + " refuses (NOPERM) print as unavailable. Runs until Ctrl+C unless --count is given."})
final class StatsCommand extends StoreCommand {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
            description = "Seconds between samples, 0.1 or more (default: ${DEFAULT-VALUE}).")
    double intervalSeconds;

    @Option(names = "--count", paramLabel = "N",
            description = "Stop after N samples (default: run until stopped).")
    Long count;

    @Option(names = "--json", description = "Print each sample as one JSON object on one line.")
    boolean json;

    StatsCommand(CliContext context) {
        super(context);
    }

    @Override
    int run(HotcoreStore store) throws Exception {
        if (!(intervalSeconds >= 0.1) || Double.isInfinite(intervalSeconds)) {
            throw new IllegalArgumentException("invalid --interval " + intervalSeconds + ": use 0.1 seconds or more");
        }
        if (count != null && count < 1) {
            throw new IllegalArgumentException("invalid --count " + count + ": use 1 or more");
        }
        long intervalMillis = Math.round(intervalSeconds * 1000);
        try (MonitorSampler sampler = new MonitorSampler(store.connection(), () -> Sample.Jobs.NONE)) {
            for (long taken = 0; count == null || taken < count; taken++) {
                if (taken > 0) {
                    Thread.sleep(intervalMillis);
                }
                Sample sample = sampler.sample(true);
                if (json) {
                    writeJson(sample);
                } else {
                    context.out().println(line(sample));
                }
                for (Warning warning : sample.warnings()) {
                    context.warn(warning.message());
                }
                if (context.outputClosed()) {
                    break;
                }
            }
        }
        return Cli.EXIT_OK;
    }

    /** Formats a sample as one line for people. */
    static String line(Sample sample) {
        StringBuilder line = new StringBuilder(CLOCK.format(sample.time()));
        Sample.Jvm jvm = sample.jvm();
        line.append("  heap ").append(Units.bytes(jvm.heapUsed())).append(" of ")
                .append(jvm.heapMax() == null ? "no limit" : Units.bytes(jvm.heapMax()))
                .append(", gc ").append(Units.rate(jvm.gcPerSecond())).append("/s");
        Sample.Redis redis = sample.redis();
        line.append("  redis ");
        if (redis.status() == Sample.Status.AVAILABLE) {
            line.append(bytes(redis.usedMemory())).append(" (peak ").append(bytes(redis.usedMemoryPeak()))
                    .append(", max ").append(redis.maxmemory() == null || redis.maxmemory() == 0 ? "none"
                            : Units.bytes(redis.maxmemory()))
                    .append(", frag ").append(redis.fragmentationRatio() == null ? "?"
                            : String.format(Locale.ROOT, "%.2f", redis.fragmentationRatio()))
                    .append("), ").append(number(redis.opsPerSecond())).append(" ops/s, clients ")
                    .append(number(redis.connectedClients()));
        } else {
            line.append(redis.status().text());
        }
        Sample.Clients clients = sample.clients();
        line.append("  own connections ");
        if (clients.available()) {
            line.append(clients.connections()).append(" (qbuf ").append(Units.bytes(clients.queryBuffer()))
                    .append(", multi ").append(clients.multiQueued()).append(')');
        } else {
            line.append(clients.status().text());
        }
        Sample.Queue queue = sample.queue();
        line.append(String.format(Locale.ROOT, "  queue %,d of %,d (max %,d), %s commands/s, %s round trips/s,"
                        + " %,d committed, %,d aborted, %,d retried", queue.queuedNow(), queue.limit(),
                queue.maxQueued(), Units.rate(queue.sentPerSecond()), Units.rate(queue.roundTripsPerSecond()),
                queue.committed(), queue.aborted(), queue.retried()));
        line.append("  jobs ").append(sample.jobs().running()).append(" running, ").append(sample.jobs().waiting())
                .append(" waiting");
        return line.toString();
    }

    private static String bytes(Long bytes) {
        return bytes == null ? "?" : Units.bytes(bytes);
    }

    private static String number(Long value) {
        return value == null ? "?" : String.format(Locale.ROOT, "%,d", value);
    }

    private void writeJson(Sample sample) throws IOException {
        JsonGenerator generator = Json.openCompact(context.out());
        generator.writeStartObject();
        generator.writeStringField("time", sample.time().toString());
        generator.writeNumberField("intervalSeconds", sample.intervalSeconds());

        Sample.Jvm jvm = sample.jvm();
        generator.writeObjectFieldStart("jvm");
        generator.writeNumberField("heapUsed", jvm.heapUsed());
        generator.writeNumberField("heapCommitted", jvm.heapCommitted());
        writeNumber(generator, "heapMax", jvm.heapMax());
        generator.writeNumberField("gcCount", jvm.gcCount());
        generator.writeNumberField("gcTimeMillis", jvm.gcTimeMillis());
        generator.writeNumberField("gcPerSecond", jvm.gcPerSecond());
        generator.writeNumberField("gcMillisPerSecond", jvm.gcMillisPerSecond());
        generator.writeEndObject();

        Sample.Redis redis = sample.redis();
        generator.writeObjectFieldStart("redis");
        generator.writeStringField("status", redis.status().text());
        generator.writeStringField("error", redis.error());
        writeNumber(generator, "usedMemory", redis.usedMemory());
        writeNumber(generator, "usedMemoryPeak", redis.usedMemoryPeak());
        writeNumber(generator, "maxmemory", redis.maxmemory());
        writeNumber(generator, "memFragmentationRatio", redis.fragmentationRatio());
        writeNumber(generator, "instantaneousOpsPerSec", redis.opsPerSecond());
        writeNumber(generator, "connectedClients", redis.connectedClients());
        generator.writeEndObject();

        Sample.Clients clients = sample.clients();
        generator.writeObjectFieldStart("ownConnections");
        generator.writeStringField("status", clients.status().text());
        generator.writeStringField("error", clients.error());
        boolean available = clients.available();
        writeNumber(generator, "connections", available ? Long.valueOf(clients.connections()) : null);
        writeNumber(generator, "queryBuffer", available ? Long.valueOf(clients.queryBuffer()) : null);
        writeNumber(generator, "multiQueued", available ? Long.valueOf(clients.multiQueued()) : null);
        generator.writeEndObject();

        Sample.Queue queue = sample.queue();
        generator.writeObjectFieldStart("queue");
        generator.writeNumberField("limit", queue.limit());
        generator.writeNumberField("queuedNow", queue.queuedNow());
        generator.writeNumberField("maxQueued", queue.maxQueued());
        generator.writeNumberField("sent", queue.sent());
        generator.writeNumberField("sentPerSecond", queue.sentPerSecond());
        generator.writeNumberField("roundTrips", queue.roundTrips());
        generator.writeNumberField("roundTripsPerSecond", queue.roundTripsPerSecond());
        generator.writeNumberField("committed", queue.committed());
        generator.writeNumberField("aborted", queue.aborted());
        generator.writeNumberField("retried", queue.retried());
        generator.writeNumberField("rejected", queue.rejected());
        generator.writeEndObject();

        generator.writeObjectFieldStart("jobs");
        generator.writeNumberField("running", sample.jobs().running());
        generator.writeNumberField("waiting", sample.jobs().waiting());
        generator.writeEndObject();

        generator.writeArrayFieldStart("warnings");
        for (Warning warning : sample.warnings()) {
            generator.writeStartObject();
            generator.writeStringField("kind", warning.kind().name().toLowerCase(Locale.ROOT));
            generator.writeStringField("message", warning.message());
            generator.writeEndObject();
        }
        generator.writeEndArray();
        generator.writeEndObject();
        Json.finish(generator, context.out());
        context.out().flush();
    }

    private static void writeNumber(JsonGenerator generator, String name, Number value) throws IOException {
        if (value == null) {
            generator.writeNullField(name);
        } else if (value instanceof Double d) {
            generator.writeNumberField(name, d);
        } else {
            generator.writeNumberField(name, value.longValue());
        }
    }
}
