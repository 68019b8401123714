package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fxRun;
import static org.hotcore.explorer.ui.ExplorerTestSupport.node;
import static org.hotcore.explorer.ui.ExplorerTestSupport.waitUntil;

import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.testing.RedisSnapshot;
import org.hotcore.explorer.testing.RedisTestServer;
import org.hotcore.explorer.ui.model.AttributeRow;
import org.hotcore.explorer.ui.model.Job;
import org.hotcore.explorer.ui.view.Banners;
import org.hotcore.explorer.ui.view.DetailsPane;
import org.hotcore.explorer.ui.view.IntegrityWindow;
import org.hotcore.explorer.ui.view.TreeActions;
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
 * Every write of the window while Tools › Read-only is on: new child, rename, attribute edit, add and remove, delete
 * keeping the children, subtree delete, cut and paste, undo of a move, drag and drop, and the integrity repair. Each
 * is rejected with a message or disabled, and every key in Redis stays byte for byte as it was, with no change counted
 * by the server. The tree: root › Alpha › (A1 › A1a, A2), root › Beta, and Lost, whose parent pointer names root
 * while c:root does not list it.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ReadOnlyWritesTest {

    private ExplorerTestSupport explorer;
    private String alpha;
    private String a1;
    private String a2;
    private String beta;
    private String lost;

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
            lost = TreeFixtures.create(store, HotcoreStore.ROOT, "Lost");
        });
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.srem("c:" + HotcoreStore.ROOT, lost);
        }
        explorer = ExplorerTestSupport.open(stage, RedisTestServer.url());
    }

    @AfterEach
    void closeWindow() {
        explorer.close();
    }

    private static void shortcut(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL).type(key).release(KeyCode.CONTROL);
    }

    private static String storedParent(String id) {
        try (Jedis jedis = RedisTestServer.jedis()) {
            return jedis.get("p:" + id);
        }
    }

    /** Waits until the error banner shows, checks that it names read-only mode, and dismisses it. */
    private static String awaitRejection(FxRobot robot, String action) {
        HBox banner = robot.lookup("#" + Banners.ERROR_BANNER_ID).queryAs(HBox.class);
        waitUntil("the error banner shows after " + action, banner::isVisible);
        String message = robot.lookup("#" + Banners.ERROR_MESSAGE_ID).queryAs(Label.class).getText();
        assertThat(message).as(action).contains("read-only");
        robot.clickOn("#" + Banners.DISMISS_ID);
        waitUntil("the error banner is dismissed", () -> !banner.isVisible());
        return message;
    }

    private static void assertUnchanged(RedisSnapshot before, String action) {
        RedisSnapshot after = RedisSnapshot.ofSharedServer();
        assertThat(after.keys()).as("keys after " + action).isEqualTo(before.keys());
        assertThat(after.changes()).as("changes counted by the server after " + action).isEqualTo(before.changes());
    }

    /** Types {@code text} into the open text input dialog and presses Enter. */
    private static void answerDialog(FxRobot robot, String text) {
        waitUntil("the name dialog opens", () -> robot.lookup(".dialog-pane .text-field").tryQuery().isPresent());
        robot.clickOn(".dialog-pane .text-field");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write(text).type(KeyCode.ENTER);
        waitUntil("the dialog closes", () -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static TableView<AttributeRow> attributeTable(FxRobot robot) {
        return robot.lookup("#" + DetailsPane.TABLE_ID).queryAs(TableView.class);
    }

    private static void selectRow(TableView<AttributeRow> table, String name) {
        int index = fx(() -> table.getItems().stream().map(AttributeRow::displayName).toList().indexOf(name));
        assertThat(index).as("row of %s", name).isNotNegative();
        fxRun(() -> {
            table.getSelectionModel().clearAndSelect(index);
            table.getFocusModel().focus(index);
            table.requestFocus();
        });
        waitUntil("the table has the focus", table::isFocused);
    }

    private List<MenuItem> editMenuItems(FxRobot robot) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        return fx(() -> bar.getMenus().stream().filter(menu -> "Edit".equals(menu.getText())).findFirst()
                .orElseThrow().getItems().stream().filter(item -> item.getId() != null).toList());
    }

    @Test
    void readOnlyWritesChangeNothing(FxRobot robot) {
        explorer.expand(robot, "root");
        explorer.expand(robot, "Alpha");
        TreeItem<TreeEntry> a1Item = explorer.expand(robot, "A1");
        // A move while writable, so Undo has something to move back.
        explorer.select(robot, "A2");
        shortcut(robot, KeyCode.X);
        explorer.select(robot, "Beta");
        shortcut(robot, KeyCode.V);
        waitUntil("A2 is stored under Beta", () -> beta.equals(storedParent(a2)));
        waitUntil("the move can be undone", () -> explorer.model.moves().isUndoable());

        robot.clickOn("Tools");
        robot.clickOn("Read-only");
        waitUntil("the store is read-only", () -> explorer.store.readOnly());
        RedisSnapshot before = RedisSnapshot.ofSharedServer();

        // New child (Ctrl+N): the name is requested, then the create is rejected.
        explorer.select(robot, "Beta");
        shortcut(robot, KeyCode.N);
        answerDialog(robot, "Gamma");
        assertThat(awaitRejection(robot, "new child")).contains("nothing was written");
        assertUnchanged(before, "new child");

        // Rename (Ctrl+R).
        explorer.select(robot, "Alpha");
        shortcut(robot, KeyCode.R);
        answerDialog(robot, "Alpha renamed");
        awaitRejection(robot, "rename");
        assertUnchanged(before, "rename");
        assertThat(explorer.item(robot, "Alpha")).isNotNull();

        // Attribute edit, add and remove in the details.
        explorer.select(robot, "A1");
        TableView<AttributeRow> table = attributeTable(robot);
        waitUntil("the attributes of A1 are shown", () -> a1.equals(explorer.model.details().getId())
                && explorer.model.details().row("type") != null);
        selectRow(table, "type");
        robot.type(KeyCode.ENTER);
        waitUntil("the value cell is being edited", () -> table.getEditingCell() != null);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("edited").type(KeyCode.ENTER);
        awaitRejection(robot, "attribute edit");
        waitUntil("the edit is over", () -> !explorer.model.details().isSaving());
        assertUnchanged(before, "attribute edit");

        robot.clickOn("#" + DetailsPane.NEW_NAME_ID).write("team");
        robot.clickOn("#" + DetailsPane.NEW_VALUE_ID).write("Data platform");
        robot.clickOn("#" + DetailsPane.ADD_ID);
        awaitRejection(robot, "attribute add");
        waitUntil("the add is over", () -> !explorer.model.details().isSaving());
        assertUnchanged(before, "attribute add");

        waitUntil("the type row is back", () -> explorer.model.details().row("type") != null);
        selectRow(table, "type");
        robot.clickOn("#" + DetailsPane.REMOVE_ID);
        awaitRejection(robot, "attribute remove");
        waitUntil("the remove is over", () -> !explorer.model.details().isSaving());
        assertUnchanged(before, "attribute remove");

        // Delete keeping the children (Delete), confirmed.
        explorer.select(robot, "A1");
        robot.type(KeyCode.DELETE);
        waitUntil("the confirmation opens", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.clickOn(robot.lookup(".dialog-pane .button").match(node -> node instanceof Button button
                && button.isDefaultButton()).queryButton());
        awaitRejection(robot, "delete keeping the children");
        assertUnchanged(before, "delete keeping the children");

        // Delete with the subtree (Shift+Delete), confirmed: the job fails before it deletes anything.
        explorer.select(robot, "A1");
        robot.press(KeyCode.SHIFT).type(KeyCode.DELETE).release(KeyCode.SHIFT);
        waitUntil("the count is complete", () -> robot.lookup("#subtreeDeleteCount").tryQuery()
                .map(label -> ((Label) label).getText().startsWith("2 entities")).orElse(false));
        robot.clickOn(robot.lookup("#subtreeDeleteButton").queryButton());
        waitUntil("the delete job ends", () -> !explorer.model.jobs().getJobs().isEmpty()
                && !explorer.model.jobs().getJobs().getLast().isActive());
        Job delete = fx(() -> explorer.model.jobs().getJobs().getLast());
        assertThat(fx(delete::getState)).isEqualTo(Job.State.FAILED);
        assertThat(fx(delete::getMessage)).contains("read-only");
        awaitRejection(robot, "subtree delete");
        assertThat(fx(() -> node(a1Item).isDeleting())).isFalse();
        assertThat(fx(() -> explorer.model.jobs().getRunning())).isZero();
        assertUnchanged(before, "subtree delete");

        // Cut and paste (Ctrl+X, Ctrl+V).
        explorer.select(robot, "Alpha");
        shortcut(robot, KeyCode.X);
        explorer.select(robot, "Beta");
        shortcut(robot, KeyCode.V);
        assertThat(awaitRejection(robot, "paste")).startsWith("Failed to move");
        assertThat(fx(() -> explorer.model.moves().getCutCount())).isZero();
        assertUnchanged(before, "paste");

        // Undo of the move made while writable (Ctrl+Z), with the focus in the tree rather than a text field.
        explorer.select(robot, "Beta");
        shortcut(robot, KeyCode.Z);
        awaitRejection(robot, "undo");
        assertThat(storedParent(a2)).isEqualTo(beta);
        assertThat(fx(() -> explorer.model.moves().isUndoable())).as("the rejected undo can be tried again").isTrue();
        assertUnchanged(before, "undo");

        // Drag A1 onto Beta.
        TreeItem<TreeEntry> betaItem = explorer.item(robot, "Beta");
        robot.drag(explorer.cell(robot, explorer.item(robot, "A1"))).dropTo(explorer.cell(robot, betaItem));
        assertThat(awaitRejection(robot, "drag and drop")).startsWith("Failed to move");
        assertUnchanged(before, "drag and drop");

        // The integrity check runs and finds Lost; Repair is disabled, and a repair started anyway is rejected.
        robot.clickOn("Tools");
        robot.clickOn("Check integrity…");
        waitUntil("the check lists the lost entity", () -> explorer.window.integrityWindow() != null
                && explorer.model.integrity().getReport() != null && !explorer.model.integrity().isRunning()
                && !explorer.model.integrity().getViolations().isEmpty());
        IntegrityWindow integrity = explorer.window.integrityWindow();
        Button repairButton = robot.lookup("#" + IntegrityWindow.REPAIR_ID).queryButton();
        assertThat(fx(repairButton::isDisabled)).isTrue();
        assertThat(robot.lookup("Read-only mode is on: Repair is disabled.").tryQuery()).isPresent();
        Job repair = fx(() -> explorer.model.integrity().repair(() -> { }));
        waitUntil("the repair job ends", () -> !repair.isActive());
        assertThat(fx(repair::getState)).isEqualTo(Job.State.FAILED);
        assertThat(fx(repair::getMessage)).contains("read-only");
        fxRun(integrity.stage()::close);
        awaitRejection(robot, "repair");
        assertUnchanged(before, "repair");

        // The Edit menu shows every writing action disabled; their keys are rejected as before.
        explorer.select(robot, "Beta");
        robot.clickOn("Edit");
        List<String> disabled = fx(() -> editMenuItems(robot).stream().filter(MenuItem::isDisable)
                .map(MenuItem::getId).toList());
        robot.type(KeyCode.ESCAPE);
        assertThat(disabled).contains(TreeActions.NEW_CHILD_ID + TreeActions.MENU_BAR_SUFFIX,
                TreeActions.RENAME_ID + TreeActions.MENU_BAR_SUFFIX, TreeActions.CUT_ID + TreeActions.MENU_BAR_SUFFIX,
                TreeActions.PASTE_ID + TreeActions.MENU_BAR_SUFFIX, TreeActions.UNDO_ID + TreeActions.MENU_BAR_SUFFIX,
                TreeActions.DELETE_LIFT_ID + TreeActions.MENU_BAR_SUFFIX,
                TreeActions.DELETE_SUBTREE_ID + TreeActions.MENU_BAR_SUFFIX)
                .doesNotContain(TreeActions.COPY_ID + TreeActions.MENU_BAR_SUFFIX,
                        TreeActions.REFRESH_ID + TreeActions.MENU_BAR_SUFFIX);
        explorer.select(robot, "A2");
        shortcut(robot, KeyCode.X);
        explorer.select(robot, "Alpha");
        shortcut(robot, KeyCode.V);
        awaitRejection(robot, "paste after the Edit menu was shown");
        assertUnchanged(before, "paste after the Edit menu was shown");
        assertThat(fx(() -> explorer.model.jobs().getRunning())).isZero();
        assertThat(fx(() -> explorer.model.moves().isMoving())).isFalse();

        // Once read-only is off, the same keys write again.
        robot.clickOn("Tools");
        robot.clickOn("Read-only");
        waitUntil("the store is writable", () -> !explorer.store.readOnly());
        explorer.select(robot, "Beta");
        shortcut(robot, KeyCode.N);
        answerDialog(robot, "Gamma");
        waitUntil("Gamma is stored under Beta", () -> {
            try (Jedis jedis = RedisTestServer.jedis()) {
                return jedis.smembers("i:name:Gamma").stream().anyMatch(id -> beta.equals(jedis.get("p:" + id)));
            }
        });
        shortcut(robot, KeyCode.Z);
        waitUntil("A2 is stored under Alpha again", () -> alpha.equals(storedParent(a2)));
    }
}
