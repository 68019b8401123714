package org.hotcore.explorer.core;

import java.util.HashSet;
import java.util.Set;

/**
 * Pages through the children set of one id by SSCAN, dropping ids the scan returns again. Not thread-safe; the set
 * of seen ids grows with the number of children read.
 */
public final class ChildCursor {

    private final HotcoreStore store;
    private final String parentId;
    private final Set<String> seen = new HashSet<>();
    private String cursor = "0";
    private boolean complete;

    ChildCursor(HotcoreStore store, String parentId) {
        this.store = store;
        this.parentId = parentId;
    }

    public String parentId() {
        return parentId;
    }

    /** Tells whether the scan has reached cursor 0 again, that is every child has been returned. */
    public boolean complete() {
        return complete;
    }

    /** Returns the number of children returned so far. */
    public int loaded() {
        return seen.size();
    }

    /** Reads the next page of about {@code pageSize} children; an empty page once the cursor is complete. */
    public ChildPage next(int pageSize) {
        if (complete) {
            return new ChildPage(parentId, java.util.List.of(), "0");
        }
        ChildPage page = store.childPage(parentId, cursor, pageSize, seen);
        cursor = page.nextCursor();
        complete = page.complete();
        return page;
    }
}
