package org.hotcore.explorer.ui.view;

import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.css.PseudoClass;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TreeCell;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import javafx.util.Subscription;
import org.hotcore.explorer.ui.model.EntityNode;

/**
 * Renders a tree row: an icon and colour by the entity's {@code type}, the label with the child count, a spinner
 * once the node has been loading for a moment, and the "Load more (N left)" row, which loads the next page when
 * clicked. The kind of row and its state (deleted, cut, under a drag) are pseudo-classes.
 */
final class EntityTreeCell extends TreeCell<TreeEntry> {

    /** How long a row works before it shows a spinner. */
    static final long SPINNER_DELAY_MILLIS = 250;

    private final Consumer<EntityNode> onLoadMore;
    private final Region icon = new Region();
    private final ProgressIndicator spinner = new ProgressIndicator();
    private final PauseTransition spinnerDelay = new PauseTransition(Duration.millis(SPINNER_DELAY_MILLIS));
    private Subscription subscription = Subscription.EMPTY;

    EntityTreeCell(Consumer<EntityNode> onLoadMore) {
        this.onLoadMore = onLoadMore;
        getStyleClass().add(StyleClasses.ENTITY_CELL);
        icon.getStyleClass().add(StyleClasses.ENTITY_ICON);
        // A hidden icon takes no room, so the text of a row without one starts where a graphic would.
        icon.managedProperty().bind(icon.visibleProperty());
        spinner.setPrefSize(14, 14);
        spinner.setMaxSize(14, 14);
        spinnerDelay.setOnFinished(event -> setGraphic(spinner));
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
        spinnerDelay.stop();
        textProperty().unbind();
        pseudoClassStateChanged(StyleClasses.MISSING, false);
        pseudoClassStateChanged(StyleClasses.LOADING, false);
        pseudoClassStateChanged(StyleClasses.DELETING, false);
        pseudoClassStateChanged(StyleClasses.CUT, false);
        pseudoClassStateChanged(StyleClasses.DROP_TARGET, false);
        pseudoClassStateChanged(StyleClasses.DROP_REJECTED, false);

        if (empty || entry == null) {
            setText(null);
            showGraphic(false);
            setEntryStates(false, false, null);
            return;
        }
        switch (entry) {
            case TreeEntry.Entity(EntityNode node) -> showEntity(node);
            case TreeEntry.LoadMore(EntityNode parent) -> showLoadMore(parent);
        }
    }

    private void showEntity(EntityNode node) {
        textProperty().bind(node.labelBinding());
        subscription = Subscription.combine(
                node.typeProperty().subscribe(type -> setEntryStates(node.isTopLevel(), false,
                        type == null || type.isEmpty() ? null : StyleClasses.palette(type))),
                node.missingProperty().subscribe(missing -> pseudoClassStateChanged(StyleClasses.MISSING, missing)),
                node.loadingProperty().subscribe(loading -> updateGraphic(node)),
                node.busyProperty().subscribe(busy -> updateGraphic(node)),
                node.deletingProperty().subscribe(deleting -> pseudoClassStateChanged(StyleClasses.DELETING,
                        deleting)),
                node.cutProperty().subscribe(cut -> pseudoClassStateChanged(StyleClasses.CUT, cut)));
    }

    private void showLoadMore(EntityNode parent) {
        setEntryStates(false, true, null);
        textProperty().bind(parent.remainingProperty().map(left -> "Load more (" + left + " left)"));
        subscription = parent.loadingProperty().subscribe(loading -> showWorking(loading, false));
    }

    private void updateGraphic(EntityNode node) {
        showWorking(node.isLoading() || node.isBusy(), true);
    }

    /**
     * Shows the icon, or hides it without taking it out of the cell: a node added back to the scene is matched
     * against the style sheets again, which every row that comes into view would pay.
     */
    private void showGraphic(boolean visible) {
        icon.setVisible(visible);
        if (getGraphic() != icon) {
            setGraphic(icon);
        }
    }

    /**
     * Shows the spinner in place of the icon once the row has been working for {@value #SPINNER_DELAY_MILLIS}
     * ms. Most pages arrive sooner, and a spinner shown for only a frame or two costs the FX thread for nothing.
     */
    private void showWorking(boolean working, boolean withIcon) {
        pseudoClassStateChanged(StyleClasses.LOADING, working);
        if (!working) {
            spinnerDelay.stop();
            showGraphic(withIcon);
        } else if (getGraphic() != spinner && spinnerDelay.getStatus() != Animation.Status.RUNNING) {
            showGraphic(withIcon);
            spinnerDelay.playFromStart();
        }
    }

    /**
     * Sets the pseudo-classes of the row's kind: top-level, load more, and the palette slot of its type, null for
     * none. A change of style classes would make JavaFX match the cell and its children against every style sheet
     * again, which each row that scrolls into view would pay, and a pseudo-class change does not.
     */
    private void setEntryStates(boolean topLevel, boolean loadMore, PseudoClass palette) {
        pseudoClassStateChanged(StyleClasses.TOP_LEVEL, topLevel);
        pseudoClassStateChanged(StyleClasses.LOAD_MORE, loadMore);
        for (PseudoClass slot : StyleClasses.palettes()) {
            pseudoClassStateChanged(slot, slot == palette);
        }
    }
}
