package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;
import static org.hotcore.explorer.ui.ExplorerTestSupport.node;
import static org.hotcore.explorer.ui.ExplorerTestSupport.waitUntil;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.IntegrityCheck;
import org.hotcore.explorer.core.Progress;
import org.hotcore.explorer.testing.RedisTestServer;
import org.hotcore.explorer.ui.view.IntegrityWindow;
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
 * Tools › Check integrity on damaged data: the violations are listed, a row reveals its entity, and Repair fixes the
 * data in Redis, after which the check runs again and finds it valid. The tree: root › Alpha › (A1, A2).
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class IntegrityWindowTest {

    private ExplorerTestSupport explorer;
    private String alpha;
    private String a1;
    private String a2;

    @Start
    void start(Stage stage) {
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.flushAll();
        }
        TreeFixtures.fill(RedisTestServer.url(), store -> {
            alpha = TreeFixtures.create(store, HotcoreStore.ROOT, "Alpha");
            a1 = TreeFixtures.create(store, alpha, "A1");
            a2 = TreeFixtures.create(store, alpha, "A2");
        });
        try (Jedis jedis = RedisTestServer.jedis()) {
            // A1 is left out of its parent's children set, as the reference library's delete leaves children.
            jedis.srem("c:" + alpha, a1);
            // A stale index member: A2 is not named "Gone".
            jedis.sadd("i:name:Gone", a2);
        }
        explorer = ExplorerTestSupport.open(stage, RedisTestServer.url());
    }

    @AfterEach
    void closeWindow() {
        explorer.close();
    }

    @Test
    void checkListsViolationsRevealsAndRepairs(FxRobot robot) throws IOException {
        explorer.awaitItem(robot, "root");
        robot.clickOn("Tools");
        robot.clickOn("Check integrity…");

        waitUntil("the check window lists two problems", () -> explorer.window.integrityWindow() != null
                && explorer.model.integrity().getReport() != null
                && explorer.window.integrityWindow().table().getItems().size() == 2);
        IntegrityWindow window = explorer.window.integrityWindow();
        assertThat(fx(() -> window.table().getItems().stream().map(v -> v.kind().label()).sorted().toList()))
                .containsExactly("index-stale", "not-listed-by-parent");
        assertThat(robot.lookup("#" + IntegrityWindow.SUMMARY_ID).queryLabeled().getText()).startsWith("2 problems");
        assertThat(fx(() -> explorer.model.jobs().getJobs().getFirst().getTitle())).isEqualTo("Check integrity");
        saveSnapshot(window.stage(), "integrity-check");

        // Double-click on the not-listed-by-parent row reveals Alpha: the tree cannot list A1 under it.
        int a1Row = fx(() -> indexOf(window.table(), "not-listed-by-parent"));
        robot.doubleClickOn(row(robot, window.table(), a1Row));
        waitUntil("Alpha is selected in the tree", () -> {
            var selected = explorer.tree(robot).getSelectionModel().getSelectedItem();
            return selected != null && alpha.equals(node(selected).getId());
        });

        // Enter on the index-stale row reveals A2.
        int a2Row = fx(() -> indexOf(window.table(), "index-stale"));
        robot.clickOn(row(robot, window.table(), a2Row)).type(KeyCode.ENTER);
        waitUntil("A2 is selected in the tree", () -> {
            var selected = explorer.tree(robot).getSelectionModel().getSelectedItem();
            return selected != null && a2.equals(node(selected).getId());
        });

        robot.clickOn("#" + IntegrityWindow.REPAIR_ID);
        waitUntil("the check after the repair is valid", () -> explorer.model.integrity().getReport() != null
                && explorer.model.integrity().getReport().valid() && !explorer.model.integrity().isRunning());
        assertThat(robot.lookup("#" + IntegrityWindow.SUMMARY_ID).queryLabeled().getText()).startsWith("Valid");
        List<String> changes = fx(() -> List.copyOf(explorer.model.integrity().getChanges()));
        assertThat(changes).anyMatch(line -> line.startsWith("fixed not-listed-by-parent"))
                .anyMatch(line -> line.startsWith("fixed index-stale"));
        assertThat(fx(() -> window.table().getItems().isEmpty())).isTrue();
        saveSnapshot(window.stage(), "integrity-repaired");

        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(jedis.sismember("c:" + alpha, a1)).isTrue();
            assertThat(jedis.sismember("i:name:Gone", a2)).isFalse();
        }
        assertThat(IntegrityCheck.run(explorer.store, Progress.NONE, Cancellation.NEVER).valid()).isTrue();
        // The tree was read again after the repair, so A1 is listed under Alpha now.
        ExplorerTestSupport.fxRun(window.stage()::close);
        explorer.expand(robot, "Alpha");
        explorer.awaitItem(robot, "A1");
    }

    private static int indexOf(TableView<IntegrityCheck.Violation> table, String kind) {
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).kind().label().equals(kind)) {
                return i;
            }
        }
        throw new AssertionError("no row of kind " + kind);
    }

    private static Node row(FxRobot robot, TableView<?> table, int index) {
        return robot.from(table).lookup(".table-row-cell").match(node -> node instanceof TableRow<?> row
                && row.getIndex() == index && !row.isEmpty()).query();
    }

    /** Saves a PNG of {@code stage} to the folder named by {@value ExplorerTestSupport#SNAPSHOT_PROPERTY}, if set. */
    private static void saveSnapshot(Stage stage, String name) throws IOException {
        String folder = System.getProperty(ExplorerTestSupport.SNAPSHOT_PROPERTY);
        if (folder == null) {
            return;
        }
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        BufferedImage png = new BufferedImage((int) image.getWidth(), (int) image.getHeight(),
                BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                png.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        Files.createDirectories(Path.of(folder));
        ImageIO.write(png, "png", Path.of(folder, name + ".png").toFile());
    }
}
