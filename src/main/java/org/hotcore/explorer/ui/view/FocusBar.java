package org.hotcore.explorer.ui.view;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.hotcore.explorer.ui.model.TreeModel;

/**
 * The bar above the tree while the tree is focused on an entity: it names that entity and its depth, and offers to
 * move the focus up one level or to return to the full tree. Hidden while the tree shows the top-level ids.
 */
public final class FocusBar {

    public static final String BAR_ID = "focusBar";
    public static final String LABEL_ID = "focusLabel";
    public static final String UP_ID = "focusUp";
    public static final String FULL_TREE_ID = "focusFullTree";

    private final HBox root = new HBox(6);

    public FocusBar(TreeModel model) {
        Label label = new Label();
        label.setId(LABEL_ID);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setMinWidth(0);
        HBox.setHgrow(label, Priority.ALWAYS);
        Tooltip tooltip = new Tooltip();
        label.setTooltip(tooltip);
        model.focusProperty().subscribe(focus -> {
            label.textProperty().unbind();
            tooltip.textProperty().unbind();
            if (focus == null) {
                label.setText("");
                tooltip.setText("");
                return;
            }
            String where = String.format("level %,d below %s", focus.depth(), focus.topLevelId());
            label.textProperty().bind(focus.node().labelBinding().map(text -> "Focused on " + text + ", " + where));
            tooltip.textProperty().bind(focus.node().labelBinding().map(text -> "The tree shows the subtree of "
                    + text + " (" + focus.node().getId() + "), " + where));
        });

        Button up = new Button("Up");
        up.setId(UP_ID);
        up.setTooltip(new Tooltip("Focus on the parent of this entity"));
        up.setOnAction(event -> model.focusUp());
        Button fullTree = new Button("Full tree");
        fullTree.setId(FULL_TREE_ID);
        fullTree.setTooltip(new Tooltip("Show the top-level ids again"));
        fullTree.setOnAction(event -> model.showFullTree());
        up.setMinWidth(Region.USE_PREF_SIZE);
        fullTree.setMinWidth(Region.USE_PREF_SIZE);

        root.getChildren().addAll(label, up, fullTree);
        root.setId(BAR_ID);
        root.getStyleClass().add(StyleClasses.FOCUS_BAR);
        root.setAlignment(Pos.CENTER_LEFT);
        root.visibleProperty().bind(model.focusProperty().isNotNull());
        root.managedProperty().bind(root.visibleProperty());
    }

    public HBox view() {
        return root;
    }
}
