package org.hotcore.explorer.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.TreeCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.hotcore.explorer.core.CommandGuard;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.RedisConnection;
import org.hotcore.explorer.core.RedisSettings;
import org.hotcore.explorer.ui.model.EntityNode;
import org.hotcore.explorer.ui.model.ExplorerModel;
import org.hotcore.explorer.ui.view.ExplorerWindow;
import org.hotcore.explorer.ui.view.StyleClasses;
import org.hotcore.explorer.ui.view.TreeEntry;
import org.hotcore.explorer.ui.view.TreePane;
import org.hotcore.explorer.ui.view.WindowPreferences;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Opens the explorer window on a test server and offers the waits and look-ups the UI tests share. */
final class ExplorerTestSupport {

    static final long TIMEOUT_SECONDS = 20;
    static final String SNAPSHOT_PROPERTY = "hotcore.ui.snapshots";

    final ExplorerModel model;
    final ExplorerWindow window;
    final HotcoreStore store;
    final WindowPreferences preferences;

    private ExplorerTestSupport(ExplorerModel model, ExplorerWindow window, HotcoreStore store,
                                WindowPreferences preferences) {
        this.model = model;
        this.window = window;
        this.store = store;
        this.preferences = preferences;
    }

    /** Opens the window on {@code url} in {@code stage}; call from a TestFX {@code @Start} method. */
    static ExplorerTestSupport open(Stage stage, String url) {
        HotcoreStore store = new HotcoreStore(new RedisConnection(RedisSettings.parse(url).readTimeoutMillis(5_000)
                .connectTimeoutMillis(2_000).build(), new CommandGuard(CommandGuard.DEFAULT_LIMIT)));
        ExplorerModel model = new ExplorerModel();
        WindowPreferences preferences = WindowPreferences.inMemory();
        ExplorerWindow window = new ExplorerWindow(stage, model, preferences);
        model.connect(store, true, false);
        window.show();
        return new ExplorerTestSupport(model, window, store, preferences);
    }

    static <T> T fx(Callable<T> action) {
        try {
            return WaitForAsyncUtils.asyncFx(action).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("FX action failed", e);
        }
    }

    static void fxRun(Runnable action) {
        fx(() -> {
            action.run();
            return null;
        });
    }

    /** Waits until {@code condition}, evaluated on the FX thread, holds. */
    static void waitUntil(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    TreeView<TreeEntry> tree(FxRobot robot) {
        return robot.lookup("#" + TreePane.TREE_ID).queryAs(TreeView.class);
    }

    /** Returns every tree item below the hidden root, depth first. */
    List<TreeItem<TreeEntry>> items(FxRobot robot) {
        TreeView<TreeEntry> tree = tree(robot);
        return fx(() -> {
            List<TreeItem<TreeEntry>> all = new ArrayList<>();
            ArrayDeque<TreeItem<TreeEntry>> stack = new ArrayDeque<>();
            tree.getRoot().getChildren().reversed().forEach(stack::push);
            while (!stack.isEmpty()) {
                TreeItem<TreeEntry> item = stack.pop();
                all.add(item);
                item.getChildren().reversed().forEach(stack::push);
            }
            return all;
        });
    }

    static EntityNode node(TreeItem<TreeEntry> item) {
        return item.getValue() instanceof TreeEntry.Entity(EntityNode node) ? node : null;
    }

    /** Returns the item whose entity's name (or id) is {@code name}, or null. */
    TreeItem<TreeEntry> item(FxRobot robot, String name) {
        for (TreeItem<TreeEntry> item : items(robot)) {
            EntityNode node = node(item);
            if (node != null && name.equals(node.getName() != null ? node.getName() : node.getId())) {
                return item;
            }
        }
        return null;
    }

    /** Waits until the tree shows an item named {@code name} and returns it. */
    TreeItem<TreeEntry> awaitItem(FxRobot robot, String name) {
        waitUntil("the tree shows " + name, () -> item(robot, name) != null);
        return item(robot, name);
    }

    /** Returns the visible cell showing {@code item}. */
    Node cell(FxRobot robot, TreeItem<TreeEntry> item) {
        String text = fx(() -> {
            EntityNode node = node(item);
            return node != null ? node.labelBinding().get() : null;
        });
        fxRun(() -> {
            TreeView<TreeEntry> tree = tree(robot);
            tree.scrollTo(Math.max(0, tree.getRow(item) - 2));
        });
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil("the row of " + text + " is laid out", () -> robot.lookup(".entity-cell")
                .match(node -> node instanceof Labeled labeled && text.equals(labeled.getText())).tryQuery()
                .isPresent());
        return robot.lookup(".entity-cell").match(node -> node instanceof Labeled labeled
                && text.equals(labeled.getText())).query();
    }

    /** Clicks the row of {@code name}. */
    TreeItem<TreeEntry> select(FxRobot robot, String name) {
        TreeItem<TreeEntry> item = awaitItem(robot, name);
        robot.clickOn(cell(robot, item));
        waitUntil(name + " is selected", () -> tree(robot).getSelectionModel().getSelectedItem() == item);
        return item;
    }

    /** Selects the row of {@code name}, presses the right arrow and waits until its first page is in. */
    TreeItem<TreeEntry> expand(FxRobot robot, String name) {
        TreeItem<TreeEntry> item = select(robot, name);
        robot.type(KeyCode.RIGHT);
        waitUntil(name + " is expanded and loaded", () -> item.isExpanded() && !node(item).isLoading()
                && !item.getChildren().isEmpty());
        return item;
    }

    /** Scrolls to the "Load more" row below {@code parent} and returns its cell. */
    Labeled loadMoreCell(FxRobot robot, TreeItem<TreeEntry> parent) {
        fxRun(() -> {
            // The flow's own scrollTo shows the row whole, also when it is the tree's last row.
            TreeView<TreeEntry> tree = tree(robot);
            ((VirtualFlow<?>) tree.lookup(".virtual-flow")).scrollTo(tree.getRow(parent.getChildren().getLast()));
        });
        WaitForAsyncUtils.waitForFxEvents();
        // The cell exists only after the layout pass that follows the scroll, which a loaded machine can delay.
        waitUntil("the Load more row is laid out", () -> loadMoreLookup(robot, parent).tryQuery().isPresent());
        return loadMoreLookup(robot, parent).queryAs(Labeled.class);
    }

    private static org.testfx.service.query.NodeQuery loadMoreLookup(FxRobot robot, TreeItem<TreeEntry> parent) {
        return robot.lookup(".entity-cell").match(node -> node instanceof Labeled labeled
                && node.getPseudoClassStates().contains(StyleClasses.LOAD_MORE)
                && labeled.getParent() != null && ((TreeCell<?>) labeled).getTreeItem()
                == parent.getChildren().getLast());
    }

    /**
     * Saves a PNG of the window to the folder named by the system property {@value #SNAPSHOT_PROPERTY}; does nothing
     * when it is not set.
     */
    void snapshot(String name) {
        String folder = System.getProperty(SNAPSHOT_PROPERTY);
        if (folder == null) {
            return;
        }
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = fx(() -> window.stage().getScene().snapshot(null));
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        try {
            Files.createDirectories(Path.of(folder));
            ImageIO.write(png, "png", Path.of(folder, name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close() {
        fxRun(model::close);
    }
}
