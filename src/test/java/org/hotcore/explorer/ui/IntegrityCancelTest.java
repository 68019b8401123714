package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;
import static org.hotcore.explorer.ui.ExplorerTestSupport.waitUntil;

import java.util.UUID;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.hotcore.explorer.core.IntegrityCheck;
import org.hotcore.explorer.testing.RedisSnapshot;
import org.hotcore.explorer.testing.RedisTestServer;
import org.hotcore.explorer.ui.model.Job;
import org.hotcore.explorer.ui.view.Banners;
import org.hotcore.explorer.ui.view.IntegrityWindow;
import org.hotcore.explorer.ui.view.JobsPanel;
import org.hotcore.explorer.ui.view.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Cancel of Tools › Check integrity while it runs on a valid tree of 100,000 entities: 100 branches of 999 leaves
 * under root, each with its name and type index. The job ends as cancelled, the window and the jobs panel show it,
 * and nothing stays busy. Redis counts no change, and Check again then runs to the end and finds the tree valid.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class IntegrityCancelTest {

    private static final int BRANCHES = 100;
    private static final int LEAVES = 999;
    private static final long ENTITIES = BRANCHES * (1L + LEAVES);

    private ExplorerTestSupport explorer;

    @Start
    void start(Stage stage) {
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.flushAll();
            for (int b = 0; b < BRANCHES; b++) {
                Pipeline pipeline = jedis.pipelined();
                String branch = entity(pipeline, "root", "branch " + b, "branch");
                for (int l = 0; l < LEAVES; l++) {
                    entity(pipeline, branch, "leaf " + b + "." + l, "leaf");
                }
                pipeline.sync();
            }
            assertThat(jedis.scard("i:type:leaf")).isEqualTo((long) BRANCHES * LEAVES);
        }
        explorer = ExplorerTestSupport.open(stage, RedisTestServer.url());
    }

    /** Queues a valid entity with its parent pointer, children set entry and index entries and returns its uuid. */
    private static String entity(Pipeline pipeline, String parent, String name, String type) {
        String id = UUID.randomUUID().toString();
        pipeline.hset("e:" + id, "name", name);
        pipeline.hset("e:" + id, "type", type);
        pipeline.set("p:" + id, parent);
        pipeline.sadd("c:" + parent, id);
        pipeline.sadd("i:name:" + name, id);
        pipeline.sadd("i:type:" + type, id);
        return id;
    }

    @AfterEach
    void closeWindow() {
        explorer.close();
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.flushAll();
        }
    }

    @Test
    void cancelThenCheckAgain(FxRobot robot) {
        explorer.awaitItem(robot, "root");
        long changesBefore;
        long keysBefore;
        try (Jedis jedis = RedisTestServer.jedis()) {
            changesBefore = RedisSnapshot.changes(jedis);
            keysBefore = jedis.dbSize();
        }

        robot.clickOn("Tools");
        robot.clickOn("Check integrity…");
        waitUntil("the check has scanned some keys", () -> explorer.model.integrity().getJob() != null
                && explorer.model.integrity().getJob().getState() == Job.State.RUNNING
                && explorer.model.integrity().getJob().getDone() > 0);
        Job first = fx(() -> explorer.model.integrity().getJob());
        assertThat(robot.lookup("#" + IntegrityWindow.SUMMARY_ID).queryLabeled().getText()).isEqualTo("Checking…");
        Button cancel = robot.lookup("#" + IntegrityWindow.CANCEL_ID).queryButton();
        assertThat(fx(cancel::isVisible)).isTrue();

        robot.clickOn(cancel);

        waitUntil("the check ends", () -> !first.isActive());
        assertThat(fx(first::getState)).isEqualTo(Job.State.CANCELLED);
        assertThat(fx(first::getDone)).as("keys scanned before the cancel").isLessThan(fx(first::getTotal));
        String summary = robot.lookup("#" + IntegrityWindow.SUMMARY_ID).queryLabeled().getText();
        assertThat(summary).containsIgnoringCase("cancelled");
        assertThat(fx(first::getMessage)).isEqualTo(summary);
        Label jobDetail = fx(() -> (Label) robot.lookup("#" + JobsPanel.PANEL_ID + " .job-row").query()
                .lookup(".job-detail"));
        assertThat(fx(jobDetail::getText)).isEqualTo(summary);
        IntegrityCheck.Report partial = fx(() -> explorer.model.integrity().getReport());
        if (partial != null) {
            assertThat(partial.cancelled()).isTrue();
            assertThat(partial.valid()).as("a cancelled check does not claim the tree is valid").isFalse();
        }

        // Nothing is left running, loading or failed.
        assertThat(fx(() -> explorer.model.integrity().isRunning())).isFalse();
        assertThat(fx(() -> explorer.model.jobs().getRunning())).isZero();
        waitUntil("no background work runs", () -> explorer.model.background().getRunning() == 0);
        assertThat(fx(cancel::isVisible)).isFalse();
        assertThat(fx(() -> robot.lookup("#" + IntegrityWindow.PROGRESS_ID).queryAs(ProgressBar.class).isVisible()))
                .isFalse();
        Button checkAgain = robot.lookup("#" + IntegrityWindow.CHECK_ID).queryButton();
        assertThat(fx(checkAgain::isDisabled)).isFalse();
        assertThat(fx(() -> robot.lookup("#" + Banners.ERROR_BANNER_ID).queryAs(HBox.class).isVisible())).isFalse();
        assertThat(fx(() -> explorer.model.status().getFailure())).isNull();
        assertThat(robot.lookup("#" + StatusBar.ACTIVITY_ID).queryLabeled().getText()).isEmpty();
        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(RedisSnapshot.changes(jedis)).as("changes counted by the server").isEqualTo(changesBefore);
            assertThat(jedis.dbSize()).isEqualTo(keysBefore);
        }

        robot.clickOn(checkAgain);

        waitUntil("a second check starts", () -> explorer.model.integrity().getJob() != first);
        Job second = fx(() -> explorer.model.integrity().getJob());
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(180, java.util.concurrent.TimeUnit.SECONDS,
                    () -> fx(() -> !second.isActive()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the second check did not end within 180 s", e);
        }
        assertThat(fx(second::getState)).isEqualTo(Job.State.SUCCEEDED);
        IntegrityCheck.Report report = fx(() -> explorer.model.integrity().getReport());
        assertThat(report.cancelled()).isFalse();
        assertThat(report.valid()).isTrue();
        assertThat(report.entities()).isEqualTo(ENTITIES);
        assertThat(robot.lookup("#" + IntegrityWindow.SUMMARY_ID).queryLabeled().getText())
                .startsWith("Valid: " + ENTITIES + " entities");
        assertThat(fx(() -> explorer.model.jobs().getRunning())).isZero();
        assertThat(fx(cancel::isVisible)).isFalse();
        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(RedisSnapshot.changes(jedis)).isEqualTo(changesBefore);
        }
    }
}
