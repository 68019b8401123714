package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fxRun;
import static org.hotcore.explorer.ui.ExplorerTestSupport.node;
import static org.hotcore.explorer.ui.ExplorerTestSupport.waitUntil;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.CascadeDelete;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.IntegrityCheck;
import org.hotcore.explorer.core.Progress;
import org.hotcore.explorer.testing.RedisTestServer;
import org.hotcore.explorer.ui.view.Banners;
import org.hotcore.explorer.ui.view.TreeActions;
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

/**
 * The tree's actions from keys, the Edit menu and the context menu: cut and paste, undo, a move the core rejects,
 * new child, rename, expand below, copy uuid and refresh. The tree: root › Alpha › (A1 › A1a, A2), root › Beta › B1.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class TreeActionsTest {

    private ExplorerTestSupport explorer;
    private String alpha;
    private String a1;
    private String a2;
    private String beta;
    private String b1;

    @Start
    void start(Stage stage) {
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.flushAll();
        }
        TreeFixtures.fill(RedisTestServer.url(), store -> {
            alpha = TreeFixtures.create(store, HotcoreStore.ROOT, "Alpha");
            a1 = TreeFixtures.create(store, alpha, "A1");
            TreeFixtures.create(store, a1, "A1a");
            a2 = TreeFixtures.create(store, alpha, "A2");
            beta = TreeFixtures.create(store, HotcoreStore.ROOT, "Beta");
            b1 = TreeFixtures.create(store, beta, "B1");
        });
        explorer = ExplorerTestSupport.open(stage, RedisTestServer.url());
    }

    @AfterEach
    void closeWindow() {
        explorer.close();
    }

    private void openAll(FxRobot robot) {
        explorer.expand(robot, "root");
        explorer.expand(robot, "Alpha");
        explorer.expand(robot, "Beta");
    }

    private static void shortcut(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL).type(key).release(KeyCode.CONTROL);
    }

    private String storedParent(String id) {
        try (Jedis jedis = RedisTestServer.jedis()) {
            return jedis.get("p:" + id);
        }
    }

    @Test
    void cutPasteThenUndoMovesBack(FxRobot robot) {
        openAll(robot);
        TreeItem<TreeEntry> betaItem = explorer.item(robot, "Beta");
        TreeItem<TreeEntry> alphaItem = explorer.item(robot, "Alpha");
        explorer.select(robot, "A2");
        shortcut(robot, KeyCode.X);
        waitUntil("A2 is cut", () -> node(explorer.item(robot, "A2")).isCut());

        explorer.select(robot, "Beta");
        shortcut(robot, KeyCode.V);

        waitUntil("A2 is stored under Beta", () -> beta.equals(storedParent(a2)));
        waitUntil("the tree shows A2 under Beta", () -> explorer.item(robot, "A2") != null
                && explorer.item(robot, "A2").getParent() == betaItem);
        assertThat(fx(() -> node(explorer.item(robot, "A2")).isCut())).isFalse();
        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(jedis.sismember("c:" + beta, a2)).isTrue();
            assertThat(jedis.sismember("c:" + alpha, a2)).isFalse();
        }

        shortcut(robot, KeyCode.Z);

        waitUntil("A2 is stored under Alpha again", () -> alpha.equals(storedParent(a2)));
        waitUntil("the tree shows A2 under Alpha", () -> explorer.item(robot, "A2") != null
                && explorer.item(robot, "A2").getParent() == alphaItem);
        assertThat(fx(() -> node(betaItem).getChildCount())).isEqualTo(1);
        assertThat(fx(() -> node(alphaItem).getChildCount())).isEqualTo(2);
        assertThat(IntegrityCheck.run(explorer.store, Progress.NONE, Cancellation.NEVER).valid()).isTrue();
    }

    @Test
    void undoAfterOutsideMoveExplains(FxRobot robot) {
        openAll(robot);
        explorer.select(robot, "A2");
        shortcut(robot, KeyCode.X);
        explorer.select(robot, "Beta");
        shortcut(robot, KeyCode.V);
        waitUntil("A2 is stored under Beta", () -> beta.equals(storedParent(a2)));
        explorer.store.move(a2, HotcoreStore.ROOT);

        shortcut(robot, KeyCode.Z);

        waitUntil("the error banner explains", () -> robot.lookup("#" + Banners.ERROR_MESSAGE_ID).queryAs(Label.class)
                .getText().contains("no longer under"));
        assertThat(storedParent(a2)).isEqualTo(HotcoreStore.ROOT);
    }

    @Test
    void escapeCancelsTheCut(FxRobot robot) {
        openAll(robot);
        explorer.select(robot, "A2");
        shortcut(robot, KeyCode.X);
        waitUntil("A2 is cut", () -> explorer.model.moves().getCutCount() == 1);

        robot.type(KeyCode.ESCAPE);
        waitUntil("nothing is cut", () -> explorer.model.moves().getCutCount() == 0);
        explorer.select(robot, "Beta");
        shortcut(robot, KeyCode.V);

        robot.sleep(300);
        assertThat(storedParent(a2)).isEqualTo(alpha);
        assertThat(fx(() -> node(explorer.item(robot, "A2")).isCut())).isFalse();
    }

    @Test
    void rejectedMoveShowsReasonAndStoredTree(FxRobot robot) {
        openAll(robot);
        // Beta moves under A1 behind the window's back, so the tree's check cannot see the cycle; the core can.
        explorer.store.move(beta, a1);
        explorer.select(robot, "Alpha");
        shortcut(robot, KeyCode.X);
        explorer.select(robot, "Beta");
        shortcut(robot, KeyCode.V);

        waitUntil("the error banner names the cycle", () -> robot.lookup("#" + Banners.ERROR_MESSAGE_ID)
                .queryAs(Label.class).getText().contains("cycle"));
        assertThat(storedParent(alpha)).isEqualTo(HotcoreStore.ROOT);
        waitUntil("Beta leaves root in the tree, as stored", () -> explorer.item(robot, "Beta") == null
                || node(explorer.item(robot, "Beta").getParent()).getId().equals(a1));
        assertThat(IntegrityCheck.run(explorer.store, Progress.NONE, Cancellation.NEVER).valid()).isTrue();
    }

    /** Right-clicks the row of {@code name} and chooses the context menu item {@code text} with the id {@code id}. */
    private void contextMenuAction(FxRobot robot, String name, String text, String id) {
        robot.rightClickOn(explorer.cell(robot, explorer.item(robot, name)));
        ContextMenu menu = fx(() -> explorer.window.treePane().view().getContextMenu());
        boolean menuOpened = waitQuietly(menu::isShowing);
        if (menuOpened) {
            assertThat(fx(() -> item(menu, id).isDisable())).as(text + " is enabled").isFalse();
            robot.clickOn(text);
        } else {
            // The context menu did not open under this robot: fire its item, as a click on it would.
            robot.type(KeyCode.ESCAPE);
            Platform.runLater(() -> item(menu, id).fire());
        }
    }

    @Test
    void contextMenuNewChildIsStored(FxRobot robot) {
        openAll(robot);
        explorer.select(robot, "Beta");
        contextMenuAction(robot, "Beta", "New child…", TreeActions.NEW_CHILD_ID);
        waitUntil("the name dialog opens", () -> robot.lookup(".dialog-pane .text-field").tryQuery().isPresent());
        robot.clickOn(".dialog-pane .text-field").write("Gamma").type(KeyCode.ENTER);

        waitUntil("Gamma is shown and selected", () -> {
            TreeItem<TreeEntry> selected = explorer.tree(robot).getSelectionModel().getSelectedItem();
            return selected != null && node(selected) != null && "Gamma".equals(node(selected).getName());
        });
        try (Jedis jedis = RedisTestServer.jedis()) {
            String id = jedis.smembers("i:name:Gamma").iterator().next();
            assertThat(jedis.get("p:" + id)).isEqualTo(beta);
            assertThat(jedis.sismember("c:" + beta, id)).isTrue();
        }
    }

    @Test
    void editMenuRenameUpdatesIndex(FxRobot robot) {
        openAll(robot);
        explorer.select(robot, "B1");
        robot.clickOn("Edit");
        robot.clickOn("Rename…");
        waitUntil("the name dialog opens", () -> robot.lookup(".dialog-pane .text-field").tryQuery().isPresent());
        robot.clickOn(".dialog-pane .text-field");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("B-one").type(KeyCode.ENTER);

        waitUntil("the tree shows the new name", () -> explorer.item(robot, "B-one") != null);
        try (Jedis jedis = RedisTestServer.jedis()) {
            String id = jedis.smembers("i:name:B-one").iterator().next();
            assertThat(jedis.hget("e:" + id, "name")).isEqualTo("B-one");
            assertThat(jedis.exists("i:name:B1")).isFalse();
        }
    }

    @Test
    void expandBelowOpensEveryLevel(FxRobot robot) {
        TreeItem<TreeEntry> root = explorer.awaitItem(robot, "root");
        explorer.select(robot, "root");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.E).release(KeyCode.SHIFT, KeyCode.CONTROL);

        waitUntil("A1a is shown", () -> explorer.item(robot, "A1a") != null);
        assertThat(fx(root::isExpanded)).isTrue();
        assertThat(fx(() -> explorer.item(robot, "A1").isExpanded())).isTrue();
        assertThat(explorer.item(robot, "B1")).isNotNull();
    }

    @Test
    void copyUuidFillsClipboard(FxRobot robot) {
        openAll(robot);
        explorer.select(robot, "A2");
        fxRun(() -> Clipboard.getSystemClipboard().clear());

        contextMenuAction(robot, "A2", "Copy uuid", TreeActions.COPY_ID);

        waitUntil("the clipboard holds the uuid of A2", () -> a2.equals(Clipboard.getSystemClipboard().getString()));
    }

    @Test
    void refreshShowsOutsideChanges(FxRobot robot) {
        openAll(robot);
        explorer.select(robot, "A2");
        // Changes made behind the window's back: a new child of Alpha, Beta renamed, B1 deleted.
        String a3 = TreeFixtures.create(explorer.store, alpha, "A3");
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.hset("e:" + beta, "name", "Beta renamed");
            jedis.srem("i:name:Beta", beta);
            jedis.sadd("i:name:Beta renamed", beta);
        }
        explorer.store.deleteCascade(b1, CascadeDelete.Options.DEFAULT, Progress.NONE, Cancellation.NEVER);
        assertThat(explorer.item(robot, "A3")).isNull();

        contextMenuAction(robot, "A2", "Refresh", TreeActions.REFRESH_ID);

        waitUntil("the tree shows the changes", () -> explorer.item(robot, "A3") != null
                && explorer.item(robot, "Beta renamed") != null && explorer.item(robot, "B1") == null);
        TreeItem<TreeEntry> alphaItem = explorer.item(robot, "Alpha");
        assertThat(fx(() -> node(explorer.item(robot, "A3")).getId())).isEqualTo(a3);
        assertThat(fx(() -> explorer.item(robot, "A3").getParent())).isSameAs(alphaItem);
        assertThat(fx(() -> node(alphaItem).labelBinding().get())).isEqualTo("Alpha (3)");
        assertThat(fx(() -> node(explorer.item(robot, "Beta renamed")).getChildCount())).isZero();
        assertThat(fx(alphaItem::isExpanded)).isTrue();
        assertThat(fx(() -> explorer.item(robot, "root").isExpanded())).isTrue();
        TreeItem<TreeEntry> selected = fx(() -> explorer.tree(robot).getSelectionModel().getSelectedItem());
        assertThat(fx(() -> node(selected).getId())).as("the selection stays on A2").isEqualTo(a2);
        assertThat(fx(() -> explorer.model.status().getFailure())).isNull();
    }

    private static MenuItem item(ContextMenu menu, String id) {
        return menu.getItems().stream().filter(item -> id.equals(item.getId())).findFirst().orElseThrow();
    }

    /** Waits up to two seconds for {@code condition}; returns whether it came true. */
    private static boolean waitQuietly(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(2, TimeUnit.SECONDS, () -> fx(condition));
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }
}
