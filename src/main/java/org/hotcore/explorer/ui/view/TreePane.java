package org.hotcore.explorer.ui.view;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.hotcore.explorer.ui.model.EntityNode;
import org.hotcore.explorer.ui.model.TreeModel;

/**
 * The entity tree: a {@link TreeView} bound to the {@link TreeModel}. Expanding a node loads its first page,
 * the "Load more" row loads the next one, and selecting a row reports the id to {@code onSelect}.
 */
public final class TreePane {

    public static final String TREE_ID = "entityTree";
    public static final String COPY_ID = "copyUuidMenuItem";
    public static final String DELETE_LIFT_ID = "deleteLiftMenuItem";
    public static final String DELETE_SUBTREE_ID = "deleteSubtreeMenuItem";

    private final TreeModel model;
    private final TreeView<TreeEntry> tree = new TreeView<>();
    private final EntityTreeItem root;
    private Runnable onDeleted = () -> { };

    /**
     * Creates the tree.
     *
     * @param onSelect receives the selected id and whether it is a top-level id; null and false when nothing is
     *                 selected
     */
    public TreePane(TreeModel model, BiConsumer<String, Boolean> onSelect) {
        this.model = model;
        root = EntityTreeItem.root(model.getTopLevel(), this::expanded);
        root.setExpanded(true);
        tree.setId(TREE_ID);
        tree.getStyleClass().add(StyleClasses.ENTITY_TREE);
        tree.setRoot(root);
        tree.setShowRoot(false);
        tree.setCellFactory(view -> new EntityTreeCell(this::loadMore));
        tree.getSelectionModel().selectedItemProperty().subscribe(item -> {
            if (item != null && item.getValue() instanceof TreeEntry.Entity(EntityNode node)) {
                onSelect.accept(node.getId(), node.isTopLevel());
            } else if (item == null) {
                onSelect.accept(null, false);
            }
        });
        tree.setContextMenu(contextMenu());
        tree.setOnKeyPressed(event -> {
            TreeItem<TreeEntry> item = tree.getSelectionModel().getSelectedItem();
            if (event.getCode() == KeyCode.ENTER && item != null
                    && item.getValue() instanceof TreeEntry.LoadMore(EntityNode parent)) {
                loadMore(parent);
                event.consume();
            } else if (event.getCode() == KeyCode.DELETE) {
                // Delete keeps the children and Shift+Delete takes the subtree, as in the context menu.
                selectedNode().filter(node -> !node.isTopLevel())
                        .ifPresent(node -> confirmDelete(node, event.isShiftDown()));
                event.consume();
            }
        });
    }

    /** Sets what runs after a delete from the context menu succeeded, such as a refresh of the expanded nodes. */
    public void setOnDeleted(Runnable action) {
        onDeleted = action;
    }

    private ContextMenu contextMenu() {
        MenuItem copy = new MenuItem("Copy uuid");
        copy.setId(COPY_ID);
        copy.setOnAction(event -> selectedNode().ifPresent(node -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(node.getId());
            Clipboard.getSystemClipboard().setContent(content);
        }));
        MenuItem lift = new MenuItem("Delete, keeping its children…");
        lift.setAccelerator(new KeyCodeCombination(KeyCode.DELETE));
        lift.setId(DELETE_LIFT_ID);
        lift.setOnAction(event -> selectedNode().ifPresent(node -> confirmDelete(node, false)));
        MenuItem cascade = new MenuItem("Delete with its subtree…");
        cascade.setAccelerator(new KeyCodeCombination(KeyCode.DELETE, KeyCombination.SHIFT_DOWN));
        cascade.setId(DELETE_SUBTREE_ID);
        cascade.setOnAction(event -> selectedNode().ifPresent(node -> confirmDelete(node, true)));
        ContextMenu menu = new ContextMenu(copy, new SeparatorMenuItem(), lift, cascade);
        menu.setOnShowing(event -> {
            boolean entity = selectedNode().filter(node -> !node.isTopLevel()).isPresent();
            lift.setDisable(!entity);
            cascade.setDisable(!entity);
            copy.setDisable(selectedNode().isEmpty());
        });
        return menu;
    }

    private Optional<EntityNode> selectedNode() {
        TreeItem<TreeEntry> item = tree.getSelectionModel().getSelectedItem();
        return item != null && item.getValue() instanceof TreeEntry.Entity(EntityNode node) ? Optional.of(node)
                : Optional.empty();
    }

    private void confirmDelete(EntityNode node, boolean subtree) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        confirm.initOwner(tree.getScene().getWindow());
        confirm.setTitle("Delete");
        confirm.setHeaderText("Delete " + node.labelBinding().get() + "?");
        confirm.setContentText(subtree
                ? "The entity and all " + node.getChildCount() + " children with their own subtrees are deleted."
                : "The entity is deleted; its " + node.getChildCount() + " children move to its parent.");
        confirm.showAndWait()
                .filter(button -> button == ButtonType.OK)
                .ifPresent(button -> model.delete(node, subtree, onDeleted));
    }

    public TreeView<TreeEntry> view() {
        return tree;
    }

    private void expanded(EntityNode node) {
        if (!node.isChildrenRequested()) {
            model.loadNextPage(node, () -> { });
        }
    }

    private void loadMore(EntityNode parent) {
        model.loadNextPage(parent, () -> { });
    }

    /** Returns the nodes whose items are expanded, parents before children, found with an explicit stack. */
    public List<EntityNode> expandedNodes() {
        List<EntityNode> expanded = new ArrayList<>();
        ArrayDeque<TreeItem<TreeEntry>> stack = new ArrayDeque<>();
        root.getChildren().reversed().forEach(stack::push);
        while (!stack.isEmpty()) {
            TreeItem<TreeEntry> item = stack.pop();
            if (item instanceof EntityTreeItem entityItem && item.isExpanded()) {
                expanded.add(entityItem.node());
                item.getChildren().reversed().forEach(stack::push);
            }
        }
        return expanded;
    }

    /** Expands the items of {@code path} (from a top-level id down), then selects and scrolls to the last one. */
    public void reveal(List<EntityNode> path) {
        TreeItem<TreeEntry> item = root;
        for (EntityNode node : path) {
            TreeItem<TreeEntry> next = null;
            for (TreeItem<TreeEntry> child : item.getChildren()) {
                if (child instanceof EntityTreeItem entityItem && entityItem.node() == node) {
                    next = child;
                    break;
                }
            }
            if (next == null) {
                return;
            }
            if (item != root) {
                item.setExpanded(true);
            }
            item = next;
        }
        tree.getSelectionModel().select(item);
        int row = tree.getRow(item);
        if (row >= 0) {
            tree.scrollTo(Math.max(0, row - 3));
        }
        tree.requestFocus();
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
