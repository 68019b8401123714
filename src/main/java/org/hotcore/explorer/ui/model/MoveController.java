package org.hotcore.explorer.ui.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.ReadOnlyException;
import org.hotcore.explorer.core.RejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves entities to another parent through the core's move, from a drop, from cut and paste, and back by undo. The
 * tree checks a target against the ancestors already loaded only. The core decides for certain, with the stored
 * ancestors WATCHed. Call every method on the FX thread.
 */
public final class MoveController {

    private static final Logger log = LoggerFactory.getLogger(MoveController.class);

    /** One stored move: the entity and the parent it had before. */
    public record Moved(String id, String oldParentId) {
    }

    /** The last moves of one action, which undo reverts. */
    private record LastMove(List<Moved> moves, String newParentId, String label) {
    }

    /** The result of a move task: the moves stored before an error stopped it, and that error or null. */
    private record Outcome(List<Moved> moved, Throwable error, String failedId) {
    }

    private final Background background;
    private final TreeModel tree;
    private final StatusModel status;
    private final Supplier<HotcoreStore> store;
    private final List<EntityNode> cut = new ArrayList<>();
    private final ReadOnlyIntegerWrapper cutCount = new ReadOnlyIntegerWrapper(this, "cutCount", 0);
    private final ReadOnlyBooleanWrapper undoable = new ReadOnlyBooleanWrapper(this, "undoable", false);
    private final ReadOnlyBooleanWrapper moving = new ReadOnlyBooleanWrapper(this, "moving", false);
    private LastMove last;

    MoveController(Background background, TreeModel tree, StatusModel status, Supplier<HotcoreStore> store) {
        this.background = background;
        this.tree = tree;
        this.status = status;
        this.store = store;
    }

    /** Number of nodes cut and waiting for a paste; 0 by default. */
    public ReadOnlyIntegerProperty cutCountProperty() {
        return cutCount.getReadOnlyProperty();
    }

    public int getCutCount() {
        return cutCount.get();
    }

    /** True when the last move can be undone; false by default. */
    public ReadOnlyBooleanProperty undoableProperty() {
        return undoable.getReadOnlyProperty();
    }

    public boolean isUndoable() {
        return undoable.get();
    }

    /** True while a move or an undo runs; false by default. */
    public ReadOnlyBooleanProperty movingProperty() {
        return moving.getReadOnlyProperty();
    }

    public boolean isMoving() {
        return moving.get();
    }

    /** Tells whether {@code node} can be moved: an entity that exists and is not inside a running delete. */
    public static boolean canMove(EntityNode node) {
        return node != null && !node.isTopLevel() && !node.isMissing() && !node.isDeleting();
    }

    /**
     * Tells whether {@code target} can take {@code nodes} as children, judged from the loaded tree. A valid target is
     * not one of them, not inside one of them, not the current parent of one, not missing and not being deleted.
     */
    public static boolean isValidTarget(List<EntityNode> nodes, EntityNode target) {
        if (target == null || nodes.isEmpty() || target.isMissing() || target.isDeleting()) {
            return false;
        }
        for (EntityNode node : nodes) {
            if (!canMove(node) || target.isWithin(node) || node.getParent() == target) {
                return false;
            }
        }
        return true;
    }

    /** Keeps only the movable nodes whose loaded ancestors are not in the list too, which move with them. */
    public static List<EntityNode> movable(List<EntityNode> nodes) {
        Set<EntityNode> all = new LinkedHashSet<>(nodes);
        List<EntityNode> result = new ArrayList<>();
        for (EntityNode node : all) {
            boolean inside = false;
            for (EntityNode ancestor = node.getParent(); ancestor != null && !inside;
                 ancestor = ancestor.getParent()) {
                inside = all.contains(ancestor);
            }
            if (!inside && canMove(node)) {
                result.add(node);
            }
        }
        return result;
    }

    /**
     * Moves {@code nodes} under {@code target} one after the other in the background. On success the tree shows
     * them under the target and {@code onMoved} gets their ids. A move the core rejects stops the rest and is shown
     * with its reason. The parents involved are then read again, so the tree shows what is stored.
     */
    public void move(List<EntityNode> nodes, EntityNode target, Consumer<List<String>> onMoved) {
        HotcoreStore current = store.get();
        List<EntityNode> chosen = movable(nodes);
        if (current == null || chosen.isEmpty() || target == null) {
            return;
        }
        List<String> ids = chosen.stream().map(EntityNode::getId).toList();
        String targetId = target.getId();
        String label = chosen.size() == 1 ? chosen.getFirst().labelBinding().get() : chosen.size() + " entities";
        String action = "move " + label + " under " + target.labelBinding().get();
        run(action, current, ids.stream().map(id -> new Moved(id, null)).toList(), targetId, false,
                moved -> {
                    last = new LastMove(moved, targetId, label);
                    undoable.set(true);
                    onMoved.accept(moved.stream().map(Moved::id).toList());
                }, error -> { });
    }

    /** Cuts {@code nodes}: they are marked and wait for {@link #paste}. */
    public void cut(List<EntityNode> nodes) {
        cancelCut();
        cut.addAll(movable(nodes));
        cut.forEach(node -> node.cut(true));
        cutCount.set(cut.size());
        if (!cut.isEmpty()) {
            status.activity(cut.size() == 1 ? "Cut " + cut.getFirst().labelBinding().get()
                    + ": select the new parent and paste (Ctrl+V), Escape cancels"
                    : "Cut " + cut.size() + " entities: select the new parent and paste (Ctrl+V), Escape cancels");
        }
    }

    /** Forgets the cut nodes. */
    public void cancelCut() {
        boolean had = !cut.isEmpty();
        cut.forEach(node -> node.cut(false));
        cut.clear();
        cutCount.set(0);
        if (had) {
            status.activity("");
        }
    }

    /** Forgets the cut nodes and the last move, as when another database is shown. */
    void reset() {
        cancelCut();
        last = null;
        undoable.set(false);
    }

    /** Moves the cut nodes under {@code target}, or shows why not when the target is invalid. */
    public void paste(EntityNode target, Consumer<List<String>> onMoved) {
        if (cut.isEmpty() || target == null) {
            return;
        }
        List<EntityNode> nodes = List.copyOf(cut);
        if (!isValidTarget(movable(nodes), target)) {
            status.failed("paste under " + target.labelBinding().get(), new RejectedException(
                    "invalid target: it is one of the cut entities, inside one of them or already their parent."
                            + " Choose another parent"));
            return;
        }
        cancelCut();
        move(nodes, target, onMoved);
    }

    /**
     * Moves the entities of the last move back to their old parents while each is still under the parent it was moved
     * to. Otherwise shows the reason in the status and moves nothing more. An undo that a read-only store rejects
     * moves nothing, so the move can still be undone afterwards.
     */
    public void undo(Consumer<List<String>> onMoved) {
        HotcoreStore current = store.get();
        if (current == null || last == null) {
            status.failed("undo the move", new RejectedException("there is no move to undo"));
            return;
        }
        LastMove undone = last;
        last = null;
        undoable.set(false);
        run("undo the move of " + undone.label(), current, undone.moves().reversed(), undone.newParentId(), true,
                moved -> onMoved.accept(moved.stream().map(Moved::id).toList()),
                error -> {
                    if (error instanceof ReadOnlyException && last == null && store.get() == current) {
                        last = undone;
                        undoable.set(true);
                    }
                });
    }

    /**
     * Runs the moves. For a move the old parent is read before each entity moves; for an undo each entity goes back
     * to its recorded parent after checking it is still under {@code parentId}. {@code onNothingMoved} gets the
     * error that stopped the moves before the first one was stored.
     */
    private void run(String action, HotcoreStore current, List<Moved> requests, String parentId, boolean undo,
                     Consumer<List<Moved>> onSucceeded, Consumer<Throwable> onNothingMoved) {
        moving.set(true);
        status.activity(Character.toUpperCase(action.charAt(0)) + action.substring(1));
        background.submit(action, (progress, cancellation) -> {
                    List<Moved> done = new ArrayList<>();
                    for (Moved request : requests) {
                        try {
                            if (undo) {
                                String stored = current.parentOf(request.id());
                                if (!parentId.equals(stored)) {
                                    throw new RejectedException("'" + request.id() + "' is no longer under '"
                                            + parentId + "'; it was moved or deleted since");
                                }
                                current.move(request.id(), request.oldParentId());
                                done.add(new Moved(request.id(), parentId));
                            } else {
                                String oldParent = current.parentOf(request.id());
                                if (current.move(request.id(), parentId)) {
                                    done.add(new Moved(request.id(), oldParent));
                                }
                            }
                        } catch (RuntimeException e) {
                            return new Outcome(done, e, request.id());
                        }
                    }
                    return new Outcome(done, null, null);
                },
                outcome -> {
                    moving.set(false);
                    status.activity("");
                    for (Moved moved : outcome.moved()) {
                        String from = undo ? parentId : moved.oldParentId();
                        String to = undo ? requestedParent(requests, moved.id()) : parentId;
                        tree.moved(moved.id(), from, to);
                    }
                    if (outcome.error() == null) {
                        log.info("{}: {} moved", action, outcome.moved().size());
                        onSucceeded.accept(undo ? outcome.moved().stream()
                                .map(moved -> new Moved(moved.id(), requestedParent(requests, moved.id())))
                                .toList() : outcome.moved());
                        return;
                    }
                    status.failed(action, outcome.error());
                    if (outcome.moved().isEmpty()) {
                        onNothingMoved.accept(outcome.error());
                    }
                    reloadAround(outcome.failedId(), parentId, requests);
                },
                error -> {
                    moving.set(false);
                    status.activity("");
                    status.failed(action, error);
                });
    }

    private static String requestedParent(List<Moved> requests, String id) {
        return requests.stream().filter(request -> request.id().equals(id)).map(Moved::oldParentId)
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Reads the parents involved in a rejected move again, so the tree shows what is stored. */
    private void reloadAround(String failedId, String parentId, List<Moved> requests) {
        Set<EntityNode> parts = new LinkedHashSet<>();
        EntityNode failed = failedId == null ? null : tree.node(failedId);
        if (failed != null && failed.getParent() != null) {
            parts.add(failed.getParent());
        }
        for (Moved request : requests) {
            EntityNode node = tree.node(request.id());
            if (node != null && node.getParent() != null) {
                parts.add(node.getParent());
            }
        }
        EntityNode target = tree.node(parentId);
        if (target != null) {
            parts.add(target);
        }
        if (!parts.isEmpty()) {
            tree.refreshParts(new ArrayList<>(parts), () -> { });
        }
    }
}
