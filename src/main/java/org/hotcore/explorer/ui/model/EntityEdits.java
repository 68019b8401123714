package org.hotcore.explorer.ui.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hotcore.explorer.core.Bytes;
import org.hotcore.explorer.core.ChildSummary;
import org.hotcore.explorer.core.HotcoreStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates and renames entities from the tree, in the background. Call every method on the FX thread. */
public final class EntityEdits {

    private static final Logger log = LoggerFactory.getLogger(EntityEdits.class);

    private static final Bytes NAME = Bytes.utf8("name");

    private final Background background;
    private final TreeModel tree;
    private final DetailsModel details;
    private final StatusModel status;
    private final Supplier<HotcoreStore> store;

    EntityEdits(Background background, TreeModel tree, DetailsModel details, StatusModel status,
                Supplier<HotcoreStore> store) {
        this.background = background;
        this.tree = tree;
        this.details = details;
        this.status = status;
        this.store = store;
    }

    /**
     * Creates an entity named {@code escapedName} ({@code \xHH} gives raw bytes) under {@code parent}; on success the
     * tree shows it and {@code onCreated} gets its uuid.
     */
    public void createChild(EntityNode parent, String escapedName, Consumer<String> onCreated) {
        HotcoreStore current = store.get();
        if (current == null || parent == null || parent.isMissing() || parent.isDeleting()) {
            return;
        }
        Map<Bytes, Bytes> attributes = new LinkedHashMap<>();
        attributes.put(NAME, Bytes.unescape(escapedName));
        String parentId = parent.getId();
        String action = "create a child of " + parent.labelBinding().get();
        background.submit(action, (progress, cancellation) -> current.summary(current.create(parentId, attributes)),
                summary -> {
                    log.info("Created {} under {}", summary.id(), parentId);
                    tree.created(parentId, summary);
                    onCreated.accept(summary.id());
                },
                error -> status.failed(action, error));
    }

    /** Sets the {@code name} attribute of {@code node} to {@code escapedName}, with its index. */
    public void rename(EntityNode node, String escapedName) {
        HotcoreStore current = store.get();
        if (current == null || node == null || node.isTopLevel() || node.isMissing()) {
            return;
        }
        String id = node.getId();
        Map<Bytes, Bytes> changes = Map.of(NAME, Bytes.unescape(escapedName));
        String action = "rename " + node.labelBinding().get();
        background.submit(action, (progress, cancellation) -> {
                    current.apply(id, changes);
                    return current.summary(id);
                },
                (ChildSummary summary) -> {
                    EntityNode renamed = tree.node(id);
                    if (renamed != null) {
                        renamed.update(summary);
                    }
                    if (id.equals(details.getId())) {
                        details.select(id, false);
                    }
                },
                error -> status.failed(action, error));
    }
}
