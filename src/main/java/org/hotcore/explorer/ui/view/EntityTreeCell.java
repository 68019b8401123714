package org.hotcore.explorer.ui.view;

import java.util.function.Consumer;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TreeCell;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.util.Subscription;
import org.hotcore.explorer.ui.model.EntityNode;

/**
 * Renders a tree row: an icon and colour by the entity's {@code type}, the label with the child count, a spinner
 * while the node is loading, and the "Load more (N left)" row, which loads the next page when clicked. Rows being
 * deleted, cut, or under a drag show it through pseudo-classes.
 */
final class EntityTreeCell extends TreeCell<TreeEntry> {

    private final Consumer<EntityNode> onLoadMore;
    private final Region icon = new Region();
    private final ProgressIndicator spinner = new ProgressIndicator();
    private Subscription subscription = Subscription.EMPTY;
    private String typeClass;
    private String paletteClass;

    EntityTreeCell(Consumer<EntityNode> onLoadMore) {
        this.onLoadMore = onLoadMore;
        getStyleClass().add(StyleClasses.ENTITY_CELL);
        icon.getStyleClass().add(StyleClasses.ENTITY_ICON);
        spinner.setPrefSize(14, 14);
        spinner.setMaxSize(14, 14);
        setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && getItem() instanceof TreeEntry.LoadMore more) {
                onLoadMore.accept(more.parent());
            }
        });
    }

    @Override
    protected void updateItem(TreeEntry entry, boolean empty) {
        super.updateItem(entry, empty);
        subscription.unsubscribe();
        subscription = Subscription.EMPTY;
        textProperty().unbind();
        clearTypeClasses();
        getStyleClass().removeAll(StyleClasses.LOAD_MORE, StyleClasses.TOP_LEVEL);
        pseudoClassStateChanged(StyleClasses.MISSING, false);
        pseudoClassStateChanged(StyleClasses.LOADING, false);
        pseudoClassStateChanged(StyleClasses.DELETING, false);
        pseudoClassStateChanged(StyleClasses.CUT, false);
        pseudoClassStateChanged(StyleClasses.DROP_TARGET, false);
        pseudoClassStateChanged(StyleClasses.DROP_REJECTED, false);

        if (empty || entry == null) {
            setText(null);
            setGraphic(null);
            return;
        }
        switch (entry) {
            case TreeEntry.Entity(EntityNode node) -> showEntity(node);
            case TreeEntry.LoadMore(EntityNode parent) -> showLoadMore(parent);
        }
    }

    private void showEntity(EntityNode node) {
        textProperty().bind(node.labelBinding());
        if (node.isTopLevel()) {
            getStyleClass().add(StyleClasses.TOP_LEVEL);
        }
        subscription = Subscription.combine(
                node.typeProperty().subscribe(this::applyType),
                node.missingProperty().subscribe(missing -> pseudoClassStateChanged(StyleClasses.MISSING, missing)),
                node.loadingProperty().subscribe(loading -> updateGraphic(node)),
                node.busyProperty().subscribe(busy -> updateGraphic(node)),
                node.deletingProperty().subscribe(deleting -> pseudoClassStateChanged(StyleClasses.DELETING,
                        deleting)),
                node.cutProperty().subscribe(cut -> pseudoClassStateChanged(StyleClasses.CUT, cut)));
    }

    private void showLoadMore(EntityNode parent) {
        getStyleClass().add(StyleClasses.LOAD_MORE);
        textProperty().bind(parent.remainingProperty().map(left -> "Load more (" + left + " left)"));
        subscription = parent.loadingProperty().subscribe(loading -> {
            pseudoClassStateChanged(StyleClasses.LOADING, loading);
            setGraphic(loading ? spinner : null);
        });
    }

    private void updateGraphic(EntityNode node) {
        boolean working = node.isLoading() || node.isBusy();
        pseudoClassStateChanged(StyleClasses.LOADING, working);
        setGraphic(working ? spinner : icon);
    }

    private void applyType(String type) {
        clearTypeClasses();
        if (type != null && !type.isEmpty()) {
            typeClass = StyleClasses.typeClass(type);
            paletteClass = StyleClasses.paletteClass(type);
            getStyleClass().addAll(typeClass, paletteClass);
        }
    }

    private void clearTypeClasses() {
        if (typeClass != null) {
            getStyleClass().removeAll(typeClass, paletteClass);
            typeClass = null;
            paletteClass = null;
        }
    }
}
