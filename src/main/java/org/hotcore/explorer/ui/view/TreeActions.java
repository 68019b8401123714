package org.hotcore.explorer.ui.view;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.hotcore.explorer.ui.model.EntityNode;
import org.hotcore.explorer.ui.model.ExplorerModel;
import org.hotcore.explorer.ui.model.MoveController;
import org.hotcore.explorer.ui.model.SubtreeDeletes;

/**
 * The actions on tree rows, offered twice with the same keys: in the tree's context menu and in the Edit menu of the
 * menu bar. Each acts on the selected rows and forwards to the view models. An action does nothing when the
 * selection does not fit, so a key pressed at the wrong time changes nothing.
 */
public final class TreeActions {

    public static final String NEW_CHILD_ID = "newChildMenuItem";
    public static final String RENAME_ID = "renameMenuItem";
    public static final String COPY_ID = "copyUuidMenuItem";
    public static final String REFRESH_ID = "refreshTreeMenuItem";
    public static final String EXPAND_BELOW_ID = "expandBelowMenuItem";
    public static final String FOCUS_HERE_ID = "focusHereMenuItem";
    public static final String CUT_ID = "cutMenuItem";
    public static final String PASTE_ID = "pasteMenuItem";
    public static final String UNDO_ID = "undoMoveMenuItem";
    public static final String DELETE_LIFT_ID = "deleteLiftMenuItem";
    public static final String DELETE_SUBTREE_ID = "deleteSubtreeMenuItem";
    /** The id of the Edit menu in the menu bar; its items carry the ids above with this suffix. */
    public static final String MENU_BAR_SUFFIX = "Bar";

    /** The actions that write; disabled in read-only mode, where the store would reject them. */
    private static final Set<String> WRITES = Set.of(NEW_CHILD_ID, RENAME_ID, CUT_ID, PASTE_ID,
            UNDO_ID, DELETE_LIFT_ID, DELETE_SUBTREE_ID);

    /** "Expand below" stops after this many rows, so one key press cannot load a whole database. */
    public static final int EXPAND_BELOW_ROWS = 2_000;

    private final ExplorerModel model;
    private final TreePane treePane;
    private final Runnable refresh;
    private final ContextMenu contextMenu;

    /** The confirmation of subtree deletes, built once and reused. */
    private SubtreeDeleteDialog subtreeDeleteDialog;

    public TreeActions(ExplorerModel model, TreePane treePane, Runnable refresh) {
        this.model = model;
        this.treePane = treePane;
        this.refresh = refresh;
        contextMenu = new ContextMenu(items("").toArray(MenuItem[]::new));
        contextMenu.setOnShowing(event -> updateDisable(contextMenu.getItems(), ""));
        treePane.view().setContextMenu(contextMenu);
        treePane.setOnDeleteSubtree(this::confirmDeleteSubtree);
        treePane.setOnEscape(() -> model.moves().cancelCut());
        treePane.enableDragAndDrop(model.moves(), this::showMoved);
    }

    /** Returns the tree's context menu. */
    public ContextMenu contextMenu() {
        return contextMenu;
    }

    /** Builds the Edit menu for the menu bar, with the same actions and keys as the context menu. */
    public Menu editMenu() {
        Menu menu = new Menu("Edit");
        menu.setId("editMenu");
        menu.getItems().setAll(items(MENU_BAR_SUFFIX));
        menu.setOnShowing(event -> updateDisable(menu.getItems(), MENU_BAR_SUFFIX));
        return menu;
    }

    private List<MenuItem> items(String suffix) {
        return List.of(
                item("New child…", NEW_CHILD_ID + suffix, new KeyCodeCombination(KeyCode.N,
                        KeyCombination.SHORTCUT_DOWN), this::newChild),
                item("Rename…", RENAME_ID + suffix, new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN),
                        this::rename),
                item("Copy uuid", COPY_ID + suffix, new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN,
                        KeyCombination.SHIFT_DOWN), this::copyUuid),
                item("Refresh", REFRESH_ID + suffix, null, refresh),
                item("Expand below", EXPAND_BELOW_ID + suffix, new KeyCodeCombination(KeyCode.E,
                        KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::expandBelow),
                item("Focus here", FOCUS_HERE_ID + suffix, null, this::focusHere),
                new SeparatorMenuItem(),
                item("Cut", CUT_ID + suffix, new KeyCodeCombination(KeyCode.X, KeyCombination.SHORTCUT_DOWN),
                        this::cut),
                item("Paste", PASTE_ID + suffix, new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN),
                        this::paste),
                item("Undo move", UNDO_ID + suffix, new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN),
                        this::undo),
                new SeparatorMenuItem(),
                item("Delete, keeping its children…", DELETE_LIFT_ID + suffix,
                        new KeyCodeCombination(KeyCode.DELETE), this::deleteLifting),
                item("Delete with its subtree…", DELETE_SUBTREE_ID + suffix,
                        new KeyCodeCombination(KeyCode.DELETE, KeyCombination.SHIFT_DOWN), this::deleteSubtree));
    }

    private static MenuItem item(String text, String id, KeyCombination keys, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setAccelerator(keys);
        item.setOnAction(event -> action.run());
        return item;
    }

    /** Disables the items that do not fit the selection while a menu is open; the keys check again when used. */
    private void updateDisable(List<MenuItem> items, String suffix) {
        Optional<EntityNode> selected = treePane.selectedNode();
        boolean entity = selected.filter(node -> !node.isTopLevel() && !node.isMissing()).isPresent();
        boolean readOnly = model.isReadOnly();
        for (MenuItem item : items) {
            String id = item.getId() == null ? "" : item.getId();
            String action = id.substring(0, id.length() - Math.min(id.length(), suffix.length()));
            if (readOnly && WRITES.contains(action)) {
                item.setDisable(true);
                continue;
            }
            boolean disable = switch (action) {
                case NEW_CHILD_ID -> selected.filter(node -> !node.isMissing() && !node.isDeleting()).isEmpty();
                case RENAME_ID -> !entity;
                case COPY_ID, EXPAND_BELOW_ID -> selected.isEmpty();
                case FOCUS_HERE_ID -> selected.filter(node -> !node.isTopLevel()).isEmpty();
                case CUT_ID -> MoveController.movable(treePane.selectedNodes()).isEmpty();
                case PASTE_ID -> model.moves().getCutCount() == 0 || selected.isEmpty();
                case UNDO_ID -> !model.moves().isUndoable();
                case DELETE_LIFT_ID, DELETE_SUBTREE_ID -> !selected.map(SubtreeDeletes::canDelete).orElse(false);
                default -> false;
            };
            item.setDisable(disable);
        }
    }

    private void newChild() {
        treePane.selectedNode().filter(node -> !node.isMissing() && !node.isDeleting()).ifPresent(parent -> {
            TextInputDialog dialog = new TextInputDialog();
            dialog.initOwner(treePane.view().getScene().getWindow());
            dialog.setTitle("New child");
            dialog.setHeaderText("New child of " + parent.labelBinding().get());
            dialog.setContentText("Name:");
            dialog.showAndWait().filter(name -> !name.isBlank())
                    .ifPresent(name -> model.edits().createChild(parent, name, id -> showMoved(List.of(id))));
        });
    }

    private void rename() {
        treePane.selectedNode().filter(node -> !node.isTopLevel() && !node.isMissing()).ifPresent(node -> {
            TextInputDialog dialog = new TextInputDialog(node.getName() == null ? "" : node.getName());
            dialog.initOwner(treePane.view().getScene().getWindow());
            dialog.setTitle("Rename");
            dialog.setHeaderText("Rename " + node.labelBinding().get());
            dialog.setContentText("Name (\\xHH for raw bytes):");
            dialog.showAndWait().filter(name -> !name.isBlank())
                    .ifPresent(name -> model.edits().rename(node, name));
        });
    }

    private void copyUuid() {
        treePane.selectedNode().ifPresent(node -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(node.getId());
            Clipboard.getSystemClipboard().setContent(content);
        });
    }

    private void expandBelow() {
        treePane.selectedNode().ifPresent(node -> treePane.expandBelow(node, EXPAND_BELOW_ROWS));
    }

    /** Makes the selected entity the tree's top row, with the focus bar above the tree. */
    private void focusHere() {
        treePane.selectedNode().filter(node -> !node.isTopLevel()).ifPresent(model.tree()::focusOn);
    }

    private void cut() {
        model.moves().cut(treePane.selectedNodes());
    }

    private void paste() {
        treePane.selectedNode().ifPresent(target -> model.moves().paste(target, this::showMoved));
    }

    private void undo() {
        model.moves().undo(this::showMoved);
    }

    private void deleteLifting() {
        treePane.selectedNode().filter(SubtreeDeletes::canDelete).ifPresent(treePane::confirmDeleteLifting);
    }

    private void deleteSubtree() {
        treePane.selectedNode().ifPresent(this::confirmDeleteSubtree);
    }

    /** Opens the confirmation with the background count, then starts the delete job. */
    private void confirmDeleteSubtree(EntityNode node) {
        if (!SubtreeDeletes.canDelete(node)) {
            return;
        }
        SubtreeDeletes.Preview preview = model.subtreeDeletes().preview(node);
        prepareDialogs();
        subtreeDeleteDialog.show(preview, () -> model.subtreeDeletes()
                .start(node, preview.isComplete() ? preview.getCounted() : -1));
    }

    /** Builds the dialogs that are kept for reuse, once the tree is in a window. */
    void prepareDialogs() {
        if (subtreeDeleteDialog == null && treePane.view().getScene() != null
                && treePane.view().getScene().getWindow() != null) {
            subtreeDeleteDialog = new SubtreeDeleteDialog(treePane.view().getScene().getWindow());
        }
    }

    /** Reveals and selects the entities just moved or created: the first one focused, the others added. */
    private void showMoved(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        model.tree().reveal(ids.getFirst(), path -> {
            treePane.reveal(path);
            treePane.addToSelection(ids);
        });
    }
}
