package org.hotcore.explorer.ui.view;

import org.hotcore.explorer.ui.model.EntityNode;

/** The value of one tree row: an entity or top-level id, or the "Load more" row below a node's loaded children. */
public sealed interface TreeEntry {

    /** A row that shows a loaded node. */
    record Entity(EntityNode node) implements TreeEntry {
    }

    /** The last row below a node whose children set has more members than loaded. */
    record LoadMore(EntityNode parent) implements TreeEntry {
    }
}
