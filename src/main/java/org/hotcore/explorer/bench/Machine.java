package org.hotcore.explorer.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The machine, Redis server and JVM a run measured on.
 *
 * @param startedAt when the run started, UTC, to the second
 * @param cores processors available to the JVM
 * @param cpuModel the first {@code model name} of {@code /proc/cpuinfo}, or null where there is none
 * @param memoryMiB physical memory: {@code MemTotal} of {@code /proc/meminfo}, else the OS bean's total
 * @param os operating system name, version and architecture
 * @param loadAverage the one-minute load average when the run started, or a negative value where the OS has none
 * @param redisVersion {@code redis_version} of INFO server
 * @param redisServer which server: a server the run started itself, or the redacted URL given
 * @param jvm Java runtime version and vendor
 * @param maxHeapMiB the JVM's maximum heap ({@code Runtime.maxMemory()})
 * @param garbageCollectors names of the JVM's collectors
 * @param jvmArguments the JVM's input arguments, such as {@code -Xmx256m}
 */
record Machine(Instant startedAt, int cores, String cpuModel, long memoryMiB, String os, double loadAverage,
               String redisVersion, String redisServer, String jvm, long maxHeapMiB, List<String> garbageCollectors,
               List<String> jvmArguments) {

    private static final long MIB = 1024 * 1024;

    /** Reads the machine's description now. */
    static Machine describe(String redisVersion, String redisServer) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return new Machine(Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                readCpuModel().orElse(null), readMemoryMiB(os),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty(
                        "os.arch"),
                os.getSystemLoadAverage(), redisVersion, redisServer,
                Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")",
                Runtime.getRuntime().maxMemory() / MIB,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** Returns the fields in output order, for the JSON line of the run. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("startedAt", startedAt.toString());
        map.put("cores", cores);
        map.put("cpu", cpuModel);
        map.put("memoryMiB", memoryMiB);
        map.put("os", os);
        map.put("loadAverage", loadAverage < 0 ? null : Result.round(loadAverage, 2));
        map.put("redisVersion", redisVersion);
        map.put("redisServer", redisServer);
        map.put("jvm", jvm);
        map.put("maxHeapMiB", maxHeapMiB);
        map.put("gc", garbageCollectors);
        map.put("jvmArguments", jvmArguments);
        return map;
    }

    /** Describes the machine, Redis and the JVM in a few sentences for the documentation. */
    String sentence() {
        StringBuilder text = new StringBuilder();
        text.append(cores).append(" cores");
        if (cpuModel != null) {
            text.append(" (").append(cpuModel).append(')');
        }
        text.append(", ").append(Result.grouped(memoryMiB)).append(" MiB memory, ").append(os).append(". Redis ")
                .append(redisVersion).append(", ").append(redisServer).append(". JVM ").append(jvm)
                .append(", max heap ").append(Result.grouped(maxHeapMiB)).append(" MiB, ")
                .append(String.join(" + ", garbageCollectors));
        if (!jvmArguments.isEmpty()) {
            text.append(", arguments `").append(String.join(" ", jvmArguments)).append('`');
        }
        text.append('.');
        if (loadAverage >= 0) {
            text.append(" Load average ").append(String.format(Locale.ROOT, "%.2f", loadAverage))
                    .append(" at the start.");
        }
        return text.toString();
    }

    private static Optional<String> readCpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static long readMemoryMiB(OperatingSystemMXBean os) {
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.isReadable(meminfo)) {
            try (Stream<String> lines = Files.lines(meminfo)) {
                Optional<String> total = lines.filter(line -> line.startsWith("MemTotal:")).findFirst();
                if (total.isPresent()) {
                    // The line reads "MemTotal:  24684544 kB".
                    String[] parts = total.get().trim().split("\\s+");
                    return Long.parseLong(parts[1]) / 1024;
                }
            } catch (IOException | UncheckedIOException | NumberFormatException
                     | ArrayIndexOutOfBoundsException e) {
                // Fall through to the OS bean.
            }
        }
        if (os instanceof com.sun.management.OperatingSystemMXBean bean) {
            return bean.getTotalMemorySize() / MIB;
        }
        return -1;
    }
}
