package org.hotcore.explorer.ui.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.hotcore.explorer.core.CancelledException;
import org.hotcore.explorer.core.CascadeDelete;
import org.hotcore.explorer.core.ChildCursor;
import org.hotcore.explorer.core.ChildPage;
import org.hotcore.explorer.core.ChildSummary;
import org.hotcore.explorer.core.CorruptDataException;
import org.hotcore.explorer.core.EntityNotFoundException;
import org.hotcore.explorer.core.HotcoreStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tree's view model: the top-level ids and, below them, every loaded {@link EntityNode}. Background tasks read
 * Redis and change the nodes on the FX thread when they finish, so a tree bound to these nodes follows every change
 * without being rebuilt. Call every method on the FX thread.
 *
 * <p>A reveal opens at most {@value #MAX_LEVELS} levels below the tree's top. A deeper one focuses the tree on the
 * ancestor {@value #FOCUS_MARGIN} levels above the revealed entity: that ancestor becomes the tree's top, loaded
 * without its own ancestors, and the top-level ids stay loaded behind it until the focus ends.
 */
public final class TreeModel {

    private static final Logger log = LoggerFactory.getLogger(TreeModel.class);

    /** Children read per page, and per "Load more" action. */
    public static final int PAGE_SIZE = 250;

    /** Children lifted per transaction when an entity is deleted without its subtree. */
    static final int DELETE_BATCH = 500;

    /** Levels a reveal opens below the tree's top at most. A deeper reveal focuses the tree on an ancestor. */
    public static final int MAX_LEVELS = 1_000;

    /** Levels between the focused ancestor and the entity a deep reveal shows. */
    public static final int FOCUS_MARGIN = 20;

    /**
     * The entity the tree shows as its top instead of the top-level ids.
     *
     * @param node the focused node; its children and their subtrees load as usual
     * @param topLevelId the top-level id above it
     * @param depth its number of ancestors, the top-level id included: 1 for a child of {@code root}
     */
    public record Focus(EntityNode node, String topLevelId, int depth) {
    }

    private final Background background;
    private final StatusModel status;
    private final Supplier<HotcoreStore> store;

    private final ObservableList<EntityNode> topLevel = FXCollections.observableArrayList();
    private final ObservableList<EntityNode> readOnlyTopLevel = FXCollections.unmodifiableObservableList(topLevel);
    /** Every node attached to the tree by id, so a change reported by id reaches its node. */
    private final Map<String, EntityNode> index = new HashMap<>();
    /** Actions waiting for the page load running on a node, such as the next step of a reveal. */
    private final Map<EntityNode, List<Runnable>> afterPage = new HashMap<>();
    /** Ids whose subtree a delete job is removing; their loaded nodes and descendants are marked deleting. */
    private final Set<String> deletingRoots = new HashSet<>();
    private final ReadOnlyObjectWrapper<Focus> focus = new ReadOnlyObjectWrapper<>(this, "focus");
    private boolean changingFocus;
    private boolean topLevelLoading;

    TreeModel(Background background, StatusModel status, Supplier<HotcoreStore> store) {
        this.background = background;
        this.status = status;
        this.store = store;
    }

    /** The top-level ids, {@code root} first; read-only. */
    public ObservableList<EntityNode> getTopLevel() {
        return readOnlyTopLevel;
    }

    /** Returns the loaded node of {@code id}, or null when it is not in the tree. */
    public EntityNode node(String id) {
        return index.get(id);
    }

    /** Number of nodes attached to the tree. */
    public int size() {
        return index.size();
    }

    /** Returns the focus: the entity the tree shows as its top, or null while it shows the top-level ids. */
    public ReadOnlyObjectProperty<Focus> focusProperty() {
        return focus.getReadOnlyProperty();
    }

    public Focus getFocus() {
        return focus.get();
    }

    void clear() {
        focus.set(null);
        topLevel.clear();
        index.clear();
        afterPage.clear();
        deletingRoots.clear();
    }

    // ---------------------------------------------------------------- top-level ids

    /** Reads the top-level ids and merges them into the tree; nodes that remain keep their children. */
    public void loadTopLevel(Runnable then) {
        if (store.get() == null || topLevelLoading) {
            return;
        }
        topLevelLoading = true;
        HotcoreStore current = store.get();
        status.activity("Loading top-level ids");
        background.submit("load top-level ids", (progress, cancellation) -> readTopLevel(current, progress,
                        cancellation),
                summaries -> {
                    topLevelLoading = false;
                    status.activity("");
                    if (current == store.get()) {
                        mergeTopLevel(summaries);
                        then.run();
                    }
                },
                error -> {
                    topLevelLoading = false;
                    status.activity("");
                    status.failed("load the top-level ids", error);
                });
    }

    private static List<ChildSummary> readTopLevel(HotcoreStore store, org.hotcore.explorer.core.Progress progress,
                                                   org.hotcore.explorer.core.Cancellation cancellation) {
        List<ChildSummary> summaries = new ArrayList<>();
        for (String id : store.topLevelIds(progress, cancellation)) {
            summaries.add(store.summary(id));
        }
        return summaries;
    }

    private void mergeTopLevel(List<ChildSummary> summaries) {
        Set<String> present = new HashSet<>();
        summaries.forEach(summary -> present.add(summary.id()));
        for (EntityNode node : List.copyOf(topLevel)) {
            if (!present.contains(node.getId())) {
                topLevel.remove(node);
                unindex(node);
            }
        }
        for (ChildSummary summary : summaries) {
            EntityNode existing = index.get(summary.id());
            if (existing != null && existing.isTopLevel()) {
                existing.update(summary);
            } else {
                EntityNode node = EntityNode.of(summary, true);
                index.put(node.getId(), node);
                topLevel.add(node);
            }
        }
    }

    // ---------------------------------------------------------------- children pages

    /**
     * Loads the next page of children of {@code node}: the first page when none was loaded. {@code then} runs after
     * the page was added; when a page load is already running it runs after that one.
     */
    public void loadNextPage(EntityNode node, Runnable then) {
        if (node.isLoading()) {
            afterPage.computeIfAbsent(node, key -> new ArrayList<>()).add(then);
            return;
        }
        if (!node.canLoadMore() || store.get() == null) {
            then.run();
            return;
        }
        if (node.isChildrenRequested() && (node.overflow().size() >= PAGE_SIZE
                || (node.cursor() != null && node.cursor().complete()))) {
            // The rows read ahead fill this page, so Redis is not asked.
            appendPage(node, new PageResult(List.of(), node.cursor() == null || node.cursor().complete()));
            then.run();
            return;
        }

        HotcoreStore current = store.get();
        ChildCursor cursor = node.cursor() != null ? node.cursor() : current.children(node.getId());
        node.cursor(cursor);
        node.childrenRequested(true);
        node.loading(true);
        afterPage.computeIfAbsent(node, key -> new ArrayList<>()).add(then);

        String label = node.labelBinding().get();
        status.activity("Loading children of " + label);
        background.submit("load children of " + node.getId(), (progress, cancellation) -> {
                    if (cancellation.isCancelled()) {
                        throw new CancelledException("page of " + node.getId() + " cancelled");
                    }
                    ChildPage page = cursor.next(PAGE_SIZE);
                    return new PageResult(page.children(), cursor.complete());
                },
                result -> {
                    node.loading(false);
                    status.activity("");
                    if (node.cursor() == cursor && index.get(node.getId()) == node) {
                        appendPage(node, result);
                    }
                    runAfterPage(node);
                },
                error -> {
                    if (node.cursor() == cursor && node.getChildren().isEmpty()) {
                        // The first page failed: expanding again retries it.
                        node.cursor(null);
                        node.childrenRequested(false);
                    }
                    node.loading(false);
                    status.activity("");
                    afterPage.remove(node);
                    status.failed("load the children of " + label, error);
                });
    }

    /** Children read by one page task and whether the cursor reached its end. */
    record PageResult(List<ChildSummary> children, boolean complete) {
    }

    /**
     * Adds one page of at most {@value #PAGE_SIZE} children: those read ahead before, then the new ones. What does
     * not fit waits for the next page, so every page creates the same number of rows.
     */
    private void appendPage(EntityNode node, PageResult result) {
        List<ChildSummary> candidates = new ArrayList<>(node.overflow());
        candidates.addAll(result.children());
        node.overflow().clear();
        if (candidates.size() > PAGE_SIZE) {
            node.overflow().addAll(candidates.subList(PAGE_SIZE, candidates.size()));
            candidates = candidates.subList(0, PAGE_SIZE);
        }
        List<EntityNode> nodes = new ArrayList<>(candidates.size());
        List<String> cycles = new ArrayList<>();
        for (ChildSummary summary : candidates) {
            if (isSelfOrAncestor(node, summary.id())) {
                cycles.add(summary.id());
                continue;
            }
            EntityNode stale = index.get(summary.id());
            if (stale != null && stale.getParent() != node) {
                // The entity moved here since it was loaded elsewhere.
                detach(stale);
            }
            nodes.add(index.containsKey(summary.id()) ? index.get(summary.id()) : EntityNode.of(summary, false));
        }

        for (EntityNode added : node.append(nodes)) {
            index.put(added.getId(), added);
            markDeleting(added);
        }
        boolean complete = result.complete() && node.overflow().isEmpty();
        node.hasMore(!complete);
        if (complete && node.getChildCount() != node.getChildren().size()) {
            node.childCount(node.getChildren().size());
        }
        reportCycles(node, cycles);
    }

    /** Tells whether {@code id} is {@code node} or one of its loaded ancestors. */
    private static boolean isSelfOrAncestor(EntityNode node, String id) {
        for (EntityNode next = node; next != null; next = next.getParent()) {
            if (next.getId().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reports children of {@code node} that are the node itself or one of its ancestors: its children set closes a
     * cycle. Such a child is left out of the node's rows, so expanding never loops.
     */
    private void reportCycles(EntityNode node, List<String> cycles) {
        if (cycles.isEmpty()) {
            return;
        }
        String label = node.labelBinding().get();
        log.warn("The children set of {} lists its own ancestors {}", node.getId(), cycles);
        status.failed("show the children of " + label, new CorruptDataException("c:" + node.getId()
                + " lists " + String.join(", ", cycles) + ", which " + (cycles.size() == 1 ? "is" : "are")
                + " already above it in the tree, so the children sets form a cycle. The tree does not show "
                + (cycles.size() == 1 ? "it" : "them") + " again below " + label
                + "; Tools › Check integrity can repair this"));
    }

    private void runAfterPage(EntityNode node) {
        List<Runnable> actions = afterPage.remove(node);
        if (actions != null) {
            actions.forEach(Runnable::run);
        }
    }

    // ---------------------------------------------------------------- refresh

    /**
     * Reloads the top-level ids and the children of {@code expanded} (nodes listed parents first), as many as were
     * loaded before. Nodes of entities that still exist stay, so expansion and selection stay; nodes of deleted
     * entities go.
     */
    public void refresh(List<EntityNode> expanded, Runnable then) {
        refresh(expanded, true, then);
    }

    /**
     * Reloads only the children of {@code nodes}, as {@link #refresh(List, Runnable)} does, without the top-level
     * ids, so parts of the tree changed by a job are read again without a SCAN of the whole database.
     */
    public void refreshParts(List<EntityNode> nodes, Runnable then) {
        refresh(nodes, false, then);
    }

    private void refresh(List<EntityNode> expanded, boolean withTopLevel, Runnable then) {
        HotcoreStore current = store.get();
        if (current == null) {
            return;
        }
        List<RefreshRequest> requests = new ArrayList<>();
        for (EntityNode node : expanded) {
            if (node.isChildrenRequested() && !node.isLoading()) {
                requests.add(new RefreshRequest(node.getId(), node.getChildren().size(),
                        node.getChildren().stream().map(EntityNode::getId).toList()));
                node.busy(true);
            }
        }
        status.activity("Refreshing");
        background.submit("refresh the tree", (progress, cancellation) -> {
                    List<ChildSummary> top = withTopLevel ? readTopLevel(current, progress, cancellation) : null;
                    Map<String, NodeRefresh> nodes = new LinkedHashMap<>();
                    for (RefreshRequest request : requests) {
                        if (cancellation.isCancelled()) {
                            throw new CancelledException("refresh cancelled");
                        }
                        nodes.put(request.id(), reread(current, request));
                    }
                    return new RefreshResult(top, nodes);
                },
                result -> {
                    status.activity("");
                    requests.forEach(request -> clearBusy(request.id()));
                    if (current == store.get()) {
                        applyRefresh(result);
                        then.run();
                    }
                },
                error -> {
                    status.activity("");
                    requests.forEach(request -> clearBusy(request.id()));
                    status.failed("refresh the tree", error);
                });
    }

    /** The request to re-read one expanded node: its id and the children shown before. */
    record RefreshRequest(String id, int loaded, List<String> loadedIds) {
    }

    /** The state of one node after a refresh; {@code summary} is null when the entity was deleted. */
    record NodeRefresh(ChildSummary summary, List<ChildSummary> children, ChildCursor cursor, boolean complete,
                       int shown) {
    }

    private static ChildSummary summaryOf(EntityNode node) {
        return new ChildSummary(node.getId(), node.getName(), node.getType(), node.getChildCount(), !node.isMissing());
    }

    record RefreshResult(List<ChildSummary> topLevel, Map<String, NodeRefresh> nodes) {
    }

    private static NodeRefresh reread(HotcoreStore store, RefreshRequest request) {
        ChildSummary summary = store.summary(request.id());
        boolean deleted = !summary.entityExists() && summary.childCount() == 0 && !isTopLevel(store, request.id());
        if (deleted) {
            return new NodeRefresh(null, List.of(), null, true, 0);
        }
        ChildCursor cursor = store.children(request.id());
        Map<String, ChildSummary> children = new LinkedHashMap<>();
        do {
            cursor.next(PAGE_SIZE).children().forEach(child -> children.put(child.id(), child));
        } while (!cursor.complete() && children.size() < Math.max(request.loaded(), 1));
        if (!cursor.complete()) {
            // SSCAN may return members in another order after the set was resized. A loaded child that the new
            // pages did not return stays when its parent pointer still names this node.
            for (String childId : request.loadedIds()) {
                if (!children.containsKey(childId) && request.id().equals(store.parentOf(childId))) {
                    children.put(childId, store.summary(childId));
                }
            }
        }
        return new NodeRefresh(summary, List.copyOf(children.values()), cursor, cursor.complete(),
                request.loaded());
    }

    private static boolean isTopLevel(HotcoreStore store, String id) {
        try {
            return store.isTopLevel(id);
        } catch (EntityNotFoundException e) {
            return false;
        }
    }

    private void applyRefresh(RefreshResult result) {
        if (result.topLevel() != null) {
            mergeTopLevel(result.topLevel());
        }
        for (Map.Entry<String, NodeRefresh> entry : result.nodes().entrySet()) {
            EntityNode node = index.get(entry.getKey());
            if (node == null) {
                continue;
            }
            NodeRefresh refresh = entry.getValue();
            if (refresh.summary() == null) {
                detach(node);
                continue;
            }
            node.update(refresh.summary());
            Set<String> present = new HashSet<>();
            refresh.children().forEach(child -> present.add(child.id()));
            for (EntityNode child : List.copyOf(node.getChildren())) {
                if (!present.contains(child.getId())) {
                    detach(child);
                }
            }
            List<EntityNode> added = new ArrayList<>();
            List<String> cycles = new ArrayList<>();
            for (ChildSummary summary : refresh.children()) {
                if (isSelfOrAncestor(node, summary.id())) {
                    cycles.add(summary.id());
                    continue;
                }
                EntityNode existing = node.child(summary.id());
                if (existing != null) {
                    existing.update(summary);
                } else {
                    EntityNode stale = index.get(summary.id());
                    if (stale != null) {
                        detach(stale);
                    }
                    added.add(EntityNode.of(summary, false));
                }
            }
            node.cursor(refresh.cursor());
            node.overflow().clear();
            // Rows beyond what was shown before wait for "Load more", as after a page load.
            int room = Math.max(0, Math.max(refresh.shown(), PAGE_SIZE) - node.getChildren().size());
            if (added.size() > room) {
                added.subList(room, added.size()).forEach(extra -> node.overflow().add(summaryOf(extra)));
                added = added.subList(0, room);
            }
            node.append(added).forEach(child -> {
                index.put(child.getId(), child);
                markDeleting(child);
            });
            node.childrenRequested(true);
            node.hasMore(!refresh.complete() || !node.overflow().isEmpty());
            if (refresh.complete() && node.overflow().isEmpty()) {
                node.childCount(node.getChildren().size());
            }
            reportCycles(node, cycles);
        }
    }

    private void clearBusy(String id) {
        EntityNode node = index.get(id);
        if (node != null) {
            node.busy(false);
        }
    }

    // ---------------------------------------------------------------- single changes

    /** Re-reads the name, type and child count of {@code id} when it is in the tree. */
    public void refreshSummary(String id) {
        EntityNode node = index.get(id);
        HotcoreStore current = store.get();
        if (node == null || current == null) {
            return;
        }
        background.submit("read " + id, (progress, cancellation) -> current.summary(id),
                summary -> {
                    if (index.get(id) == node) {
                        node.update(summary);
                    }
                },
                error -> status.failed("read " + id, error));
    }

    /**
     * Deletes the entity of {@code node} in the background. With {@code subtree} every descendant goes too, in
     * bottom-up batches; without it the children are lifted to the node's parent. The node leaves the tree when the
     * delete succeeds, then {@code then} runs.
     */
    public void delete(EntityNode node, boolean subtree, Runnable then) {
        HotcoreStore current = store.get();
        if (current == null || node.isTopLevel()) {
            return;
        }
        String id = node.getId();
        String action = subtree ? "delete " + id + " with its subtree" : "delete " + id + " keeping its children";
        node.busy(true);
        status.activity("Deleting " + node.labelBinding().get());
        background.submit(action, (progress, cancellation) -> {
                    if (subtree) {
                        current.deleteCascade(id, CascadeDelete.Options.DEFAULT, progress, cancellation);
                    } else {
                        current.deleteLiftingChildren(id, DELETE_BATCH, progress, cancellation);
                    }
                    return Boolean.TRUE;
                },
                done -> {
                    node.busy(false);
                    status.activity("");
                    log.info("Deleted {}{}", id, subtree ? " with its subtree" : ", children lifted to the parent");
                    removed(id);
                    then.run();
                },
                error -> {
                    node.busy(false);
                    status.activity("");
                    status.failed(action, error);
                });
    }

    /**
     * Marks {@code id} as the root of a running subtree delete, or unmarks it; its loaded node and descendants show
     * it, and nodes loaded below it later inherit it.
     */
    void deleting(String id, boolean running) {
        if (running) {
            deletingRoots.add(id);
        } else {
            deletingRoots.remove(id);
        }
        EntityNode node = index.get(id);
        if (node != null) {
            markDeleting(node);
        }
    }

    /** Sets the deleting mark of {@code node} and its loaded descendants from the running delete jobs. */
    private void markDeleting(EntityNode node) {
        boolean inherited = false;
        for (EntityNode ancestor = node.getParent(); ancestor != null && !inherited; ancestor = ancestor.getParent()) {
            inherited = deletingRoots.contains(ancestor.getId());
        }
        ArrayDeque<Map.Entry<EntityNode, Boolean>> stack = new ArrayDeque<>();
        stack.push(Map.entry(node, inherited));
        while (!stack.isEmpty()) {
            Map.Entry<EntityNode, Boolean> next = stack.pop();
            boolean marked = next.getValue() || deletingRoots.contains(next.getKey().getId());
            next.getKey().deleting(marked);
            next.getKey().getChildren().forEach(child -> stack.push(Map.entry(child, marked)));
        }
    }

    /**
     * Shows a stored move of {@code id} from {@code oldParentId} to {@code newParentId}: the node leaves its old
     * parent, joins the new one when that one's children were loaded, and both child counts follow. The node keeps
     * its loaded children.
     */
    void moved(String id, String oldParentId, String newParentId) {
        EntityNode node = index.get(id);
        EntityNode oldParent = oldParentId == null ? null : index.get(oldParentId);
        EntityNode newParent = index.get(newParentId);
        if (oldParent != null) {
            oldParent.childCount(Math.max(0, oldParent.getChildCount() - 1));
        }
        if (newParent != null) {
            newParent.childCount(newParent.getChildCount() + 1);
        }
        if (node == null) {
            return;
        }
        if (node.getParent() != null) {
            node.getParent().remove(node);
        } else {
            topLevel.remove(node);
        }
        if (newParent != null && newParent.isChildrenRequested()) {
            newParent.append(List.of(node));
            markDeleting(node);
        } else {
            // Not shown until the new parent's children are loaded, which reads it again.
            unindex(node);
        }
    }

    /** Shows an entity created under {@code parentId}: added to the parent's loaded children, its count raised. */
    void created(String parentId, ChildSummary summary) {
        EntityNode parent = index.get(parentId);
        if (parent == null) {
            return;
        }
        parent.childCount(parent.getChildCount() + 1);
        if (parent.isChildrenRequested() && !index.containsKey(summary.id())) {
            EntityNode node = EntityNode.of(summary, false);
            parent.append(List.of(node));
            index.put(node.getId(), node);
            markDeleting(node);
        }
    }

    /** Removes {@code id} and its loaded subtree from the tree, after the entity was deleted. */
    public void removed(String id) {
        EntityNode node = index.get(id);
        if (node != null) {
            EntityNode parent = node.getParent();
            detach(node);
            if (parent != null) {
                parent.childCount(Math.max(0, parent.getChildCount() - 1));
            }
        }
    }

    private void detach(EntityNode node) {
        if (node.getParent() != null) {
            node.getParent().remove(node);
        } else {
            topLevel.remove(node);
        }
        unindex(node);
    }

    /** Removes a node and its loaded descendants from the index, walking with an explicit stack. */
    private void unindex(EntityNode node) {
        ArrayDeque<EntityNode> stack = new ArrayDeque<>();
        stack.push(node);
        while (!stack.isEmpty()) {
            EntityNode next = stack.pop();
            if (index.get(next.getId()) == next) {
                index.remove(next.getId());
            }
            afterPage.remove(next);
            next.getChildren().forEach(stack::push);
        }
        Focus focused = focus.get();
        if (!changingFocus && focused != null && index.get(focused.node().getId()) != focused.node()) {
            // The focused entity was deleted or moved away.
            focus.set(null);
        }
    }

    // ---------------------------------------------------------------- focus

    /**
     * Focuses the tree on the loaded {@code node}: it becomes the tree's top. A top-level id ends the focus instead.
     */
    public void focusOn(EntityNode node) {
        int depth = 0;
        EntityNode top = node;
        while (top.getParent() != null) {
            top = top.getParent();
            depth++;
        }
        Focus focused = focus.get();
        if (top.isTopLevel()) {
            if (depth == 0) {
                showFullTree();
            } else {
                changeFocus(node, top.getId(), depth);
            }
        } else if (focused != null && focused.node().isWithin(top)) {
            // The node is in the focused subtree, whose top has the depth of the focus less its distance to it.
            int topDepth = focused.depth();
            for (EntityNode step = focused.node(); step != top; step = step.getParent()) {
                topDepth--;
            }
            changeFocus(node, focused.topLevelId(), topDepth + depth);
        }
    }

    /** Ends the focus: the tree shows the top-level ids again, and the nodes loaded only for the focus are dropped. */
    public void showFullTree() {
        changeFocus(null, null, 0);
    }

    /**
     * Focuses the tree on the parent of the focused entity. When that parent is not loaded, it is read in the
     * background and the focused node, with its loaded subtree, becomes its first child. A parent that is a top-level
     * id ends the focus.
     */
    public void focusUp() {
        Focus focused = focus.get();
        HotcoreStore current = store.get();
        if (focused == null || current == null) {
            return;
        }
        EntityNode node = focused.node();
        if (node.getParent() != null) {
            focusOn(node.getParent());
            return;
        }
        if (focused.depth() <= 1) {
            showFullTree();
            return;
        }
        String id = node.getId();
        status.activity("Reading the parent of " + node.labelBinding().get());
        background.submit("read the parent of " + id, (progress, cancellation) -> {
                    String parentId = current.parentOf(id);
                    if (parentId == null) {
                        throw new EntityNotFoundException(id, "refresh the tree (F5)");
                    }
                    return current.summary(parentId);
                },
                summary -> {
                    status.activity("");
                    if (focus.get() != focused || current != store.get()) {
                        return;
                    }
                    EntityNode loaded = index.get(summary.id());
                    if (loaded != null) {
                        focusOn(loaded);
                        return;
                    }
                    EntityNode parent = EntityNode.of(summary, false);
                    index.put(parent.getId(), parent);
                    // The first page of the parent adds its other children; the node is not added twice.
                    parent.append(List.of(node));
                    focus.set(new Focus(parent, focused.topLevelId(), focused.depth() - 1));
                },
                error -> {
                    status.activity("");
                    status.failed("show the parent of " + node.labelBinding().get(), error);
                });
    }

    /**
     * Sets the focus to {@code node}, or ends it when null. When the old focus was in a subtree loaded without its
     * ancestors, that subtree is dropped, except for the part below {@code node}, which becomes such a subtree.
     */
    private void changeFocus(EntityNode node, String topLevelId, int depth) {
        Focus focused = focus.get();
        if (focused != null) {
            EntityNode top = focused.node();
            while (top.getParent() != null) {
                top = top.getParent();
            }
            if (!top.isTopLevel() && top != node) {
                if (node != null && node.isWithin(top)) {
                    node.getParent().remove(node);
                }
                changingFocus = true;
                unindex(top);
                changingFocus = false;
            }
        }
        focus.set(node == null ? null : new Focus(node, topLevelId, depth));
    }

    // ---------------------------------------------------------------- reveal

    /**
     * Loads the ancestors of {@code id} page by page until each level contains the next one, then passes the nodes from
     * the tree's top down to the entity to {@code onRevealed}. The tree's top is a top-level id, or the focused entity
     * when the entity is at most {@value #MAX_LEVELS} levels below it. A deeper entity focuses the tree on its
     * ancestor {@value #FOCUS_MARGIN} levels above it, read without its own ancestors, so a reveal loads at most
     * {@value #MAX_LEVELS} levels at any depth: one step per level, driven by page completions, no recursion.
     */
    public void reveal(String id, Consumer<List<EntityNode>> onRevealed) {
        HotcoreStore current = store.get();
        if (current == null) {
            return;
        }
        status.activity("Finding " + id);
        background.submit("find the path to " + id, (progress, cancellation) -> current.pathTo(id),
                path -> {
                    status.activity("");
                    if (current != store.get()) {
                        return;
                    }
                    log.debug("Revealing {} at depth {}", id, path.size() - 1);
                    revealPath(current, path, onRevealed);
                },
                error -> {
                    status.activity("");
                    status.failed("find " + id + " in the tree", error);
                });
    }

    private void revealPath(HotcoreStore current, List<String> path, Consumer<List<EntityNode>> onRevealed) {
        int target = path.size() - 1;
        Focus focused = focus.get();
        if (focused != null && focused.depth() <= target && target - focused.depth() <= MAX_LEVELS
                && path.get(focused.depth()).equals(focused.node().getId())) {
            new Reveal(path, focused.depth(), focused.node(), onRevealed).step();
            return;
        }
        if (target <= MAX_LEVELS) {
            showFullTree();
            Reveal reveal = new Reveal(path, 0, null, onRevealed);
            if (index.get(path.getFirst()) == null) {
                loadTopLevel(reveal::step);
            } else {
                reveal.step();
            }
            return;
        }
        int depth = target - FOCUS_MARGIN;
        String focusId = path.get(depth);
        EntityNode loaded = index.get(focusId);
        if (loaded != null) {
            focusOn(loaded);
            new Reveal(path, depth, loaded, onRevealed).step();
            return;
        }
        status.activity("Reading " + focusId);
        background.submit("read " + focusId, (progress, cancellation) -> current.summary(focusId),
                summary -> {
                    status.activity("");
                    if (current != store.get()) {
                        return;
                    }
                    EntityNode node = index.get(focusId);
                    if (node == null) {
                        node = EntityNode.of(summary, false);
                        changeFocus(node, path.getFirst(), depth);
                        index.put(focusId, node);
                    } else {
                        focusOn(node);
                    }
                    new Reveal(path, depth, node, onRevealed).step();
                },
                error -> {
                    status.activity("");
                    status.failed("read " + focusId, error);
                });
    }

    /** The state of one reveal: the path, where in it the reveal starts and how far down it is loaded. */
    private final class Reveal {
        private final List<String> path;
        private final int start;
        private final Consumer<List<EntityNode>> onRevealed;
        private final List<EntityNode> nodes = new ArrayList<>();

        /** Starts at the top-level id when {@code startNode} is null, else at {@code startNode}, {@code path[start]}. */
        Reveal(List<String> path, int start, EntityNode startNode, Consumer<List<EntityNode>> onRevealed) {
            this.path = path;
            this.start = start;
            this.onRevealed = onRevealed;
            if (startNode != null) {
                nodes.add(startNode);
            }
        }

        /** Advances as far as the loaded pages allow, then waits for the next page of the current level. */
        void step() {
            if (nodes.isEmpty()) {
                EntityNode top = index.get(path.getFirst());
                if (top == null || !top.isTopLevel()) {
                    status.failed("show " + path.getLast(), new EntityNotFoundException(path.getFirst(),
                            "refresh the tree (F5)"));
                    return;
                }
                nodes.add(top);
            }
            while (start + nodes.size() < path.size()) {
                EntityNode parent = nodes.getLast();
                String next = path.get(start + nodes.size());
                EntityNode child = parent.child(next);
                if (child != null) {
                    nodes.add(child);
                    continue;
                }
                if (parent.isLoading() || parent.canLoadMore()) {
                    // A page that is loading, such as the first page of a node the tree just expanded, comes first.
                    status.activity("Finding " + path.getLast() + " below " + parent.labelBinding().get());
                    loadNextPage(parent, this::step);
                    return;
                }
                status.failed("show " + path.getLast(), new EntityNotFoundException(next,
                        "it is no longer a child of " + parent.getId() + "; refresh the tree (F5)"));
                return;
            }
            onRevealed.accept(List.copyOf(nodes));
        }
    }
}
