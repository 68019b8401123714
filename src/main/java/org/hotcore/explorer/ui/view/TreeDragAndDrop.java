package org.hotcore.explorer.ui.view;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.util.Duration;
import org.hotcore.explorer.ui.model.EntityNode;
import org.hotcore.explorer.ui.model.MoveController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves entities by drag and drop between tree rows. A drag takes the selected entities, or the row under the mouse
 * when it is not selected. A row that cannot take them accepts no transfer mode and shows {@code :drop-rejected}, and
 * a drop hands the move to the {@link MoveController}. Near the top or bottom edge the tree scrolls; resting over a
 * collapsed row expands it. While the tree scrolls under a still mouse no row counts as rested on, so rows passing under
 * the mouse stay collapsed.
 */
final class TreeDragAndDrop {

    private static final Logger log = LoggerFactory.getLogger(TreeDragAndDrop.class);

    /** The uuids of the dragged entities, one per line. */
    static final DataFormat UUIDS = DataFormat.lookupMimeType("application/x-hotcore-uuids") != null
            ? DataFormat.lookupMimeType("application/x-hotcore-uuids")
            : new DataFormat("application/x-hotcore-uuids");

    /** Height of the band at the top and bottom edge where a drag scrolls. */
    static final double EDGE = 24;
    /** Pixels scrolled per step of the edge scroll. */
    private static final double SCROLL_STEP = 12;
    /** How long a drag rests over a collapsed row before it expands. */
    static final Duration EXPAND_DELAY = Duration.millis(700);

    private final TreeView<TreeEntry> tree;
    private final MoveController moves;
    private final Consumer<List<String>> onMoved;
    private final Timeline autoscroll = new Timeline();
    private final PauseTransition expandTimer = new PauseTransition(EXPAND_DELAY);
    private List<EntityNode> dragged = List.of();
    private double scrollDirection;
    private TreeItem<TreeEntry> hovered;
    private TreeCell<TreeEntry> hoveredCell;

    TreeDragAndDrop(TreeView<TreeEntry> tree, MoveController moves, Consumer<List<String>> onMoved) {
        this.tree = tree;
        this.moves = moves;
        this.onMoved = onMoved;
        autoscroll.getKeyFrames().add(new KeyFrame(Duration.millis(40), event -> scrollStep()));
        autoscroll.setCycleCount(Animation.INDEFINITE);
        expandTimer.setOnFinished(event -> {
            if (hovered != null && !hovered.isLeaf() && !hovered.isExpanded()) {
                hovered.setExpanded(true);
            }
        });
        tree.addEventFilter(DragEvent.DRAG_OVER, event -> edgeScroll(event.getY()));
        tree.addEventHandler(DragEvent.DRAG_EXITED, event -> stopTimers());
        tree.addEventHandler(DragEvent.DRAG_DONE, event -> {
            stopTimers();
            dragged = List.of();
        });
    }

    /** Returns the entities of the drag under way; empty when none. */
    List<EntityNode> dragged() {
        return dragged;
    }

    /** Adds the drag source and drop target handlers to a row. */
    void install(TreeCell<TreeEntry> cell) {
        cell.addEventHandler(MouseEvent.DRAG_DETECTED, event -> dragDetected(cell, event));
        cell.addEventHandler(DragEvent.DRAG_OVER, event -> dragOver(cell, event));
        cell.addEventHandler(DragEvent.DRAG_ENTERED, event -> dragEntered(cell, event));
        cell.addEventHandler(DragEvent.DRAG_EXITED, event -> clearMarks(cell));
        cell.addEventHandler(DragEvent.DRAG_DROPPED, event -> dropped(cell, event));
    }

    private static EntityNode nodeOf(TreeCell<TreeEntry> cell) {
        return !cell.isEmpty() && cell.getItem() instanceof TreeEntry.Entity(EntityNode node) ? node : null;
    }

    private void dragDetected(TreeCell<TreeEntry> cell, MouseEvent event) {
        EntityNode node = nodeOf(cell);
        if (!MoveController.canMove(node)) {
            return;
        }
        List<EntityNode> selected = new ArrayList<>();
        for (TreeItem<TreeEntry> item : tree.getSelectionModel().getSelectedItems()) {
            if (item != null && item.getValue() instanceof TreeEntry.Entity(EntityNode chosen)) {
                selected.add(chosen);
            }
        }
        List<EntityNode> nodes = selected.contains(node) ? MoveController.movable(selected) : List.of(node);
        if (nodes.isEmpty()) {
            return;
        }
        dragged = nodes;
        Dragboard board = cell.startDragAndDrop(TransferMode.MOVE);
        ClipboardContent content = new ClipboardContent();
        content.put(UUIDS, String.join("\n", nodes.stream().map(EntityNode::getId).toList()));
        board.setContent(content);
        log.debug("Dragging {}", nodes);
        event.consume();
    }

    private boolean accepts(TreeCell<TreeEntry> cell, DragEvent event) {
        return !dragged.isEmpty() && event.getDragboard().hasContent(UUIDS)
                && MoveController.isValidTarget(dragged, nodeOf(cell));
    }

    private void dragOver(TreeCell<TreeEntry> cell, DragEvent event) {
        if (dragged.isEmpty()) {
            return;
        }
        if (accepts(cell, event)) {
            event.acceptTransferModes(TransferMode.MOVE);
        }
        event.consume();
    }

    private void dragEntered(TreeCell<TreeEntry> cell, DragEvent event) {
        if (dragged.isEmpty() || nodeOf(cell) == null) {
            return;
        }
        boolean valid = accepts(cell, event);
        cell.pseudoClassStateChanged(StyleClasses.DROP_TARGET, valid);
        cell.pseudoClassStateChanged(StyleClasses.DROP_REJECTED, !valid);
        hovered = cell.getTreeItem();
        hoveredCell = cell;
        expandTimer.playFromStart();
    }

    private void clearMarks(TreeCell<TreeEntry> cell) {
        cell.pseudoClassStateChanged(StyleClasses.DROP_TARGET, false);
        cell.pseudoClassStateChanged(StyleClasses.DROP_REJECTED, false);
        if (hoveredCell == cell) {
            hoveredCell = null;
        }
        if (hovered == cell.getTreeItem()) {
            hovered = null;
            expandTimer.stop();
        }
    }

    private void dropped(TreeCell<TreeEntry> cell, DragEvent event) {
        boolean valid = accepts(cell, event);
        if (valid) {
            moves.move(dragged, nodeOf(cell), onMoved);
        }
        clearMarks(cell);
        event.setDropCompleted(valid);
        event.consume();
    }

    private void edgeScroll(double y) {
        if (dragged.isEmpty()) {
            return;
        }
        double height = tree.getHeight();
        if (y < EDGE) {
            scrollDirection = -1;
        } else if (y > height - EDGE) {
            scrollDirection = 1;
        } else {
            scrollDirection = 0;
        }
        if (scrollDirection != 0 && autoscroll.getStatus() != Animation.Status.RUNNING) {
            autoscroll.play();
        } else if (scrollDirection == 0) {
            autoscroll.stop();
        }
    }

    private void scrollStep() {
        if (tree.lookup(".virtual-flow") instanceof VirtualFlow<?> flow
                && flow.scrollPixels(scrollDirection * SCROLL_STEP) != 0) {
            // The rows moved under the mouse: the marked row is no longer the one under it, and none is rested on
            // until the mouse moves again.
            if (hoveredCell != null) {
                clearMarks(hoveredCell);
            }
            expandTimer.stop();
            hovered = null;
        }
    }

    private void stopTimers() {
        autoscroll.stop();
        expandTimer.stop();
        hovered = null;
        hoveredCell = null;
    }
}
