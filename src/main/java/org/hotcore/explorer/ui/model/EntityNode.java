package org.hotcore.explorer.ui.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.hotcore.explorer.core.ChildCursor;
import org.hotcore.explorer.core.ChildSummary;

/**
 * One loaded id of the tree: an entity, or a top-level id such as {@code root} that is no entity. It contains what a
 * tree row shows, the children loaded so far and the SSCAN cursor to load more. Only {@link TreeModel} changes it,
 * on the FX thread.
 */
public final class EntityNode {

    private final String id;
    private final boolean topLevel;
    private EntityNode parent;

    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name");
    private final ReadOnlyStringWrapper type = new ReadOnlyStringWrapper(this, "type");
    private final ReadOnlyLongWrapper childCount = new ReadOnlyLongWrapper(this, "childCount");
    private final ReadOnlyBooleanWrapper missing = new ReadOnlyBooleanWrapper(this, "missing");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper deleting = new ReadOnlyBooleanWrapper(this, "deleting");
    private final ReadOnlyBooleanWrapper cut = new ReadOnlyBooleanWrapper(this, "cut");
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper(this, "hasMore");
    private final ReadOnlyLongWrapper remaining = new ReadOnlyLongWrapper(this, "remaining");
    private final ObservableList<EntityNode> children = FXCollections.observableArrayList();
    private final ObservableList<EntityNode> readOnlyChildren = FXCollections.unmodifiableObservableList(children);
    private final Map<String, EntityNode> childrenById = new HashMap<>();
    private final StringBinding label;

    /** Cursor of the children pages; read and advanced only by the one page task running for this node. */
    private ChildCursor cursor;
    /** Children read beyond the last page, because SSCAN's COUNT is a hint; shown first by the next page. */
    private final List<ChildSummary> overflow = new ArrayList<>();
    private boolean childrenRequested;

    EntityNode(String id, boolean topLevel) {
        this.id = id;
        this.topLevel = topLevel;
        label = Bindings.createStringBinding(() -> {
            String text = name.get() != null ? name.get() : id;
            return childCount.get() > 0 ? text + " (" + childCount.get() + ")" : text;
        }, name, childCount);
    }

    static EntityNode of(ChildSummary summary, boolean topLevel) {
        EntityNode node = new EntityNode(summary.id(), topLevel);
        node.update(summary);
        return node;
    }

    public String getId() {
        return id;
    }

    /** Tells whether this is a top-level id such as {@code root}, which has no {@code e:} hash. */
    public boolean isTopLevel() {
        return topLevel;
    }

    /** The node whose children list contains this one; null for top-level ids. */
    public EntityNode getParent() {
        return parent;
    }

    /** The {@code name} attribute in escaped form; null when the entity has none. */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public String getName() {
        return name.get();
    }

    /** The {@code type} attribute in escaped form; null when the entity has none. */
    public ReadOnlyStringProperty typeProperty() {
        return type.getReadOnlyProperty();
    }

    public String getType() {
        return type.get();
    }

    /** SCARD of the children set when last read; 0 by default. */
    public ReadOnlyLongProperty childCountProperty() {
        return childCount.getReadOnlyProperty();
    }

    public long getChildCount() {
        return childCount.get();
    }

    /** True when a children set names this id but {@code e:<id>} does not exist; false by default. */
    public ReadOnlyBooleanProperty missingProperty() {
        return missing.getReadOnlyProperty();
    }

    public boolean isMissing() {
        return missing.get();
    }

    /** True while a page of children is being read; false by default. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public boolean isLoading() {
        return loading.get();
    }

    /** True while another background operation on this node runs, such as a refresh; false by default. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public boolean isBusy() {
        return busy.get();
    }

    /**
     * True while a subtree delete job runs on this node or on one of its ancestors. Such a node can be neither moved
     * nor deleted again. False by default.
     */
    public ReadOnlyBooleanProperty deletingProperty() {
        return deleting.getReadOnlyProperty();
    }

    public boolean isDeleting() {
        return deleting.get();
    }

    /** True while the node is cut and waits to be pasted under another parent; false by default. */
    public ReadOnlyBooleanProperty cutProperty() {
        return cut.getReadOnlyProperty();
    }

    public boolean isCut() {
        return cut.get();
    }

    /** True when children were loaded and the SSCAN cursor has not reached its end; false by default. */
    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }

    public boolean isHasMore() {
        return hasMore.get();
    }

    /** Children counted by SCARD and not loaded yet; 0 by default. */
    public ReadOnlyLongProperty remainingProperty() {
        return remaining.getReadOnlyProperty();
    }

    public long getRemaining() {
        return remaining.get();
    }

    /** Returns the row text: the name, else the id, followed by the child count when there are children. */
    public StringBinding labelBinding() {
        return label;
    }

    /** The children loaded so far, in the order the server returned them; read-only. */
    public ObservableList<EntityNode> getChildren() {
        return readOnlyChildren;
    }

    public EntityNode child(String childId) {
        return childrenById.get(childId);
    }

    /** Tells whether the first page of children was requested, so expanding again loads nothing. */
    public boolean isChildrenRequested() {
        return childrenRequested;
    }

    /** Tells whether the node can have a next page: never loaded, or loaded with the cursor not at its end. */
    boolean canLoadMore() {
        return childCount.get() > 0 && (!childrenRequested || hasMore.get());
    }

    ChildCursor cursor() {
        return cursor;
    }

    void cursor(ChildCursor newCursor) {
        cursor = newCursor;
    }

    List<ChildSummary> overflow() {
        return overflow;
    }

    void childrenRequested(boolean requested) {
        childrenRequested = requested;
    }

    void loading(boolean value) {
        loading.set(value);
    }

    void busy(boolean value) {
        busy.set(value);
    }

    void deleting(boolean value) {
        deleting.set(value);
    }

    void cut(boolean value) {
        cut.set(value);
    }

    /** Tells whether {@code ancestor} is this node or one of its loaded ancestors. */
    public boolean isWithin(EntityNode ancestor) {
        for (EntityNode current = this; current != null; current = current.parent) {
            if (current == ancestor) {
                return true;
            }
        }
        return false;
    }

    void update(ChildSummary summary) {
        name.set(summary.name());
        type.set(summary.type());
        childCount.set(summary.childCount());
        missing.set(!topLevel && !summary.entityExists());
        updateRemaining();
    }

    void updateName(String newName, String newType) {
        name.set(newName);
        type.set(newType);
    }

    /** Appends children not loaded yet and returns the new nodes. */
    List<EntityNode> append(List<EntityNode> nodes) {
        List<EntityNode> added = nodes.stream().filter(node -> !childrenById.containsKey(node.id)).toList();
        for (EntityNode node : added) {
            node.parent = this;
            childrenById.put(node.id, node);
        }
        children.addAll(added);
        updateRemaining();
        return added;
    }

    void remove(EntityNode node) {
        if (childrenById.remove(node.id) != null) {
            children.remove(node);
            node.parent = null;
            updateRemaining();
        }
    }

    void clearChildren() {
        children.forEach(child -> child.parent = null);
        children.clear();
        childrenById.clear();
        childrenRequested = false;
        cursor = null;
        overflow.clear();
        hasMore.set(false);
        updateRemaining();
    }

    void hasMore(boolean value) {
        hasMore.set(value);
        updateRemaining();
    }

    void childCount(long count) {
        childCount.set(count);
        updateRemaining();
    }

    private void updateRemaining() {
        remaining.set(Math.max(0, childCount.get() - children.size()));
    }

    @Override
    public String toString() {
        return "EntityNode[" + id + "]";
    }
}
