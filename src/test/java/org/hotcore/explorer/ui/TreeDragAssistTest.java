package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;
import static org.hotcore.explorer.ui.ExplorerTestSupport.node;
import static org.hotcore.explorer.ui.ExplorerTestSupport.waitUntil;

import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.testing.RedisTestServer;
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
 * What a robot drag does besides the drop: near the top or bottom edge the tree scrolls, and resting over a collapsed
 * row expands it. The tree: root › Row 0 … Row 79, each with one child (Row n.0), enough rows to scroll.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class TreeDragAssistTest {

    private static final int ROWS = 80;

    private ExplorerTestSupport explorer;
    private List<String> ids;

    @Start
    void start(Stage stage) {
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.flushAll();
            ids = TreeFixtures.subtree(jedis, HotcoreStore.ROOT, "Row", ROWS, 1);
        }
        explorer = ExplorerTestSupport.open(stage, RedisTestServer.url());
    }

    @AfterEach
    void closeWindow() {
        explorer.close();
    }

    private VirtualFlow<?> flow(FxRobot robot) {
        return (VirtualFlow<?>) explorer.tree(robot).lookup(".virtual-flow");
    }

    /** Returns the index of the first row shown, which grows as the tree scrolls down. */
    private int firstVisible(FxRobot robot) {
        VirtualFlow<?> flow = flow(robot);
        return fx(() -> flow.getFirstVisibleCell().getIndex());
    }

    private Bounds treeOnScreen(FxRobot robot) {
        TreeView<TreeEntry> tree = explorer.tree(robot);
        return fx(() -> tree.localToScreen(tree.getBoundsInLocal()));
    }

    /** Returns the entity rows below root that are expanded. */
    private List<String> expandedRows(FxRobot robot, TreeItem<TreeEntry> root) {
        return fx(() -> root.getChildren().stream().filter(TreeItem::isExpanded)
                .map(item -> node(item).getName()).toList());
    }

    /** Returns the root's child item on the first fully visible row below the top edge band. */
    private TreeItem<TreeEntry> rowNearTop(FxRobot robot) {
        TreeView<TreeEntry> tree = explorer.tree(robot);
        int row = firstVisible(robot) + 2;
        return fx(() -> tree.getTreeItem(row));
    }

    /** Returns the cell that shows {@code item} now, without scrolling, which must not happen during a drag. */
    private static Node visibleCell(FxRobot robot, TreeItem<TreeEntry> item) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".entity-cell").match(cell -> cell instanceof TreeCell<?> treeCell
                && treeCell.getTreeItem() == item && treeCell.isVisible()).query();
    }

    /** Ends the drag by dropping to the right of the tree, where nothing accepts it. */
    private void dropOutside(FxRobot robot) {
        Bounds tree = treeOnScreen(robot);
        robot.moveTo(new Point2D(tree.getMaxX() + 150, tree.getCenterY()));
        robot.drop();
    }

    private void assertAllUnderRoot() {
        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(jedis.scard("c:root")).isEqualTo(ROWS);
            for (int i = 0; i < ids.size(); i += 2) {
                assertThat(jedis.get("p:" + ids.get(i))).isEqualTo(HotcoreStore.ROOT);
            }
        }
    }

    @Test
    void dragNearEdgesScrolls(FxRobot robot) {
        TreeItem<TreeEntry> root = explorer.expand(robot, "root");
        waitUntil("every row is loaded", () -> root.getChildren().size() == ROWS);
        TreeView<TreeEntry> tree = explorer.tree(robot);
        ExplorerTestSupport.fxRun(() -> tree.scrollTo(0));
        assertThat(firstVisible(robot)).isZero();
        Node source = explorer.cell(robot, rowNearTop(robot));
        Bounds bounds = treeOnScreen(robot);

        // Held still in the bottom band: the tree keeps scrolling down without further mouse moves.
        robot.drag(source).moveTo(new Point2D(bounds.getCenterX(), bounds.getMaxY() - 6));
        int atBottomEdge = firstVisible(robot);
        waitUntil("the tree scrolls down", () -> firstVisible(robot) >= atBottomEdge + 10);
        assertThat(expandedRows(robot, root)).as("rows the edge scroll passed").isEmpty();

        // In the middle it stops. The row rested on there may expand, as any collapsed row rested on does.
        robot.moveTo(new Point2D(bounds.getCenterX(), bounds.getCenterY()));
        robot.sleep(200);
        int stopped = firstVisible(robot);
        robot.sleep(400);
        assertThat(firstVisible(robot)).isEqualTo(stopped);

        // Held still in the top band: it scrolls back up to the first row.
        robot.moveTo(new Point2D(bounds.getCenterX(), bounds.getMinY() + 6));
        waitUntil("the tree scrolls up to the first row", () -> firstVisible(robot) == 0);
        assertThat(stopped).isPositive();

        dropOutside(robot);
        robot.sleep(300);
        int afterDrop = firstVisible(robot);
        robot.sleep(400);
        assertThat(firstVisible(robot)).as("no scrolling after the drag ended").isEqualTo(afterDrop);
        assertAllUnderRoot();
        assertThat(fx(() -> explorer.model.status().getFailure())).isNull();
    }

    @Test
    void restingOverRowExpandsIt(FxRobot robot) {
        TreeItem<TreeEntry> root = explorer.expand(robot, "root");
        waitUntil("every row is loaded", () -> root.getChildren().size() == ROWS);
        TreeItem<TreeEntry> dragged = fx(() -> root.getChildren().get(3));
        TreeItem<TreeEntry> target = fx(() -> root.getChildren().get(8));
        String draggedId = fx(() -> node(dragged).getId());
        String targetId = fx(() -> node(target).getId());
        String childName = fx(() -> node(target).getName()) + ".0";
        assertThat(fx(target::isExpanded)).isFalse();

        ExplorerTestSupport.fxRun(() -> explorer.tree(robot).scrollTo(0));
        robot.drag(visibleCell(robot, dragged)).moveTo(visibleCell(robot, target));

        waitUntil("the row under the drag expands and loads its child", () -> target.isExpanded()
                && target.getChildren().stream().anyMatch(child -> node(child) != null
                        && childName.equals(node(child).getName())));
        assertThat(expandedRows(robot, root)).containsExactly(node(target).getName());

        // Dropping onto the opened row moves the dragged one into it, next to the child just shown.
        robot.drop();
        try (Jedis jedis = RedisTestServer.jedis()) {
            waitUntil("the dragged row is stored under the target", () -> targetId.equals(jedis.get("p:" + draggedId)));
        }
        waitUntil("the tree shows it under the target", () -> dragged.getParent() == target
                || target.getChildren().stream().anyMatch(child -> node(child) != null
                        && draggedId.equals(node(child).getId())));
    }

    @Test
    void passingOverRowsExpandsNone(FxRobot robot) {
        TreeItem<TreeEntry> root = explorer.expand(robot, "root");
        waitUntil("every row is loaded", () -> root.getChildren().size() == ROWS);
        ExplorerTestSupport.fxRun(() -> explorer.tree(robot).scrollTo(0));
        ExplorerTestSupport.fxRun(() -> explorer.tree(robot).scrollTo(0));
        Node source = visibleCell(robot, fx(() -> root.getChildren().get(1)));
        Bounds bounds = treeOnScreen(robot);

        // Down across a dozen rows, then out of the tree: no row is rested on for the expand delay.
        robot.drag(source).moveTo(new Point2D(bounds.getCenterX(), bounds.getMinY() + 12 * 26));
        dropOutside(robot);
        robot.sleep(1_200);

        assertThat(expandedRows(robot, root)).isEmpty();
        assertAllUnderRoot();
    }
}
