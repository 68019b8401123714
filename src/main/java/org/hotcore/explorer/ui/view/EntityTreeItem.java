package org.hotcore.explorer.ui.view;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.event.Event;
import javafx.scene.control.TreeItem;
import org.hotcore.explorer.ui.model.EntityNode;

/**
 * A tree item that mirrors one {@link EntityNode}: its children are one item per loaded child node, in the model's
 * order, plus a "Load more" item while the node has more. It follows every change of the model's list with the
 * same change, so items of nodes that stay keep their expansion and selection.
 */
final class EntityTreeItem extends TreeItem<TreeEntry> {

    /** The tree that shows the items: it loads pages on expansion and adds rows. */
    interface Host {

        /** The user expanded the item of {@code node}. */
        void expanded(EntityNode node);

        /** Runs {@code change}, which adds {@code rows} rows to an expanded item, in a way the tree handles fast. */
        void addRows(int rows, Runnable change);
    }

    private final EntityNode node;
    private final Host host;
    private final TreeItem<TreeEntry> loadMoreItem;
    private final ObservableBooleanValue hasMore;
    private final ObservableList<EntityNode> source;
    private final ListChangeListener<EntityNode> modelListener = this::onModelChange;
    private final ChangeListener<Boolean> hasMoreListener = (observable, was, is) -> updateLoadMore(is);
    private final ChangeListener<Number> childCountListener = (observable, was, is) -> fireLeafChange();
    private final ChangeListener<Boolean> loadingListener;
    /** The leaf state of the last event fired to the cells. */
    private boolean shownLeaf;

    /** Creates the hidden root whose children are the top-level ids. */
    static EntityTreeItem root(ObservableList<EntityNode> topLevel, Host host) {
        return new EntityTreeItem(null, topLevel, host);
    }

    EntityTreeItem(EntityNode node, Host host) {
        this(node, node.getChildren(), host);
    }

    private EntityTreeItem(EntityNode node, ObservableList<EntityNode> source, Host host) {
        super(node == null ? null : new TreeEntry.Entity(node));
        this.node = node;
        this.host = host;
        this.loadMoreItem = node == null ? null : new TreeItem<>(new TreeEntry.LoadMore(node));
        this.hasMore = node == null ? null : node.hasMoreProperty();
        this.source = source;
        this.loadingListener = (observable, was, is) -> {
            if (!is && node != null && node.getChildren().isEmpty() && !node.isChildrenRequested()) {
                // The first page failed: collapse, so expanding again retries it.
                setExpanded(false);
            }
        };

        List<TreeItem<TreeEntry>> initial = new ArrayList<>();
        source.forEach(child -> initial.add(new EntityTreeItem(child, host)));
        if (hasMore != null && hasMore.get()) {
            initial.add(loadMoreItem);
        }
        getChildren().setAll(initial);
        shownLeaf = isLeaf();

        source.addListener(modelListener);
        if (node != null) {
            node.hasMoreProperty().addListener(hasMoreListener);
            node.childCountProperty().addListener(childCountListener);
            node.loadingProperty().addListener(loadingListener);
            expandedProperty().addListener((observable, was, is) -> {
                if (is) {
                    host.expanded(node);
                }
            });
        }
    }

    /**
     * Stops this item and the items below it from following their nodes, walking with an explicit stack, so items
     * that are no longer shown do not stay reachable from nodes that remain.
     */
    void dispose() {
        ArrayDeque<TreeItem<TreeEntry>> stack = new ArrayDeque<>();
        stack.push(this);
        while (!stack.isEmpty()) {
            if (stack.pop() instanceof EntityTreeItem item) {
                item.source.removeListener(item.modelListener);
                if (item.node != null) {
                    item.node.hasMoreProperty().removeListener(item.hasMoreListener);
                    item.node.childCountProperty().removeListener(item.childCountListener);
                    item.node.loadingProperty().removeListener(item.loadingListener);
                }
                item.getChildren().forEach(stack::push);
            }
        }
    }

    /** Returns the node this item shows, or null for the hidden root. */
    EntityNode node() {
        return node;
    }

    /** Returns true for a node without children, so it shows no expand arrow before its children load. */
    @Override
    public boolean isLeaf() {
        return node != null && node.getChildCount() == 0 && node.getChildren().isEmpty();
    }

    private void onModelChange(ListChangeListener.Change<? extends EntityNode> change) {
        while (change.next()) {
            if (change.wasPermutated() || change.wasUpdated()) {
                rebuild(change.getList());
                return;
            }
            if (change.wasRemoved()) {
                getChildren().remove(change.getFrom(), change.getFrom() + change.getRemovedSize());
            }
            if (change.wasAdded()) {
                List<TreeItem<TreeEntry>> added = new ArrayList<>(change.getAddedSize());
                change.getAddedSubList().forEach(child -> added.add(new EntityTreeItem(child, host)));
                int from = change.getFrom();
                if (isExpanded()) {
                    host.addRows(added.size(), () -> getChildren().addAll(from, added));
                } else {
                    getChildren().addAll(from, added);
                }
            }
        }
        fireLeafChange();
    }

    private void rebuild(List<? extends EntityNode> nodes) {
        List<TreeItem<TreeEntry>> items = new ArrayList<>();
        for (EntityNode child : nodes) {
            TreeItem<TreeEntry> existing = getChildren().stream()
                    .filter(item -> item instanceof EntityTreeItem entityItem && entityItem.node == child)
                    .findFirst().orElse(null);
            items.add(existing != null ? existing : new EntityTreeItem(child, host));
        }
        if (hasMore != null && hasMore.get()) {
            items.add(loadMoreItem);
        }
        getChildren().setAll(items);
    }

    private void updateLoadMore(boolean show) {
        boolean shown = !getChildren().isEmpty() && getChildren().getLast() == loadMoreItem;
        if (show && !shown) {
            getChildren().add(loadMoreItem);
        } else if (!show && shown) {
            getChildren().removeLast();
        }
    }

    /**
     * Makes the cell redraw its expand arrow when {@link #isLeaf()} changed. A value change makes the tree view
     * rebuild every visible cell, so it is fired only when the arrow appears or goes, not for each page of children.
     */
    private void fireLeafChange() {
        boolean leaf = isLeaf();
        if (leaf != shownLeaf) {
            shownLeaf = leaf;
            Event.fireEvent(this, new TreeModificationEvent<>(valueChangedEvent(), this, getValue()));
        }
    }
}
