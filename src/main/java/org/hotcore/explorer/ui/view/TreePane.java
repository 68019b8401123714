package org.hotcore.explorer.ui.view;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.FocusModel;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import org.hotcore.explorer.ui.model.EntityNode;
import org.hotcore.explorer.ui.model.MoveController;
import org.hotcore.explorer.ui.model.TreeModel;

/**
 * The entity tree: a {@link TreeView} bound to the {@link TreeModel}. Expanding a node loads its first page,
 * the "Load more" row loads the next one, and selecting a row reports the id to {@code onSelect}. Several rows can be
 * selected, for a drag that moves them together. While the model has a focus, the focused entity is the tree's top
 * row instead of the top-level ids.
 */
public final class TreePane {

    public static final String TREE_ID = "entityTree";
    /** Rows added in one change from which the focus is lifted during the change. */
    private static final int BULK_ROWS = 16;

    private final TreeModel model;
    private final TreeView<TreeEntry> tree = new TreeView<>();
    private final EntityTreeItem root;
    /** The item of the focused entity while the model has a focus, shown as the tree's root; null otherwise. */
    private EntityTreeItem focusItem;
    private Runnable onDeleted = () -> { };
    private Consumer<EntityNode> onDeleteSubtree = node -> { };
    private Runnable onEscape = () -> { };
    private TreeDragAndDrop dragAndDrop;
    private final EntityTreeItem.Host itemHost = new EntityTreeItem.Host() {
        @Override
        public void expanded(EntityNode node) {
            if (!node.isChildrenRequested()) {
                model.loadNextPage(node, () -> { });
            }
        }

        @Override
        public void addRows(int rows, Runnable change) {
            addRowsKeepingFocus(rows, change);
        }
    };

    /**
     * Creates the tree.
     *
     * @param onSelect receives the selected id and whether it is a top-level id; null and false when nothing is
     *                 selected
     */
    public TreePane(TreeModel model, BiConsumer<String, Boolean> onSelect) {
        this.model = model;
        root = EntityTreeItem.root(model.getTopLevel(), itemHost);
        root.setExpanded(true);
        tree.setId(TREE_ID);
        tree.getStyleClass().add(StyleClasses.ENTITY_TREE);
        tree.setRoot(root);
        tree.setShowRoot(false);
        tree.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        tree.setCellFactory(view -> createCell());
        model.focusProperty().subscribe(this::showFocus);
        tree.getSelectionModel().selectedItemProperty().subscribe(item -> {
            if (item != null && item.getValue() instanceof TreeEntry.Entity(EntityNode node)) {
                onSelect.accept(node.getId(), node.isTopLevel());
            } else if (item == null) {
                onSelect.accept(null, false);
            }
        });
        tree.setOnKeyPressed(event -> {
            TreeItem<TreeEntry> item = tree.getSelectionModel().getSelectedItem();
            if (event.getCode() == KeyCode.ENTER && item != null
                    && item.getValue() instanceof TreeEntry.LoadMore(EntityNode parent)) {
                loadMore(parent);
                event.consume();
            } else if (event.getCode() == KeyCode.DELETE) {
                // Delete keeps the children and Shift+Delete takes the subtree, as in the context menu.
                selectedNode().filter(node -> !node.isTopLevel()).ifPresent(node -> {
                    if (event.isShiftDown()) {
                        onDeleteSubtree.accept(node);
                    } else {
                        confirmDeleteLifting(node);
                    }
                });
                event.consume();
            } else if (event.getCode() == KeyCode.ESCAPE) {
                onEscape.run();
            }
        });
    }

    private EntityTreeCell createCell() {
        EntityTreeCell cell = new EntityTreeCell(this::loadMore);
        if (dragAndDrop != null) {
            dragAndDrop.install(cell);
        }
        return cell;
    }

    /** Lets rows be dragged onto other rows to move entities; {@code onMoved} gets the ids moved. */
    public void enableDragAndDrop(MoveController moves, Consumer<List<String>> onMoved) {
        dragAndDrop = new TreeDragAndDrop(tree, moves, onMoved);
        tree.setCellFactory(view -> createCell());
    }

    /** Sets what runs after a delete that keeps the children succeeded, such as a refresh of the expanded nodes. */
    public void setOnDeleted(Runnable action) {
        onDeleted = action;
    }

    /** Sets what Shift+Delete on an entity row does. */
    public void setOnDeleteSubtree(Consumer<EntityNode> action) {
        onDeleteSubtree = action;
    }

    /** Sets what Escape in the tree does. */
    public void setOnEscape(Runnable action) {
        onEscape = action;
    }

    /** Returns the node of the focused selected row, when it is an entity or a top-level id. */
    public Optional<EntityNode> selectedNode() {
        TreeItem<TreeEntry> item = tree.getSelectionModel().getSelectedItem();
        return item != null && item.getValue() instanceof TreeEntry.Entity(EntityNode node) ? Optional.of(node)
                : Optional.empty();
    }

    /** Returns the nodes of every selected row, in selection order. */
    public List<EntityNode> selectedNodes() {
        List<EntityNode> nodes = new ArrayList<>();
        for (TreeItem<TreeEntry> item : tree.getSelectionModel().getSelectedItems()) {
            if (item != null && item.getValue() instanceof TreeEntry.Entity(EntityNode node)) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    /** Asks for confirmation, then deletes {@code node} and lifts its children to its parent. */
    public void confirmDeleteLifting(EntityNode node) {
        if (node.isDeleting()) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        confirm.initOwner(tree.getScene().getWindow());
        confirm.setTitle("Delete");
        confirm.setHeaderText("Delete " + node.labelBinding().get() + "?");
        confirm.setContentText("The entity is deleted; its " + node.getChildCount() + " children move to its parent.");
        confirm.showAndWait()
                .filter(button -> button == ButtonType.OK)
                .ifPresent(button -> model.delete(node, false, onDeleted));
    }

    public TreeView<TreeEntry> view() {
        return tree;
    }

    /**
     * Adds rows with the focus lifted and put back on the same item after. With a focused row, the tree's focus
     * model finds the row of every added item by walking the siblings before it. That costs the square of the rows
     * added, several milliseconds of the FX thread for one page of 250 rows.
     */
    private void addRowsKeepingFocus(int rows, Runnable change) {
        FocusModel<TreeItem<TreeEntry>> focusModel = tree.getFocusModel();
        TreeItem<TreeEntry> focused = focusModel == null ? null : focusModel.getFocusedItem();
        if (focused == null || rows < BULK_ROWS) {
            change.run();
            return;
        }
        focusModel.focus(-1);
        try {
            change.run();
        } finally {
            focusModel.focus(tree.getRow(focused));
        }
    }

    private void loadMore(EntityNode parent) {
        model.loadNextPage(parent, () -> { });
    }

    /**
     * Returns the nodes whose items are expanded below the tree's top, parents before children, found with an
     * explicit stack.
     */
    public List<EntityNode> expandedNodes() {
        List<EntityNode> expanded = new ArrayList<>();
        ArrayDeque<TreeItem<TreeEntry>> stack = new ArrayDeque<>();
        if (focusItem != null) {
            stack.push(focusItem);
        } else {
            root.getChildren().reversed().forEach(stack::push);
        }
        while (!stack.isEmpty()) {
            TreeItem<TreeEntry> item = stack.pop();
            if (item instanceof EntityTreeItem entityItem && item.isExpanded()) {
                expanded.add(entityItem.node());
                item.getChildren().reversed().forEach(stack::push);
            }
        }
        return expanded;
    }

    /**
     * Shows the model's focus: the focused entity's item as the tree's root, or the top-level ids when there is no
     * focus. The selected entity stays selected when the new top shows it, with its ancestors expanded.
     */
    private void showFocus(TreeModel.Focus focus) {
        EntityNode selected = selectedNode().orElse(null);
        tree.getSelectionModel().clearSelection();
        if (focusItem != null) {
            focusItem.dispose();
            focusItem = null;
        }
        if (focus == null) {
            tree.setRoot(root);
            tree.setShowRoot(false);
        } else {
            focusItem = new EntityTreeItem(focus.node(), itemHost);
            tree.setRoot(focusItem);
            tree.setShowRoot(true);
            focusItem.setExpanded(true);
        }
        TreeItem<TreeEntry> item = selected == null ? null : itemAlong(pathOf(selected), true);
        if (item != null) {
            select(item);
        } else {
            tree.scrollTo(0);
        }
    }

    /**
     * Expands the items of {@code path}, from the tree's top down (a top-level id, or the focused entity while there
     * is a focus), then selects and scrolls to the last one.
     */
    public void reveal(List<EntityNode> path) {
        TreeItem<TreeEntry> item = itemAlong(path, true);
        if (item != null) {
            select(item);
        }
    }

    private void select(TreeItem<TreeEntry> item) {
        tree.getSelectionModel().clearSelection();
        tree.getSelectionModel().select(item);
        int row = tree.getRow(item);
        if (row >= 0) {
            tree.scrollTo(Math.max(0, row - 3));
        }
        tree.requestFocus();
    }

    /** Adds the rows of the loaded nodes with these ids to the selection, keeping the focused row. */
    public void addToSelection(List<String> ids) {
        TreeItem<TreeEntry> focused = tree.getSelectionModel().getSelectedItem();
        for (String id : ids) {
            TreeItem<TreeEntry> item = itemOf(model.node(id));
            if (item != null && item != focused) {
                tree.getSelectionModel().select(item);
            }
        }
        if (focused != null) {
            tree.getSelectionModel().select(focused);
        }
    }

    /** Returns the item that shows {@code node}, found through its loaded ancestors; null when the tree has none. */
    TreeItem<TreeEntry> itemOf(EntityNode node) {
        return node == null ? null : itemAlong(pathOf(node), false);
    }

    /** Returns {@code node} and its loaded ancestors, top first, up to the focused entity while there is a focus. */
    private List<EntityNode> pathOf(EntityNode node) {
        ArrayDeque<EntityNode> path = new ArrayDeque<>();
        for (EntityNode current = node; current != null; current = current.getParent()) {
            path.addFirst(current);
            if (focusItem != null && current == focusItem.node()) {
                break;
            }
        }
        return List.copyOf(path);
    }

    /**
     * Follows {@code path} from the tree's top down and returns the item of its last node, expanding the items on
     * the way when {@code expand} is set; null when a node of the path has no item there.
     */
    private TreeItem<TreeEntry> itemAlong(List<EntityNode> path, boolean expand) {
        if (path.isEmpty()) {
            return null;
        }
        TreeItem<TreeEntry> item = root;
        int first = 0;
        if (focusItem != null) {
            if (path.getFirst() != focusItem.node()) {
                return null;
            }
            item = focusItem;
            first = 1;
        }
        for (EntityNode node : path.subList(first, path.size())) {
            TreeItem<TreeEntry> next = null;
            for (TreeItem<TreeEntry> child : item.getChildren()) {
                if (child instanceof EntityTreeItem entityItem && entityItem.node() == node) {
                    next = child;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            if (expand && item != root) {
                item.setExpanded(true);
            }
            item = next;
        }
        return item;
    }

    /**
     * Expands {@code node} and the nodes below it, level by level, loading the first page of each, until
     * {@code maxRows} rows were added or nothing is left to expand. Further pages stay behind "Load more", and items
     * {@value TreeModel#MAX_LEVELS} levels below the tree's top stay collapsed.
     */
    public void expandBelow(EntityNode node, int maxRows) {
        TreeItem<TreeEntry> start = itemOf(node);
        if (start != null) {
            new ExpandBelow(maxRows).expand(start);
        }
    }

    /** One "Expand below" walk: a queue of items to expand and the rows added so far. */
    private final class ExpandBelow {
        private final int maxRows;
        private final ArrayDeque<TreeItem<TreeEntry>> queue = new ArrayDeque<>();
        private int rows;

        ExpandBelow(int maxRows) {
            this.maxRows = maxRows;
        }

        void expand(TreeItem<TreeEntry> item) {
            queue.add(item);
            next();
        }

        /** Expands the next item and continues when its first page is in; ends at the row limit. */
        private void next() {
            while (!queue.isEmpty() && rows < maxRows) {
                TreeItem<TreeEntry> item = queue.poll();
                if (!(item instanceof EntityTreeItem entityItem) || item.isLeaf()
                        || tree.getTreeItemLevel(item) >= TreeModel.MAX_LEVELS) {
                    continue;
                }
                EntityNode node = entityItem.node();
                item.setExpanded(true);
                if (node.isLoading()) {
                    model.loadNextPage(node, () -> {
                        childrenLoaded(item);
                        next();
                    });
                    return;
                }
                childrenLoaded(item);
            }
        }

        private void childrenLoaded(TreeItem<TreeEntry> item) {
            for (TreeItem<TreeEntry> child : item.getChildren()) {
                if (child instanceof EntityTreeItem) {
                    rows++;
                    queue.add(child);
                }
            }
        }
    }

    /** Returns the number of tree items below the hidden root, counted with an explicit stack. */
    public int itemCount() {
        int count = 0;
        ArrayDeque<TreeItem<TreeEntry>> stack = new ArrayDeque<>(root.getChildren());
        while (!stack.isEmpty()) {
            TreeItem<TreeEntry> item = stack.pop();
            count++;
            stack.addAll(item.getChildren());
        }
        return count;
    }
}
