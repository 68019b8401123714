package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fxRun;
import static org.hotcore.explorer.ui.ExplorerTestSupport.waitUntil;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.CascadeDelete;
import org.hotcore.explorer.core.CommandBatch;
import org.hotcore.explorer.core.CommandGuard;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.Progress;
import org.hotcore.explorer.monitor.Sample;
import org.hotcore.explorer.monitor.Warning;
import org.hotcore.explorer.server.LocalRedisServer;
import org.hotcore.explorer.testing.RedisTestServer;
import org.hotcore.explorer.ui.monitor.MonitorModel;
import org.hotcore.explorer.ui.monitor.MonitorPane;
import org.hotcore.explorer.ui.monitor.MonitorSummary;
import org.hotcore.explorer.ui.view.ExplorerWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** The monitor pane and its status bar summary while the window works on the shared test server. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class MonitorPaneTest {

    private static final int BRANCHES = 30;
    private static final int LEAVES_PER_BRANCH = 100;

    private ExplorerTestSupport explorer;
    private String doomed;

    @Start
    void start(Stage stage) {
        LocalRedisServer server = RedisTestServer.server();
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.flushAll();
            doomed = writeSubtree(jedis);
        }
        explorer = ExplorerTestSupport.open(stage, server.url());
    }

    @AfterEach
    void closeWindow() {
        explorer.close();
    }

    /** Writes a container under root with {@code BRANCHES * LEAVES_PER_BRANCH} entities below it, pipelined. */
    private static String writeSubtree(Jedis jedis) {
        Pipeline pipeline = jedis.pipelined();
        String top = add(pipeline, HotcoreStore.ROOT, "Doomed", "container");
        for (int b = 0; b < BRANCHES; b++) {
            String branch = add(pipeline, top, "Branch " + b, "container");
            for (int l = 0; l < LEAVES_PER_BRANCH; l++) {
                add(pipeline, branch, "Leaf " + b + "." + l, "item");
            }
            pipeline.sync();
        }
        pipeline.sync();
        return top;
    }

    private static String add(Pipeline pipeline, String parent, String name, String type) {
        String id = UUID.randomUUID().toString();
        pipeline.hset("e:" + id, java.util.Map.of("name", name, "type", type));
        pipeline.set("p:" + id, parent);
        pipeline.sadd("c:" + parent, id);
        pipeline.sadd("i:name:" + name, id);
        pipeline.sadd("i:type:" + type, id);
        return id;
    }

    private MonitorModel monitor() {
        return explorer.model.monitor();
    }

    private MonitorPane pane() {
        return explorer.window.monitorPane();
    }

    @Test
    void cascadeDeleteQueueRisesAndFalls(FxRobot robot) throws Exception {
        explorer.awaitItem(robot, "root");
        fxRun(() -> pane().setShown(true));
        waitUntil("the window is idle", () -> monitor().getSample() != null && monitor().getSample().detailed()
                && monitor().getCommandsPerSecond() == 0 && monitor().getQueuedNow() == 0);
        long maxQueuedBefore = fx(monitor()::getMaxQueued);
        AtomicReference<Double> highestRate = new AtomicReference<>(0.0);
        fxRun(() -> monitor().commandsPerSecondProperty().subscribe(rate ->
                highestRate.accumulateAndGet(rate.doubleValue(), Math::max)));

        CompletableFuture<CascadeDelete.Result> delete = CompletableFuture.supplyAsync(() ->
                explorer.store.deleteCascade(doomed, new CascadeDelete.Options(50, 100), Progress.NONE,
                        Cancellation.NEVER));
        CascadeDelete.Result result = delete.get(90, TimeUnit.SECONDS);

        assertThat(result.deleted()).isEqualTo(1 + BRANCHES + BRANCHES * LEAVES_PER_BRANCH);
        waitUntil("the commands per second rose above 0", () -> highestRate.get() > 0);
        waitUntil("the queue and the rate are back at 0", () -> monitor().getQueuedNow() == 0
                && monitor().getCommandsPerSecond() == 0);
        assertThat(fx(monitor()::getMaxQueued)).isGreaterThan(maxQueuedBefore);
        assertThat(fx(pane()::commandsSentValues)).anyMatch(rate -> rate > 0);
        assertThat(fx(pane()::commandsSentValues).getLast()).isZero();
        assertThat(robot.lookup("#" + MonitorPane.QUEUE_ID + "Value").queryAs(Label.class).getText())
                .startsWith("0 now, ").contains("limit 10,000");
        assertThat(robot.lookup("#" + MonitorSummary.SUMMARY_ID).queryAs(Label.class).getText())
                .contains("Heap ", "Redis ", "Queue 0 of 10,000", "Jobs ");
        explorer.snapshot("monitor-after-cascade");
        fxRun(() -> ExplorerWindow.applyTheme(true));
        explorer.snapshot("monitor-after-cascade-dark");
        fxRun(() -> ExplorerWindow.applyTheme(false));
    }

    @Test
    void hiddenPaneSamplesSummary(FxRobot robot) {
        waitUntil("a summary sample arrived", () -> monitor().getSample() != null);
        Sample hidden = fx(monitor()::getSample);
        assertThat(hidden.detailed()).isFalse();
        assertThat(hidden.clients().status()).isEqualTo(Sample.Status.NOT_SAMPLED);
        assertThat(hidden.redis().usedMemory()).isPositive();
        assertThat(fx(() -> monitor().history().isEmpty())).isTrue();
        assertThat(robot.lookup("#" + MonitorPane.PANE_ID).tryQuery()).isEmpty();
        waitUntil("the status bar shows the summary", () -> robot.lookup("#" + MonitorSummary.SUMMARY_ID)
                .queryAs(Label.class).getText().startsWith("Heap "));

        robot.clickOn("#" + MonitorSummary.SUMMARY_ID);

        waitUntil("the pane shows", () -> robot.lookup("#" + MonitorPane.PANE_ID).tryQuery().isPresent());
        waitUntil("detailed samples arrive", () -> monitor().history().size() >= 2);
        Sample shown = fx(monitor()::getSample);
        assertThat(shown.clients().status()).isEqualTo(Sample.Status.AVAILABLE);
        assertThat(shown.redis().opsPerSecond()).isNotNull();
        assertThat(robot.lookup("#" + MonitorPane.OWN_CONNECTIONS_ID + "Value").queryAs(Label.class).getText())
                .contains("connection", "queued in MULTI");

        robot.clickOn("#" + MonitorPane.HIDE_ID);
        waitUntil("the pane is gone", () -> robot.lookup("#" + MonitorPane.PANE_ID).tryQuery().isEmpty());
        waitUntil("samples are summaries again", () -> !monitor().getSample().detailed());
    }

    @Test
    void detachAndDock(FxRobot robot) {
        fxRun(() -> pane().setShown(true));
        waitUntil("the pane shows", () -> robot.lookup("#" + MonitorPane.PANE_ID).tryQuery().isPresent());
        Node paneNode = robot.lookup("#" + MonitorPane.PANE_ID).query();
        assertThat(fx(() -> paneNode.getScene().getWindow())).isSameAs(explorer.window.stage());

        robot.clickOn("#" + MonitorPane.DETACH_ID);

        waitUntil("the pane is in a window of its own", () -> paneNode.getScene() != null
                && paneNode.getScene().getWindow() != explorer.window.stage() && paneNode.getScene().getWindow()
                .isShowing());
        waitUntil("detailed samples continue", () -> monitor().getSample() != null
                && monitor().getSample().detailed());

        robot.clickOn("#" + MonitorPane.DETACH_ID);

        waitUntil("the pane is docked again", () -> paneNode.getScene() != null
                && paneNode.getScene().getWindow() == explorer.window.stage());
        assertThat(fx(pane()::isDetached)).isFalse();
    }

    @Test
    void fullQueueWarns(FxRobot robot) {
        fxRun(() -> pane().setShown(true));
        CommandGuard guard = explorer.store.guard();
        int queued = (int) (guard.limit() * 0.85);
        try (Jedis jedis = explorer.store.connection().borrow();
             CommandBatch batch = guard.pipeline(jedis, "a test holding the queue")) {
            for (int i = 0; i < queued; i++) {
                batch.queue(pipeline -> pipeline.exists("no-such-key"));
            }
            waitUntil("the queue warning shows", () -> monitor().warnings().stream()
                    .anyMatch(warning -> warning.kind() == Warning.Kind.QUEUE));
            assertThat(robot.lookup("#" + MonitorSummary.WARNING_ID).queryAs(Label.class).getText())
                    .startsWith("Command queue at 85 % of the limit");
            assertThat(robot.lookup("#" + MonitorPane.WARNINGS_ID + " .label").queryAs(Label.class).getText())
                    .contains("8,500 of 10,000 commands");
            explorer.snapshot("monitor-queue-warning");
            batch.sync();
        }
        waitUntil("the warning clears", () -> monitor().warnings().isEmpty());
        assertThat(robot.lookup("#" + MonitorSummary.WARNING_ID).queryAs(Label.class).isVisible()).isFalse();
    }

    @Test
    void noClientPermissionUnavailable(FxRobot robot) {
        LocalRedisServer server = RedisTestServer.server();
        try (Jedis admin = RedisTestServer.jedis()) {
            admin.aclSetUser("mon", "reset", "on", ">pw", "~*", "+@all", "-client");
        }
        try {
            ExplorerTestSupport restricted = fx(() -> ExplorerTestSupport.open(new Stage(),
                    "redis://mon:pw@" + server.host() + ":" + server.port() + "/0"));
            try {
                fxRun(() -> restricted.window.monitorPane().setShown(true));
                waitUntil("a detailed sample arrived", () -> restricted.model.monitor().getSample() != null
                        && restricted.model.monitor().getSample().detailed()
                        && restricted.model.monitor().getSample().redis().status() == Sample.Status.AVAILABLE);
                Sample sample = fx(restricted.model.monitor()::getSample);
                assertThat(sample.clients().status()).isEqualTo(Sample.Status.UNAVAILABLE);
                assertThat(sample.clients().error()).startsWith("NOPERM");
                assertThat(sample.redis().usedMemory()).isPositive();
                Label ownConnections = robot.lookup("#" + MonitorPane.OWN_CONNECTIONS_ID + "Value")
                        .match(node -> node.getScene().getWindow() != explorer.window.stage())
                        .queryAs(Label.class);
                assertThat(ownConnections.getText()).startsWith("unavailable: NOPERM");
                assertThat(fx(restricted.model.status()::getFailure)).isNull();
            } finally {
                restricted.close();
                fxRun(() -> restricted.window.stage().close());
            }
        } finally {
            try (Jedis admin = RedisTestServer.jedis()) {
                admin.aclDelUser("mon");
            }
        }
    }
}
