package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fxRun;
import static org.hotcore.explorer.ui.ExplorerTestSupport.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.server.LocalRedisServer;
import org.hotcore.explorer.ui.model.Job;
import org.hotcore.explorer.ui.model.TreeModel;
import org.hotcore.explorer.ui.view.TreeEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * The explorer figure of the benchmarks: the longest gap between two JavaFX pulses (an FX-thread stall) while the
 * window expands a node with 1,000,000 children and while a 1,000,000-entity cascade delete runs as a job, on headless
 * Monocle. An {@link AnimationTimer} keeps pulses coming at 60 per second and records {@link System#nanoTime()} at
 * each; a watcher thread takes the FX thread's stack during any gap longer than {@value #TRACE_AFTER_MILLIS} ms, so a
 * stall names its cause. Tagged {@code bench}, which the normal test run excludes; docs/benchmarks.md has the command.
 * It prints one JSON line per case and, with {@code -Dbench.fx.docs=FILE}, rewrites the section between
 * {@code <!-- bench-fx:begin -->} and {@code <!-- bench-fx:end -->} of that file. It asserts only that the
 * operations complete, never a time.
 */
@Tag("ui")
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class FxStallBench {

    static final String DOCS_PROPERTY = "bench.fx.docs";
    static final String SIZE_PROPERTY = "bench.fx.size";
    static final String SECTION = "bench-fx";
    static final double TARGET_MILLIS = 50;
    static final long TRACE_AFTER_MILLIS = 40;

    private static final int BATCH_COMMANDS = 10_000;

    private final int size = Integer.getInteger(SIZE_PROPERTY, 1_000_000);
    /** The delete's subtree: one entity with this many branches, each with {@code leaves} leaves. */
    private final int branches = 1_000;
    private final int leaves = Math.max(1, (size - 1 - branches) / branches);
    private final long subtreeTotal = 1L + branches + (long) branches * leaves;

    private LocalRedisServer server;
    private ExplorerTestSupport explorer;
    private final StallRecorder recorder = new StallRecorder();
    private final double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    private final Instant startedAt = Instant.now();
    private final List<Map<String, Object>> results = new ArrayList<>();

    @Start
    void start(Stage stage) throws IOException {
        server = LocalRedisServer.builder().start();
        long fillStart = System.nanoTime();
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            writeChildren(jedis, "huge", size);
            writeSubtree(jedis);
            assertThat(jedis.scard("c:huge")).isEqualTo(size);
        }
        System.err.printf(Locale.ROOT, "Wrote %,d + %,d entities in %.1f s%n", size, subtreeTotal,
                (System.nanoTime() - fillStart) / 1e9);
        explorer = ExplorerTestSupport.open(stage, server.url());
    }

    @AfterEach
    void close() {
        fxRun(recorder::stop);
        recorder.watcher.interrupt();
        if (explorer != null) {
            explorer.close();
        }
        server.close();
    }

    /** Writes {@code count} entities under the top-level id {@code parent}, pipelined. */
    private static void writeChildren(Jedis jedis, String parent, int count) {
        Pipeline pipeline = jedis.pipelined();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            pipeline.hset("e:" + id, Map.of("name", parent + " child " + i, "type", "item"));
            pipeline.set("p:" + id, parent);
            pipeline.sadd("c:" + parent, id);
            pipeline.sadd("i:type:item", id);
            if (i % (BATCH_COMMANDS / 4) == 0) {
                pipeline.sync();
            }
        }
        pipeline.sync();
    }

    /** Writes root › Doomed › branches › leaves, each entity with a name and a type, pipelined. */
    private void writeSubtree(Jedis jedis) {
        Pipeline pipeline = jedis.pipelined();
        String doomed = entity(pipeline, HotcoreStore.ROOT, "Doomed", "folder");
        for (int b = 0; b < branches; b++) {
            String branch = entity(pipeline, doomed, "Branch " + b, "folder");
            for (int l = 0; l < leaves; l++) {
                entity(pipeline, branch, "Leaf " + b + "." + l, "leaf");
            }
            pipeline.sync();
        }
        pipeline.sync();
    }

    private static String entity(Pipeline pipeline, String parent, String name, String type) {
        String id = UUID.randomUUID().toString();
        pipeline.hset("e:" + id, Map.of("name", name, "type", type));
        pipeline.set("p:" + id, parent);
        pipeline.sadd("c:" + parent, id);
        pipeline.sadd("i:name:" + name, id);
        pipeline.sadd("i:type:" + type, id);
        return id;
    }

    private static void waitLong(String condition, long seconds, Callable<Boolean> check) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(check));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + seconds + " s waiting until " + condition, e);
        }
    }

    @Test
    void fxStalls(FxRobot robot) throws IOException {
        long runStart = System.nanoTime();
        fxRun(recorder::start);
        explorer.awaitItem(robot, "huge");
        explorer.awaitItem(robot, "root");

        recorder.begin("idle window, 3 s");
        robot.sleep(3_000);
        record(recorder.end(), "-");

        // (a) Expanding the node with a million children, by key as a user does.
        explorer.select(robot, "huge");
        recorder.begin("expand a node with " + number(size) + " children");
        robot.type(KeyCode.RIGHT);
        TreeItem<TreeEntry> huge = explorer.item(robot, "huge");
        waitLong("the first page is in", 60, () -> huge.isExpanded() && !node(huge).isLoading()
                && huge.getChildren().size() == TreeModel.PAGE_SIZE + 1);
        robot.sleep(1_000);
        record(recorder.end(), number(TreeModel.PAGE_SIZE) + " rows and Load more shown");
        fxRun(() -> huge.setExpanded(false));

        // (b) The cascade delete of the subtree as a job, with Doomed and its first branch expanded.
        explorer.expand(robot, "root");
        TreeItem<TreeEntry> doomed = explorer.expand(robot, "Doomed");
        String firstBranch = fx(() -> node(doomed.getChildren().getFirst()).getName());
        explorer.expand(robot, firstBranch);
        explorer.select(robot, "Doomed");
        recorder.begin("count " + number(subtreeTotal) + " entities for the delete confirmation");
        robot.press(KeyCode.SHIFT).type(KeyCode.DELETE).release(KeyCode.SHIFT);
        String expected = number(subtreeTotal) + " entities";
        waitLong("the count is complete", 600, () -> robot.lookup("#subtreeDeleteCount").tryQuery()
                .map(label -> ((Label) label).getText().startsWith(expected)).orElse(false));
        record(recorder.end(), "confirmation shows " + expected);

        Button delete = robot.lookup("#subtreeDeleteButton").queryButton();
        recorder.begin("cascade delete of " + number(subtreeTotal) + " entities as a job");
        long deleteStart = System.nanoTime();
        robot.clickOn(delete);
        waitLong("the job shows", 60, () -> !explorer.model.jobs().getJobs().isEmpty());
        Job job = fx(() -> explorer.model.jobs().getJobs().getFirst());
        waitLong("the job ends", 1_800, () -> !job.isActive());
        double deleteSeconds = (System.nanoTime() - deleteStart) / 1e9;
        waitLong("Doomed leaves the tree", 60, () -> explorer.item(robot, "Doomed") == null);
        robot.sleep(1_000);
        record(recorder.end(), String.format(Locale.ROOT, "%s in %.1f s, %s entities/s", fx(job::getState),
                deleteSeconds, number(Math.round(subtreeTotal / deleteSeconds))));
        assertThat(fx(job::getState)).isEqualTo(Job.State.SUCCEEDED);

        double seconds = (System.nanoTime() - runStart) / 1e9;
        double loadAtEnd = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("figure", "fx-stall-run");
        run.put("startedAt", startedAt.toString());
        run.put("loadAverageStart", round(loadAtStart));
        run.put("loadAverageEnd", round(loadAtEnd));
        run.put("seconds", round(seconds));
        run.put("redis", server.binary());
        run.put("jvm", System.getProperty("java.vm.version"));
        run.put("glass", System.getProperty("glass.platform") + "/" + System.getProperty("monocle.platform"));
        System.out.println(new ObjectMapper().writeValueAsString(run));

        String docs = System.getProperty(DOCS_PROPERTY);
        if (docs != null && !docs.isBlank()) {
            rewriteDocs(Path.of(docs), render(seconds, loadAtEnd));
        }
    }

    private void record(StallRecorder.Stats stats, String outcome) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("figure", "fx-stall");
        line.put("case", stats.phase());
        line.put("outcome", outcome);
        line.put("seconds", round(stats.seconds()));
        line.put("pulses", stats.pulses());
        line.put("longestStallMs", round(stats.maxMillis()));
        line.put("p99GapMs", round(stats.p99Millis()));
        line.put("gapsOver50Ms", stats.over50());
        line.put("target", "longest stall < 50 ms");
        line.put("pass", stats.maxMillis() < TARGET_MILLIS);
        line.put("longestStallStack", stats.longestStack());
        results.add(line);
        System.out.println(new ObjectMapper().writeValueAsString(line));
        System.err.printf(Locale.ROOT, "%s: longest stall %.1f ms, p99 %.1f ms, %d gaps over 50 ms, %d pulses%n",
                stats.phase(), stats.maxMillis(), stats.p99Millis(), stats.over50(), stats.pulses());
        if (!stats.longestStack().isEmpty()) {
            System.err.println("  FX thread during the longest stall:\n    "
                    + String.join("\n    ", stats.longestStack()));
        }
    }

    private String render(double seconds, double loadAtEnd) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Run of %s, `FxStallBench`, %.0f s after the data was written. Machine: %d cores, "
                        + "JVM %s, Monocle headless (%s). Load average %.2f at the start, %.2f at the end.%n%n",
                startedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), seconds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
                System.getProperty("prism.order"), loadAtStart, loadAtEnd));
        text.append("| case | outcome | longest stall | p99 gap | gaps over 50 ms | pulses | met |\n");
        text.append("|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> line : results) {
            text.append(String.format(Locale.ROOT, "| %s | %s | %.1f ms | %.1f ms | %d | %,d | %s |%n",
                    line.get("case"), line.get("outcome"), (Double) line.get("longestStallMs"),
                    (Double) line.get("p99GapMs"), (Integer) line.get("gapsOver50Ms"), (Integer) line.get("pulses"),
                    Boolean.TRUE.equals(line.get("pass")) ? "yes" : "**no**"));
        }
        return text.toString();
    }

    /** Replaces the lines between the section's markers in {@code file}. */
    static void rewriteDocs(Path file, String content) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String begin = "<!-- " + SECTION + ":begin -->";
        String end = "<!-- " + SECTION + ":end -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(file + " has no section between " + begin + " and " + end);
        }
        String updated = text.substring(0, from + begin.length()) + "\n" + content + text.substring(to);
        Files.writeString(file, updated, StandardCharsets.UTF_8);
        System.err.println("Rewrote the " + SECTION + " section of " + file);
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /**
     * Records the gap between consecutive pulses. {@link #handle} runs on the FX thread at every pulse, and the watcher
     * thread takes the FX thread's stack once per gap that grows past {@value #TRACE_AFTER_MILLIS} ms.
     */
    private static final class StallRecorder extends AnimationTimer {

        record Stats(String phase, double seconds, int pulses, double maxMillis, double p99Millis, int over50,
                     List<String> longestStack) {
        }

        private final List<Long> gaps = new ArrayList<>();
        private volatile long lastPulse;
        private volatile Thread fxThread;
        private volatile boolean traced;
        private volatile StackTraceElement[] pendingStack;
        private StackTraceElement[] longestStack;
        private long longestGap;
        private String phase;
        private long phaseStart;
        final Thread watcher = new Thread(this::watch, "fx-stall-watcher");

        StallRecorder() {
            watcher.setDaemon(true);
        }

        @Override
        public void handle(long now) {
            long time = System.nanoTime();
            if (fxThread == null) {
                fxThread = Thread.currentThread();
                watcher.start();
            }
            if (phase != null && lastPulse != 0) {
                long gap = time - lastPulse;
                gaps.add(gap);
                if (gap > longestGap) {
                    longestGap = gap;
                    longestStack = pendingStack;
                }
            }
            pendingStack = null;
            traced = false;
            lastPulse = time;
        }

        private void watch() {
            while (!Thread.currentThread().isInterrupted()) {
                long since = System.nanoTime() - lastPulse;
                if (!traced && lastPulse != 0 && since > TRACE_AFTER_MILLIS * 1_000_000) {
                    traced = true;
                    pendingStack = fxThread.getStackTrace();
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Starts recording a phase, whose gaps the next {@link #end()} returns. */
        void begin(String name) {
            fxRun(() -> {
                phase = name;
                phaseStart = System.nanoTime();
                gaps.clear();
                longestGap = 0;
                longestStack = null;
            });
        }

        /** Ends the phase and returns its figures. */
        Stats end() {
            return fx(() -> {
                long[] sorted = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
                double max = sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
                double p99 = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1,
                        (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
                int over = (int) Arrays.stream(sorted).filter(gap -> gap > TARGET_MILLIS * 1e6).count();
                List<String> stack = longestStack == null ? List.of() : Arrays.stream(longestStack).limit(25)
                        .map(StackTraceElement::toString).collect(Collectors.toList());
                Stats stats = new Stats(phase, (System.nanoTime() - phaseStart) / 1e9, sorted.length, max, p99, over,
                        stack);
                phase = null;
                return stats;
            });
        }
    }
}
