package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;
import static org.hotcore.explorer.ui.ExplorerTestSupport.waitUntil;

import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.testing.RedisTestServer;
import org.hotcore.explorer.ui.model.Job;
import org.hotcore.explorer.ui.view.Banners;
import org.hotcore.explorer.ui.view.DetailsPane;
import org.hotcore.explorer.ui.view.StatusBar;
import org.hotcore.explorer.ui.view.TreeEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import redis.clients.jedis.Jedis;

/**
 * Tools › Read-only: while it is on, an attribute edit, a drag move and a repair are rejected with a message and
 * Redis is unchanged, and the title and status bar show "read-only"; once it is off, the edit is stored. The tree:
 * root › Alpha, root › Beta.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ReadOnlyModeTest {

    private ExplorerTestSupport explorer;
    private String alpha;
    private String beta;

    @Start
    void start(Stage stage) {
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.flushAll();
        }
        TreeFixtures.fill(RedisTestServer.url(), store -> {
            alpha = TreeFixtures.create(store, HotcoreStore.ROOT, "Alpha");
            beta = TreeFixtures.create(store, HotcoreStore.ROOT, "Beta");
        });
        explorer = ExplorerTestSupport.open(stage, RedisTestServer.url());
    }

    @AfterEach
    void closeWindow() {
        explorer.close();
    }

    @Test
    void readOnlyRejectsWritesUntilTurnedOff(FxRobot robot) {
        explorer.expand(robot, "root");
        explorer.select(robot, "Alpha");
        waitUntil("the attributes are shown", () -> explorer.model.details().row("name") != null);

        robot.clickOn("Tools");
        robot.clickOn("Read-only");
        waitUntil("the store is read-only", () -> explorer.store.readOnly());
        assertThat(fx(() -> explorer.window.stage().getTitle())).endsWith(" — read-only");
        Label readOnlyLabel = robot.lookup("#" + StatusBar.READ_ONLY_ID).queryAs(Label.class);
        assertThat(fx(readOnlyLabel::isVisible)).isTrue();
        assertThat(readOnlyLabel.getText()).isEqualTo("read-only");

        // An attribute edit is rejected.
        robot.clickOn("#" + DetailsPane.NEW_NAME_ID).write("team");
        robot.clickOn("#" + DetailsPane.NEW_VALUE_ID).write("Data platform");
        robot.clickOn("#" + DetailsPane.ADD_ID);
        String message = awaitError(robot);
        assertThat(message).contains("rejected because the connection is read-only")
                .contains("Tools › Read-only").contains("nothing was written");
        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(jedis.hget("e:" + alpha, "team")).isNull();
        }
        robot.clickOn("#" + Banners.DISMISS_ID);

        // A drag move is rejected.
        TreeItem<TreeEntry> betaItem = explorer.item(robot, "Beta");
        robot.drag(explorer.cell(robot, explorer.item(robot, "Alpha"))).dropTo(explorer.cell(robot, betaItem));
        assertThat(awaitError(robot)).startsWith("Failed to move").contains("read-only");
        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(jedis.get("p:" + alpha)).isEqualTo(HotcoreStore.ROOT);
            assertThat(jedis.sismember("c:" + beta, alpha)).isFalse();
        }
        robot.clickOn("#" + Banners.DISMISS_ID);

        // A repair is rejected before it writes.
        Job repair = fx(() -> explorer.model.integrity().repair(() -> { }));
        waitUntil("the repair job ends", () -> !repair.isActive());
        assertThat(fx(repair::getState)).isEqualTo(Job.State.FAILED);
        assertThat(fx(repair::getMessage)).contains("read-only");
        robot.clickOn("#" + Banners.DISMISS_ID);

        robot.clickOn("Tools");
        robot.clickOn("Read-only");
        waitUntil("the store is writable", () -> !explorer.store.readOnly());
        assertThat(fx(() -> explorer.window.stage().getTitle())).doesNotContain("read-only");
        assertThat(fx(readOnlyLabel::isVisible)).isFalse();

        explorer.select(robot, "Alpha");
        ExplorerTestSupport.fxRun(() -> {
            robot.lookup("#" + DetailsPane.NEW_NAME_ID).queryAs(TextField.class).clear();
            robot.lookup("#" + DetailsPane.NEW_VALUE_ID).queryAs(TextField.class).clear();
        });
        robot.clickOn("#" + DetailsPane.NEW_NAME_ID).write("team");
        robot.clickOn("#" + DetailsPane.NEW_VALUE_ID).write("Data platform");
        robot.clickOn("#" + DetailsPane.ADD_ID);
        waitUntil("the row is added", () -> explorer.model.details().row("team") != null);
        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(jedis.hget("e:" + alpha, "team")).isEqualTo("Data platform");
        }
        assertThat(robot.lookup("#" + Banners.ERROR_BANNER_ID).queryAs(HBox.class).isVisible()).isFalse();
    }

    /** Waits until the error banner shows and returns its message. */
    private String awaitError(FxRobot robot) {
        HBox banner = robot.lookup("#" + Banners.ERROR_BANNER_ID).queryAs(HBox.class);
        waitUntil("the error banner shows", banner::isVisible);
        return robot.lookup("#" + Banners.ERROR_MESSAGE_ID).queryAs(Label.class).getText();
    }
}
