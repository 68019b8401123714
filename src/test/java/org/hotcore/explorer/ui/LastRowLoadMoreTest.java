package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;
import static org.hotcore.explorer.ui.ExplorerTestSupport.node;
import static org.hotcore.explorer.ui.ExplorerTestSupport.waitUntil;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.hotcore.explorer.core.Bytes;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.CommandGuard;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.Progress;
import org.hotcore.explorer.core.RedisConnection;
import org.hotcore.explorer.core.RedisSettings;
import org.hotcore.explorer.server.LocalRedisServer;
import org.hotcore.explorer.ui.view.TreeEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Tests a Load more row that is the last row of the whole tree: that of root's only child, which has two pages. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class LastRowLoadMoreTest {

    private static final int CHILDREN = 260;

    private LocalRedisServer server;
    private ExplorerTestSupport explorer;

    @Start
    void start(Stage stage) throws IOException {
        server = LocalRedisServer.builder().start();
        try (RedisConnection connection = new RedisConnection(RedisSettings.parse(server.url()).build(),
                new CommandGuard(CommandGuard.DEFAULT_LIMIT))) {
            List<HotcoreStore.NewEntity> entities = new ArrayList<>();
            entities.add(HotcoreStore.NewEntity.under(HotcoreStore.ROOT, Map.of(Bytes.utf8("name"),
                    Bytes.utf8("Last"))));
            for (int i = 0; i < CHILDREN; i++) {
                entities.add(HotcoreStore.NewEntity.underNew(0, Map.of(Bytes.utf8("name"), Bytes.utf8("Item " + i))));
            }
            new HotcoreStore(connection).createAll(entities, Progress.NONE, Cancellation.NEVER);
        }
        explorer = ExplorerTestSupport.open(stage, server.url());
    }

    @AfterEach
    void close() {
        explorer.close();
        server.close();
    }

    @Test
    void lastRowLoadsTheRest(FxRobot robot) {
        explorer.expand(robot, "root");
        TreeItem<TreeEntry> last = explorer.expand(robot, "Last");
        assertThat(fx(() -> last.getChildren().size())).isEqualTo(251);

        robot.clickOn(explorer.loadMoreCell(robot, last));

        waitUntil("the second page is in", () -> !node(last).isLoading() && last.getChildren().size() == CHILDREN);
        assertThat(fx(() -> last.getChildren().getLast().getValue())).isInstanceOf(TreeEntry.Entity.class);
    }
}
