package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;
import static org.hotcore.explorer.ui.ExplorerTestSupport.node;

import java.io.IOException;
import java.util.List;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.hotcore.explorer.server.LocalRedisServer;
import org.hotcore.explorer.testing.RedisTestServer;
import org.hotcore.explorer.ui.model.EntityNode;
import org.hotcore.explorer.ui.view.TreeEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The speed test database, whose only top-level id is {@code parent1}, not {@code root}. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class SpeedtestTreeTest {

    private static LocalRedisServer server;
    private ExplorerTestSupport explorer;

    @BeforeAll
    static void startServer() throws IOException {
        server = RedisTestServer.startWithFixture("speedtest.rdb");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Start
    void start(Stage stage) {
        explorer = ExplorerTestSupport.open(stage, server.url());
    }

    @AfterEach
    void closeWindow() {
        explorer.close();
    }

    @Test
    void parent1HasNinetyNineParentsOfFortyNine(FxRobot robot) {
        TreeItem<TreeEntry> parent1 = explorer.awaitItem(robot, "parent1");
        assertThat(fx(() -> explorer.tree(robot).getRoot().getChildren().size())).isEqualTo(1);

        explorer.expand(robot, "parent1");

        List<EntityNode> parents = fx(() -> parent1.getChildren().stream().map(ExplorerTestSupport::node).toList());
        assertThat(parents).hasSize(99).doesNotContainNull();
        assertThat(parents).allSatisfy(parent -> assertThat(parent.getChildCount()).isEqualTo(49));
        assertThat(fx(() -> node(parent1).labelBinding().get())).isEqualTo("parent1 (99)");

        TreeItem<TreeEntry> first = fx(() -> parent1.getChildren().getFirst());
        explorer.expand(robot, fx(() -> node(first).getName()));
        assertThat(fx(() -> first.getChildren().size())).isEqualTo(49);
        assertThat(fx(() -> first.getChildren().stream().allMatch(TreeItem::isLeaf))).isTrue();
    }
}
