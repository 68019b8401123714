package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;

import java.util.UUID;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.hotcore.explorer.testing.RedisTestServer;
import org.hotcore.explorer.ui.model.TreeModel;
import org.hotcore.explorer.ui.view.TreeEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** A node with a million children opens like one with a thousand and creates one page of tree items. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class MillionChildrenTest {

    private static final int MILLION = 1_000_000;
    private static final int THOUSAND = 1_000;
    private static final int BATCH = 10_000;

    private ExplorerTestSupport explorer;

    @BeforeAll
    static void fill() {
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.flushAll();
            writeChildren(jedis, "huge", MILLION);
            writeChildren(jedis, "small", THOUSAND);
            assertThat(jedis.scard("c:huge")).isEqualTo(MILLION);
        }
    }

    /** Writes {@code count} valid entities under the top-level id {@code parent}, pipelined in batches. */
    private static void writeChildren(Jedis jedis, String parent, int count) {
        for (int start = 0; start < count; start += BATCH) {
            Pipeline pipeline = jedis.pipelined();
            for (int i = start; i < Math.min(count, start + BATCH); i++) {
                String id = UUID.randomUUID().toString();
                pipeline.hset("e:" + id, "name", parent + " child " + i);
                pipeline.set("p:" + id, parent);
                pipeline.sadd("c:" + parent, id);
            }
            pipeline.sync();
        }
    }

    @Start
    void start(Stage stage) {
        explorer = ExplorerTestSupport.open(stage, RedisTestServer.url());
    }

    @AfterEach
    void closeWindow() {
        explorer.close();
    }

    @Test
    void millionChildrenOpenOnePage(FxRobot robot) {
        explorer.awaitItem(robot, "huge");
        long smallStart = System.nanoTime();
        TreeItem<TreeEntry> small = explorer.expand(robot, "small");
        long smallMillis = (System.nanoTime() - smallStart) / 1_000_000;
        long hugeStart = System.nanoTime();
        TreeItem<TreeEntry> huge = explorer.expand(robot, "huge");
        long hugeMillis = (System.nanoTime() - hugeStart) / 1_000_000;

        assertThat(fx(() -> huge.getChildren().size())).isEqualTo(TreeModel.PAGE_SIZE + 1);
        assertThat(fx(() -> small.getChildren().size())).isEqualTo(TreeModel.PAGE_SIZE + 1);
        assertThat(explorer.items(robot)).hasSizeLessThanOrEqualTo(2 + 2 * (TreeModel.PAGE_SIZE + 1));
        assertThat(fx(() -> explorer.model.tree().size())).isLessThanOrEqualTo(2 + 2 * TreeModel.PAGE_SIZE);
        assertThat(explorer.loadMoreCell(robot, huge).getText()).isEqualTo("Load more (999750 left)");
        // Both times include the same robot steps; the large set may not add more than a second.
        assertThat(hugeMillis).as("ms to open the million (the thousand took %d ms)", smallMillis)
                .isLessThan(smallMillis + 1_000);
    }
}
