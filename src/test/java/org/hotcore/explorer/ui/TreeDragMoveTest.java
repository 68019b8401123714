package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;
import static org.hotcore.explorer.ui.ExplorerTestSupport.node;
import static org.hotcore.explorer.ui.ExplorerTestSupport.waitUntil;

import javafx.scene.Node;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.IntegrityCheck;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.Progress;
import org.hotcore.explorer.testing.RedisTestServer;
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
 * Moves by robot drag and drop between tree rows, checked in Redis. The tree: root › Alpha › (A1 › A1a, A2),
 * root › Beta › B1, and the top-level id parent1 › P1.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class TreeDragMoveTest {

    private ExplorerTestSupport explorer;
    private String alpha;
    private String a1;
    private String a1a;
    private String a2;
    private String beta;
    private String b1;

    @Start
    void start(Stage stage) {
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.flushAll();
            // A top-level id other than root, as real data has: written directly, since create needs its c: set.
            jedis.hset("e:p1", "name", "P1");
            jedis.set("p:p1", "parent1");
            jedis.sadd("c:parent1", "p1");
            jedis.sadd("i:name:P1", "p1");
        }
        TreeFixtures.fill(RedisTestServer.url(), store -> {
            alpha = TreeFixtures.create(store, HotcoreStore.ROOT, "Alpha");
            a1 = TreeFixtures.create(store, alpha, "A1");
            a1a = TreeFixtures.create(store, a1, "A1a");
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
        explorer.expand(robot, "A1");
        explorer.expand(robot, "Beta");
    }

    @Test
    void dragOntoEntityMovesIt(FxRobot robot) {
        openAll(robot);
        TreeItem<TreeEntry> alphaItem = explorer.item(robot, "Alpha");
        TreeItem<TreeEntry> betaItem = explorer.item(robot, "Beta");

        robot.drag(explorer.cell(robot, explorer.item(robot, "A2"))).dropTo(explorer.cell(robot, betaItem));

        waitUntil("A2 shows under Beta", () -> {
            TreeItem<TreeEntry> moved = explorer.item(robot, "A2");
            return moved != null && moved.getParent() == betaItem;
        });
        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(jedis.get("p:" + a2)).isEqualTo(beta);
            assertThat(jedis.sismember("c:" + beta, a2)).isTrue();
            assertThat(jedis.sismember("c:" + alpha, a2)).isFalse();
        }
        assertThat(fx(() -> alphaItem.getChildren().stream().map(ExplorerTestSupport::node)
                .map(n -> n.getName()).toList())).containsExactly("A1");
        assertThat(fx(() -> node(alphaItem).labelBinding().get())).isEqualTo("Alpha (1)");
        assertThat(fx(() -> node(betaItem).labelBinding().get())).isEqualTo("Beta (2)");
        waitUntil("the moved entity is selected", () -> {
            TreeItem<TreeEntry> selected = explorer.tree(robot).getSelectionModel().getSelectedItem();
            return selected != null && node(selected) != null && a2.equals(node(selected).getId());
        });
        assertThat(IntegrityCheck.run(explorer.store, Progress.NONE, Cancellation.NEVER).valid()).isTrue();
    }

    @Test
    void dragOntoOwnGrandchildIsRejected(FxRobot robot) {
        openAll(robot);
        TreeItem<TreeEntry> grandchild = explorer.item(robot, "A1a");
        Node source = explorer.cell(robot, explorer.item(robot, "Alpha"));
        Node target = explorer.cell(robot, grandchild);

        robot.drag(source).moveTo(target);
        waitUntil("the grandchild shows it is no target", () -> target.getPseudoClassStates().stream()
                .anyMatch(state -> state.getPseudoClassName().equals("drop-rejected")));
        robot.drop();

        robot.sleep(300);
        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(jedis.get("p:" + alpha)).isEqualTo(HotcoreStore.ROOT);
            assertThat(jedis.smembers("c:" + a1a)).isEmpty();
            assertThat(jedis.sismember("c:root", alpha)).isTrue();
        }
        assertThat(fx(() -> node(explorer.item(robot, "Alpha").getParent()).getId())).isEqualTo("root");
        assertThat(fx(() -> explorer.model.status().getFailure())).isNull();
    }

    @Test
    void dragOntoCurrentParentIsRejected(FxRobot robot) {
        openAll(robot);
        Node target = explorer.cell(robot, explorer.item(robot, "Alpha"));

        robot.drag(explorer.cell(robot, explorer.item(robot, "A2"))).moveTo(target);
        waitUntil("the parent shows it is no target", () -> target.getPseudoClassStates().stream()
                .anyMatch(state -> state.getPseudoClassName().equals("drop-rejected")));
        robot.drop();

        robot.sleep(300);
        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(jedis.get("p:" + a2)).isEqualTo(alpha);
        }
    }

    @Test
    void multiSelectionDragMovesAll(FxRobot robot) {
        openAll(robot);
        TreeItem<TreeEntry> betaItem = explorer.item(robot, "Beta");
        explorer.select(robot, "A2");
        robot.press(KeyCode.CONTROL).clickOn(explorer.cell(robot, explorer.item(robot, "B1")))
                .release(KeyCode.CONTROL);
        waitUntil("two rows are selected", () -> explorer.tree(robot).getSelectionModel().getSelectedItems()
                .size() == 2);

        TreeItem<TreeEntry> topLevel = explorer.awaitItem(robot, "parent1");
        robot.drag(explorer.cell(robot, explorer.item(robot, "A2"))).dropTo(explorer.cell(robot, topLevel));

        try (Jedis jedis = RedisTestServer.jedis()) {
            waitUntil("both are stored under parent1", () -> "parent1".equals(jedis.get("p:" + a2))
                    && "parent1".equals(jedis.get("p:" + b1)));
            assertThat(jedis.smembers("c:parent1")).containsExactlyInAnyOrder("p1", a2, b1);
            assertThat(jedis.sismember("c:" + beta, b1)).isFalse();
            assertThat(jedis.sismember("c:" + alpha, a2)).isFalse();
        }
        waitUntil("the tree shows both under parent1", () -> {
            TreeItem<TreeEntry> movedA2 = explorer.item(robot, "A2");
            TreeItem<TreeEntry> movedB1 = explorer.item(robot, "B1");
            return movedA2 != null && movedB1 != null && movedA2.getParent() == topLevel
                    && movedB1.getParent() == topLevel;
        });
        assertThat(fx(() -> node(betaItem).getChildCount())).isZero();
        assertThat(IntegrityCheck.run(explorer.store, Progress.NONE, Cancellation.NEVER).valid()).isTrue();
    }
}
