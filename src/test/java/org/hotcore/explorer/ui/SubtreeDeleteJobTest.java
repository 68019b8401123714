package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;
import static org.hotcore.explorer.ui.ExplorerTestSupport.node;
import static org.hotcore.explorer.ui.ExplorerTestSupport.waitUntil;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.IntegrityCheck;
import org.hotcore.explorer.core.Progress;
import org.hotcore.explorer.server.LocalRedisServer;
import org.hotcore.explorer.ui.model.EntityNode;
import org.hotcore.explorer.ui.model.Job;
import org.hotcore.explorer.ui.view.Banners;
import org.hotcore.explorer.ui.view.JobsPanel;
import org.hotcore.explorer.ui.view.TreeEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;

/**
 * Subtree deletes as jobs: the confirmation counts, the jobs panel shows progress, Cancel stops between batches and
 * leaves a valid tree, and a job whose server stops ends with its error. Each test has its own server with root ›
 * Doomed (30 branches of 100 leaves, 3,031 entities) and root › Keep › K1.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class SubtreeDeleteJobTest {

    private static final int BRANCHES = 30;
    private static final int LEAVES = 100;
    private static final long TOTAL = 1 + BRANCHES * (1L + LEAVES);
    /** Long enough for the robot to press Cancel while the first batch waits; shorter than the read timeout. */
    private static final long PAUSE_MILLIS = 4_000;

    private LocalRedisServer server;
    private ExplorerTestSupport explorer;
    private String doomed;
    private List<String> doomedIds;

    @Start
    void start(Stage stage) throws IOException {
        server = LocalRedisServer.builder().start();
        TreeFixtures.fill(server.url(), store -> {
            doomed = TreeFixtures.create(store, HotcoreStore.ROOT, "Doomed");
            String keep = TreeFixtures.create(store, HotcoreStore.ROOT, "Keep");
            TreeFixtures.create(store, keep, "K1");
        });
        try (Jedis jedis = jedis()) {
            doomedIds = new ArrayList<>(TreeFixtures.subtree(jedis, doomed, "D", BRANCHES, LEAVES));
        }
        doomedIds.add(doomed);
        explorer = ExplorerTestSupport.open(stage, server.url());
    }

    @AfterEach
    void closeWindow() {
        explorer.close();
        server.close();
    }

    private Jedis jedis() {
        return new Jedis(server.host(), server.port());
    }

    /** Selects Doomed, presses Shift+Delete and waits until the confirmation counted the subtree. */
    private Button confirmation(FxRobot robot) {
        explorer.expand(robot, "root");
        explorer.expand(robot, "Doomed");
        explorer.select(robot, "Doomed");
        robot.press(KeyCode.SHIFT).type(KeyCode.DELETE).release(KeyCode.SHIFT);
        waitUntil("the count is complete", () -> robot.lookup("#subtreeDeleteCount").tryQuery()
                .map(label -> ((Label) label).getText().startsWith("3,031 entities")).orElse(false));
        Label names = robot.lookup("#subtreeDeleteNames").queryAs(Label.class);
        assertThat(names.getText()).startsWith("Doomed (30), D ").endsWith(" more");
        Button delete = robot.lookup("#subtreeDeleteButton").queryButton();
        // The window keeps the size it opened with, before the count: the longer texts still show whole.
        waitUntil("the button shows its whole text", () -> shownText(delete).equals(delete.getText()));
        waitUntil("the names show whole", () -> shownText(names).equals(names.getText()));
        return delete;
    }

    /** Returns the text a label or button draws, which ends in an ellipsis when its text does not fit. */
    private static String shownText(Labeled labeled) {
        return ((Text) labeled.lookup(".text")).getText();
    }

    private Job onlyJob() {
        return fx(() -> explorer.model.jobs().getJobs().getFirst());
    }

    private Node jobRow(FxRobot robot) {
        return robot.lookup("#" + JobsPanel.PANEL_ID + " .job-row").query();
    }

    private String jobDetail(FxRobot robot) {
        return fx(() -> ((Label) jobRow(robot).lookup(".job-detail")).getText());
    }

    @Test
    void deleteSubtreeRemovesEveryKey(FxRobot robot) {
        Button delete = confirmation(robot);
        assertThat(delete.getText()).isEqualTo("Delete 3,031 entities");
        List<String> details = new CopyOnWriteArrayList<>();

        try (Jedis jedis = jedis()) {
            // The delete takes well under a second, so writes wait briefly to let the running job be seen.
            jedis.clientPause(1_500, ClientPauseMode.WRITE);
        }
        robot.clickOn(delete);
        waitUntil("the job shows", () -> !explorer.model.jobs().getJobs().isEmpty());
        Label detail = fx(() -> (Label) jobRow(robot).lookup(".job-detail"));
        fx(() -> {
            details.add(detail.getText());
            detail.textProperty().subscribe((String text) -> details.add(text));
            return null;
        });
        waitUntil("the job ends", () -> !onlyJob().isActive());

        assertThat(onlyJob().getState()).isEqualTo(Job.State.SUCCEEDED);
        assertThat(details).anyMatch(text -> text.matches("[0-9,]+ / 3,031.*"));
        assertThat(jobDetail(robot)).isEqualTo("Deleted 3,031 entities");
        try (Jedis jedis = jedis()) {
            assertThat(TreeFixtures.keysLeft(jedis, doomedIds)).isZero();
            assertThat(jedis.keys("i:name:D *")).isEmpty();
            assertThat(jedis.dbSize()).isPositive();
        }
        waitUntil("Doomed leaves the tree", () -> explorer.item(robot, "Doomed") == null);
        assertThat(fx(() -> node(explorer.item(robot, "root")).getChildCount())).isEqualTo(1);
        assertThat(IntegrityCheck.run(explorer.store, Progress.NONE, Cancellation.NEVER).valid()).isTrue();
        explorer.snapshot("delete-job-done");
    }

    @Test
    void cancelMidwayLeavesValidTree(FxRobot robot) {
        Button delete = confirmation(robot);
        TreeItem<TreeEntry> doomedItem = explorer.item(robot, "Doomed");
        try (Jedis jedis = jedis()) {
            // Writes wait while paused, so the first batch is still pending when Cancel is pressed.
            jedis.clientPause(PAUSE_MILLIS, ClientPauseMode.WRITE);
            robot.clickOn(delete);
            waitUntil("the job shows", () -> !explorer.model.jobs().getJobs().isEmpty());
            robot.sleep(500);

            EntityNode doomedNode = fx(() -> node(doomedItem));
            EntityNode branch = fx(() -> node(doomedItem.getChildren().getFirst()));
            assertThat(fx(doomedNode::isDeleting)).isTrue();
            assertThat(fx(branch::isDeleting)).isTrue();
            assertThat(explorer.cell(robot, doomedItem).getPseudoClassStates().toString()).contains("deleting");
            // The window goes on while the job runs: another node expands.
            TreeItem<TreeEntry> keep = explorer.expand(robot, "Keep");
            assertThat(fx(() -> keep.getChildren().size())).isEqualTo(1);
            explorer.snapshot("delete-job-running");

            robot.clickOn(fx(() -> (Button) jobRow(robot).lookup(".job-cancel")));
            waitUntil("the job is stopping", () -> onlyJob().getState() == Job.State.CANCELLING);
            jedis.clientUnpause();
        }
        waitUntil("the job ends", () -> !onlyJob().isActive());

        Job job = onlyJob();
        assertThat(job.getState()).isEqualTo(Job.State.CANCELLED);
        long deleted = job.getDone();
        assertThat(deleted).isBetween(1L, TOTAL - 1);
        assertThat(jobDetail(robot)).startsWith("Cancelled: ").contains(" of 3,031 entities deleted");
        try (Jedis jedis = jedis()) {
            assertThat(TreeFixtures.keysLeft(jedis, doomedIds)).isPositive();
            assertThat(doomedIds.stream().filter(id -> jedis.exists("e:" + id)).count()).isEqualTo(TOTAL - deleted);
        }
        assertThat(IntegrityCheck.run(explorer.store, Progress.NONE, Cancellation.NEVER).valid()).isTrue();
        assertThat(fx(() -> node(doomedItem).isDeleting())).isFalse();
        waitUntil("the tree shows what remains", () -> explorer.item(robot, "Doomed") != null
                && node(explorer.item(robot, "Doomed")).getChildCount() < BRANCHES);
    }

    @Test
    void stoppedServerFailsJobWithoutBusyNodes(FxRobot robot) {
        Button delete = confirmation(robot);
        try (Jedis jedis = jedis()) {
            jedis.clientPause(PAUSE_MILLIS, ClientPauseMode.WRITE);
        }
        robot.clickOn(delete);
        waitUntil("the job shows", () -> !explorer.model.jobs().getJobs().isEmpty());
        robot.sleep(300);

        server.close();

        waitUntil("the job fails", () -> onlyJob().getState() == Job.State.FAILED);
        assertThat(jobDetail(robot)).startsWith("Failed after ");
        waitUntil("the error banner shows", () -> robot.lookup("#" + Banners.ERROR_BANNER_ID).query().isVisible());
        assertThat(fx(() -> explorer.items(robot).stream().map(ExplorerTestSupport::node)
                .filter(n -> n != null && (n.isBusy() || n.isDeleting())).toList())).isEmpty();
        explorer.snapshot("delete-job-failed");
    }
}
