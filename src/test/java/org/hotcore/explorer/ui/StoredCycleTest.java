package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;
import static org.hotcore.explorer.ui.ExplorerTestSupport.node;
import static org.hotcore.explorer.ui.ExplorerTestSupport.waitUntil;

import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.testing.RedisTestServer;
import org.hotcore.explorer.ui.model.SearchModel;
import org.hotcore.explorer.ui.view.Banners;
import org.hotcore.explorer.ui.view.SearchPane;
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
 * Cycles already stored in the data. root › X › Y where c:Y also lists X: expanding shows each level once and the
 * banner names the cycle. CycA and CycB list each other as child and parent and are not reachable from root:
 * searching and revealing CycA ends with a message instead of a hang.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class StoredCycleTest {

    private ExplorerTestSupport explorer;
    private String x;
    private String y;

    @Start
    void start(Stage stage) {
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.flushAll();
        }
        TreeFixtures.fill(RedisTestServer.url(), store -> {
            x = TreeFixtures.create(store, HotcoreStore.ROOT, "X");
            y = TreeFixtures.create(store, x, "Y");
        });
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.sadd("c:" + y, x);
            jedis.hset("e:cyc-a", "name", "CycA");
            jedis.hset("e:cyc-b", "name", "CycB");
            jedis.sadd("i:name:CycA", "cyc-a");
            jedis.sadd("i:name:CycB", "cyc-b");
            jedis.sadd("c:cyc-a", "cyc-b");
            jedis.sadd("c:cyc-b", "cyc-a");
            jedis.set("p:cyc-a", "cyc-b");
            jedis.set("p:cyc-b", "cyc-a");
        }
        explorer = ExplorerTestSupport.open(stage, RedisTestServer.url());
    }

    @AfterEach
    void closeWindow() {
        explorer.close();
    }

    @Test
    void childrenSetCycleBelowRootIsShownOnce(FxRobot robot) {
        explorer.expand(robot, "root");
        TreeItem<TreeEntry> xItem = explorer.expand(robot, "X");
        explorer.select(robot, "Y");
        robot.type(KeyCode.RIGHT);

        String message = awaitError(robot);
        assertThat(message).contains("c:" + y).contains(x).contains("cycle");
        TreeItem<TreeEntry> yItem = explorer.item(robot, "Y");
        waitUntil("Y is loaded", () -> !node(yItem).isLoading());
        assertThat(fx(() -> yItem.getChildren().size())).isZero();
        // X stays under root, once, with Y below it.
        assertThat(explorer.items(robot).stream().filter(item -> node(item) != null && x.equals(node(item).getId())))
                .containsExactly(xItem);
        assertThat(fx(() -> yItem.getParent())).isSameAs(xItem);
        assertThat(fx(() -> node(xItem.getParent()).getId())).isEqualTo(HotcoreStore.ROOT);

        // F5 reads the expanded nodes again and keeps the tree as it is.
        robot.clickOn("#" + Banners.DISMISS_ID);
        fx(() -> {
            explorer.window.refresh();
            return null;
        });
        awaitError(robot);
        assertThat(fx(() -> yItem.getParent())).isSameAs(xItem);
        assertThat(fx(() -> node(xItem.getParent()).getId())).isEqualTo(HotcoreStore.ROOT);
        explorer.snapshot("stored-cycle");
    }

    @Test
    void revealOfParentPointerCycleShowsMessage(FxRobot robot) {
        explorer.awaitItem(robot, "root");
        robot.clickOn("#" + explorer.tree(robot).getId());
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        TextField field = robot.lookup("#" + SearchPane.FIELD_ID).queryAs(TextField.class);
        waitUntil("the search field has the focus", field::isFocused);
        robot.write("name=CycA").type(KeyCode.ENTER);
        @SuppressWarnings("unchecked")
        ListView<SearchModel.Hit> results = robot.lookup("#" + SearchPane.RESULTS_ID).queryAs(ListView.class);
        waitUntil("one result", () -> results.getItems().size() == 1 && !explorer.model.search().isSearching());
        robot.clickOn(robot.lookup("#" + SearchPane.RESULTS_ID + " .list-cell").nth(0).queryLabeled());

        String message = awaitError(robot);
        assertThat(message).contains("cyc-a").contains("cycle");
        assertThat(explorer.item(robot, "CycA")).isNull();
        assertThat(explorer.item(robot, "root")).isNotNull();
    }

    /** Waits until the error banner shows and returns its message. */
    private String awaitError(FxRobot robot) {
        HBox banner = robot.lookup("#" + Banners.ERROR_BANNER_ID).queryAs(HBox.class);
        waitUntil("the error banner shows", banner::isVisible);
        return robot.lookup("#" + Banners.ERROR_MESSAGE_ID).queryAs(Label.class).getText();
    }
}
