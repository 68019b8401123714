package org.hotcore.explorer.ui.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.hotcore.explorer.core.CancelledException;
import org.hotcore.explorer.core.CascadeDelete;
import org.hotcore.explorer.core.ChildSummary;
import org.hotcore.explorer.core.HotcoreStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes subtrees as jobs: first a {@link Preview} that counts what will go, then the core's cascade delete in
 * bounded batches. While a job runs, its loaded nodes are marked deleting; when it ends the affected parts of the
 * tree are read again. Call every method on the FX thread.
 */
public final class SubtreeDeletes {

    private static final Logger log = LoggerFactory.getLogger(SubtreeDeletes.class);

    /** Names listed in the confirmation: the entity and this many of its children. */
    public static final int PREVIEW_NAMES = 5;

    private final JobsModel jobs;
    private final Background background;
    private final TreeModel tree;
    private final StatusModel status;
    private final Supplier<HotcoreStore> store;
    private CascadeDelete.Options options = CascadeDelete.Options.DEFAULT;

    SubtreeDeletes(JobsModel jobs, Background background, TreeModel tree, StatusModel status,
                   Supplier<HotcoreStore> store) {
        this.jobs = jobs;
        this.background = background;
        this.tree = tree;
        this.status = status;
        this.store = store;
    }

    /** Sets the batch options of later jobs; the core's defaults unless changed. */
    public void setOptions(CascadeDelete.Options newOptions) {
        options = newOptions;
    }

    /** Tells whether {@code node} can be deleted with its subtree now: an entity not inside a running delete. */
    public static boolean canDelete(EntityNode node) {
        return node != null && !node.isTopLevel() && !node.isDeleting();
    }

    /** Starts counting the subtree of {@code node} in the background. */
    public Preview preview(EntityNode node) {
        return new Preview(node);
    }

    /**
     * What a subtree delete would remove, read in the background: the entity count, which grows while the walk runs,
     * and the first few names. {@link #cancel()} stops the count.
     */
    public final class Preview {

        private final EntityNode node;
        private final ReadOnlyLongWrapper counted = new ReadOnlyLongWrapper(this, "counted", 0);
        private final ReadOnlyBooleanWrapper complete = new ReadOnlyBooleanWrapper(this, "complete", false);
        private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure", "");
        private final ObservableList<String> names = FXCollections.observableArrayList();
        private final AtomicLong reported = new AtomicLong();
        private final FxCoalescer publisher = new FxCoalescer(() -> counted.set(Math.max(counted.get(),
                reported.get())));
        private final Task<Long> task;

        private Preview(EntityNode node) {
            this.node = node;
            names.add(node.labelBinding().get());
            HotcoreStore current = store.get();
            String id = node.getId();
            task = background.submit("count the subtree of " + id, (progress, cancellation) -> {
                        List<ChildSummary> first = current.childPage(id, "0", PREVIEW_NAMES, new HashSet<>())
                                .children();
                        List<String> childNames = first.stream().limit(PREVIEW_NAMES)
                                .map(child -> child.name() != null ? child.name() : child.id()).toList();
                        Platform.runLater(() -> names.addAll(childNames));
                        return current.countSubtree(id, (doneNow, totalNow) -> {
                            reported.set(doneNow);
                            publisher.request();
                        }, cancellation);
                    },
                    count -> {
                        counted.set(count);
                        complete.set(true);
                    },
                    error -> {
                        String reason = error.getMessage() == null ? error.getClass().getSimpleName()
                                : error.getMessage();
                        failure.set("Could not count the subtree: " + reason);
                        status.failed("count the subtree of " + id, error);
                    });
        }

        public EntityNode node() {
            return node;
        }

        /** Entities counted so far, the entity itself included once complete; 0 by default. */
        public ReadOnlyLongProperty countedProperty() {
            return counted.getReadOnlyProperty();
        }

        public long getCounted() {
            return counted.get();
        }

        /** True once the count is final; false by default. */
        public ReadOnlyBooleanProperty completeProperty() {
            return complete.getReadOnlyProperty();
        }

        public boolean isComplete() {
            return complete.get();
        }

        /** Why the count failed; empty by default. */
        public ReadOnlyStringProperty failureProperty() {
            return failure.getReadOnlyProperty();
        }

        /** The entity's label and the names of its first children, in the order SSCAN returned them. */
        public ObservableList<String> getNames() {
            return names;
        }

        /** Stops the count. */
        public void cancel() {
            task.cancel();
        }
    }

    /**
     * Starts the cascade delete of {@code node} as a job, or returns null when the node cannot be deleted now.
     * The node's parent is read again when the job ends; a job stopped early also reloads the node's loaded
     * descendants, so what remains is shown.
     */
    public Job start(EntityNode node) {
        return start(node, -1);
    }

    /**
     * Starts the cascade delete of {@code node} as a job with the count of its subtree that the user confirmed, so
     * that the job does not count it again; -1 counts it first.
     */
    public Job start(EntityNode node, long confirmedCount) {
        HotcoreStore current = store.get();
        if (current == null || !canDelete(node)) {
            return null;
        }
        String id = node.getId();
        String label = node.labelBinding().get();
        CascadeDelete.Options jobOptions = options;
        tree.deleting(id, true);
        log.info("Deleting {} ({}) with its subtree", id, label);
        return jobs.start("Delete " + label + " with its subtree",
                (progress, cancellation) -> current.deleteCascade(id, jobOptions, confirmedCount, progress,
                        cancellation),
                (job, result) -> {
                    tree.deleting(id, false);
                    if (result.cancelled()) {
                        job.finish(Job.State.CANCELLED, "Cancelled: " + count(result.deleted()) + " of "
                                + count(result.total()) + " entities deleted; the rest stays");
                        log.info("Delete of {} cancelled after {} of {} entities", id, result.deleted(),
                                result.total());
                    } else {
                        job.finish(Job.State.SUCCEEDED, "Deleted " + count(result.deleted()) + " entities");
                    }
                    afterJob(id, !result.cancelled());
                },
                (job, error) -> {
                    tree.deleting(id, false);
                    String deleted = count(job.reportedDone()) + " entities deleted";
                    if (error instanceof CancelledException) {
                        job.finish(Job.State.CANCELLED, "Cancelled: " + deleted);
                        afterJob(id, false);
                        return;
                    }
                    String reason = error.getMessage() == null ? error.getClass().getSimpleName()
                            : error.getMessage();
                    job.finish(Job.State.FAILED, "Failed after " + deleted + ": " + reason);
                    status.failed("delete " + label + " with its subtree", error);
                });
    }

    /** Reads the affected part of the tree again: the parent, and what remains of the subtree. */
    private void afterJob(String id, boolean complete) {
        EntityNode node = tree.node(id);
        if (node == null) {
            return;
        }
        EntityNode parent = node.getParent();
        if (complete) {
            tree.removed(id);
            if (parent != null) {
                tree.refreshSummary(parent.getId());
            }
            return;
        }
        List<EntityNode> parts = new ArrayList<>();
        if (parent != null) {
            parts.add(parent);
        }
        ArrayDeque<EntityNode> stack = new ArrayDeque<>();
        stack.push(node);
        while (!stack.isEmpty()) {
            EntityNode next = stack.pop();
            if (next.isChildrenRequested()) {
                parts.add(next);
                next.getChildren().forEach(stack::push);
            }
        }
        tree.refreshParts(parts, () -> { });
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
