package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fxRun;
import static org.hotcore.explorer.ui.ExplorerTestSupport.node;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.testing.RedisTestServer;
import org.hotcore.explorer.ui.model.DetailsModel;
import org.hotcore.explorer.ui.model.SearchModel;
import org.hotcore.explorer.ui.model.TreeModel;
import org.hotcore.explorer.ui.view.Banners;
import org.hotcore.explorer.ui.view.DetailsPane;
import org.hotcore.explorer.ui.view.FocusBar;
import org.hotcore.explorer.ui.view.SearchPane;
import org.hotcore.explorer.ui.view.StyleClasses;
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
import redis.clients.jedis.Pipeline;

/**
 * A chain 100,000 entities deep. Searching the deepest entity focuses the tree on an ancestor a few levels above it
 * and selects it there, while the FX thread stays free. The focus bar moves the focus up and back to the full tree,
 * and "Focus here" focuses the tree on a row.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class DeepRevealTest {

    private static final int DEPTH = 100_000;
    private static final int COMMANDS_PER_SYNC = 2_000;

    private ExplorerTestSupport explorer;
    private String[] chain;

    @Start
    void start(Stage stage) {
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.flushAll();
            chain = writeChain(jedis, HotcoreStore.ROOT, DEPTH);
        }
        explorer = ExplorerTestSupport.open(stage, RedisTestServer.url());
    }

    @AfterEach
    void closeWindow() {
        explorer.close();
    }

    /**
     * Writes a chain of {@code depth} entities named {@code level-<n>}, each the child of the one before, with
     * pipelined commands in the hotcore layout: hash, parent pointer, children set and one index set per attribute.
     */
    private static String[] writeChain(Jedis jedis, String topParentId, int depth) {
        String[] ids = new String[depth];
        Pipeline pipeline = jedis.pipelined();
        int queued = 0;
        String parent = topParentId;
        for (int level = 0; level < depth; level++) {
            String id = UUID.randomUUID().toString();
            String name = "level-" + level;
            pipeline.hset("e:" + id, Map.of("name", name, "type", "node"));
            pipeline.set("p:" + id, parent);
            pipeline.sadd("c:" + parent, id);
            pipeline.sadd("i:name:" + name, id);
            pipeline.sadd("i:type:node", id);
            queued += 5;
            if (queued >= COMMANDS_PER_SYNC) {
                pipeline.sync();
                queued = 0;
            }
            ids[level] = id;
            parent = id;
        }
        pipeline.sync();
        return ids;
    }

    @Test
    void deepSearchResultFocusesTree(FxRobot robot) {
        String deepest = chain[DEPTH - 1];
        explorer.awaitItem(robot, "root");
        TreeView<TreeEntry> tree = explorer.tree(robot);
        FxProbe probe = FxProbe.start();

        robot.clickOn("#" + SearchPane.FIELD_ID);
        robot.write("name=level-" + (DEPTH - 1)).type(KeyCode.ENTER);
        @SuppressWarnings("unchecked")
        ListView<SearchModel.Hit> results = robot.lookup("#" + SearchPane.RESULTS_ID).queryAs(ListView.class);
        waitFor(20, "one result", () -> results.getItems().size() == 1 && !explorer.model.search().isSearching());
        long started = System.nanoTime();
        robot.clickOn(robot.lookup("#" + SearchPane.RESULTS_ID + " .list-cell").nth(0).queryLabeled());

        waitFor(60, "the deepest entity is selected", () -> selectedId(tree).equals(deepest));
        long revealMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        waitFor(60, "the details show the deepest entity", () -> deepest.equals(explorer.model.details().getId())
                && !explorer.model.details().isLoading() && !explorer.model.details().getPath().isEmpty());
        long detailsMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        probe.stop();
        System.out.printf("reveal %d ms, details %d ms, longest wait of the FX thread %d ms%n", revealMillis,
                detailsMillis, probe.longestStallMillis());

        // The tree is focused on the ancestor FOCUS_MARGIN levels up, so it contains a few rows, not 100,000 levels.
        int focusDepth = DEPTH - TreeModel.FOCUS_MARGIN;
        TreeModel.Focus focus = fx(() -> explorer.model.tree().getFocus());
        assertThat(focus).isNotNull();
        assertThat(focus.node().getId()).isEqualTo(chain[focusDepth - 1]);
        assertThat(focus.depth()).isEqualTo(focusDepth);
        assertThat(focus.topLevelId()).isEqualTo(HotcoreStore.ROOT);
        assertThat(fx(() -> node(tree.getRoot()))).isSameAs(focus.node());
        assertThat(fx(() -> tree.getRow(tree.getSelectionModel().getSelectedItem())))
                .isEqualTo(TreeModel.FOCUS_MARGIN);
        assertThat(fx(() -> explorer.model.tree().size())).isLessThan(100);
        HBox bar = robot.lookup("#" + FocusBar.BAR_ID).queryAs(HBox.class);
        assertThat(bar.isVisible()).isTrue();
        assertThat(robot.lookup("#" + FocusBar.LABEL_ID).queryAs(Label.class).getText())
                .isEqualTo("Focused on level-" + (focusDepth - 1) + " (1), level 99,980 below root");

        // The row is laid out in the visible part of the tree, and the details show the entity.
        TreeItem<TreeEntry> selected = fx(() -> tree.getSelectionModel().getSelectedItem());
        Node cell = explorer.cell(robot, selected);
        assertThat(fx(() -> cell.isVisible() && tree.localToScreen(tree.getBoundsInLocal())
                .contains(cell.localToScreen(cell.getBoundsInLocal())))).isTrue();
        assertThat(robot.lookup("#" + DetailsPane.UUID_FIELD_ID).queryTextInputControl().getText())
                .isEqualTo(deepest);
        FlowPane breadcrumb = robot.lookup("#" + DetailsPane.BREADCRUMB_ID).queryAs(FlowPane.class);
        assertThat(fx(() -> breadcrumb.getChildren().stream().filter(node -> !node.getStyleClass()
                .contains(StyleClasses.BREADCRUMB_SEPARATOR)).map(node -> ((Labeled) node).getText()).toList()))
                .hasSize(DetailsModel.PATH_STEPS + 2)
                .startsWith("root", "99,990 levels")
                .endsWith("level-" + (DEPTH - 2), "level-" + (DEPTH - 1));
        assertThat(robot.lookup("#" + Banners.ERROR_BANNER_ID).queryAs(HBox.class).isVisible()).isFalse();
        assertThat(probe.longestStallMillis()).isLessThan(2_000);
        explorer.snapshot("deep-reveal");

        // Up moves the focus to the parent and keeps the selection.
        robot.clickOn("#" + FocusBar.UP_ID);
        waitFor(20, "the focus is one level up", () -> explorer.model.tree().getFocus() != null
                && explorer.model.tree().getFocus().depth() == focusDepth - 1);
        waitFor(20, "the deepest entity is selected again", () -> selectedId(tree).equals(deepest));
        assertThat(fx(() -> node(tree.getRoot()).getId())).isEqualTo(chain[focusDepth - 2]);
        assertThat(fx(() -> tree.getRow(tree.getSelectionModel().getSelectedItem())))
                .isEqualTo(TreeModel.FOCUS_MARGIN + 1);
        assertThat(robot.lookup("#" + FocusBar.LABEL_ID).queryAs(Label.class).getText())
                .isEqualTo("Focused on level-" + (focusDepth - 2) + " (1), level 99,979 below root");

        // Full tree shows the top-level ids again and drops the nodes loaded for the focus.
        robot.clickOn("#" + FocusBar.FULL_TREE_ID);
        waitFor(20, "the full tree shows", () -> explorer.model.tree().getFocus() == null
                && !tree.isShowRoot() && node(tree.getRoot().getChildren().getFirst()).getId()
                .equals(HotcoreStore.ROOT));
        assertThat(bar.isVisible()).isFalse();
        assertThat(fx(() -> explorer.model.tree().size())).isEqualTo(1);
        assertThat(fx(() -> explorer.model.tree().node(deepest))).isNull();

        // An entity a few levels down opens in the full tree, without a focus.
        fxRun(() -> explorer.window.reveal(chain[4]));
        waitFor(20, "level-4 is selected", () -> selectedId(tree).equals(chain[4]));
        assertThat(fx(() -> explorer.model.tree().getFocus())).isNull();
        assertThat(fx(() -> tree.getRow(tree.getSelectionModel().getSelectedItem()))).isEqualTo(5);

        // Focus here makes the selected row the tree's top; Full tree shows it in the full tree again.
        robot.rightClickOn(explorer.cell(robot, fx(() -> tree.getSelectionModel().getSelectedItem())));
        ContextMenu menu = fx(() -> tree.getContextMenu());
        MenuItem focusHere = fx(() -> menu.getItems().stream()
                .filter(item -> TreeActions.FOCUS_HERE_ID.equals(item.getId())).findFirst().orElseThrow());
        try {
            WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, menu::isShowing);
            assertThat(fx(focusHere::isDisable)).isFalse();
            robot.clickOn("Focus here");
        } catch (TimeoutException e) {
            // The context menu did not open under this robot: fire its item, as a click on it would.
            robot.type(KeyCode.ESCAPE);
            fxRun(focusHere::fire);
        }
        waitFor(20, "the tree is focused on level-4", () -> explorer.model.tree().getFocus() != null
                && node(tree.getRoot()).getId().equals(chain[4]) && selectedId(tree).equals(chain[4]));
        assertThat(robot.lookup("#" + FocusBar.LABEL_ID).queryAs(Label.class).getText())
                .isEqualTo("Focused on level-4 (1), level 5 below root");
        robot.clickOn("#" + FocusBar.FULL_TREE_ID);
        waitFor(20, "the full tree shows level-4 selected", () -> explorer.model.tree().getFocus() == null
                && selectedId(tree).equals(chain[4]) && tree.getRow(tree.getSelectionModel().getSelectedItem()) == 5);
        assertThat(robot.lookup("#" + Banners.ERROR_BANNER_ID).queryAs(HBox.class).isVisible()).isFalse();
    }

    private static String selectedId(TreeView<TreeEntry> tree) {
        TreeItem<TreeEntry> selected = tree.getSelectionModel().getSelectedItem();
        return selected != null && node(selected) != null ? node(selected).getId() : "";
    }

    /** Waits up to {@code seconds} until {@code condition}, evaluated on the FX thread, holds. */
    private static void waitFor(long seconds, String description, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + description, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Posts a task to the FX thread every 20 ms from a daemon thread and records the longest wait for it to run. */
    static final class FxProbe {
        private final AtomicLong longest = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread;

        private FxProbe() {
            thread = Thread.ofPlatform().daemon().name("fx-probe").start(this::run);
        }

        static FxProbe start() {
            return new FxProbe();
        }

        private void run() {
            while (running) {
                long posted = System.nanoTime();
                CountDownLatch ran = new CountDownLatch(1);
                Platform.runLater(ran::countDown);
                try {
                    ran.await();
                    longest.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - posted), Math::max);
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() {
            running = false;
        }

        long longestStallMillis() {
            return longest.get();
        }
    }
}
