package org.hotcore.explorer.core;

import java.util.List;
import java.util.Map;

/**
 * One page of an entity's fields from an HSCAN cursor.
 *
 * @param nextCursor the cursor to continue from; {@code "0"} when all fields have been read
 * @param totalFields the HLEN of the hash when the page was read
 */
public record AttributePage(String id, List<Map.Entry<Bytes, Bytes>> attributes, String nextCursor,
                            long totalFields) {

    public AttributePage {
        attributes = List.copyOf(attributes);
    }

    public boolean complete() {
        return "0".equals(nextCursor);
    }
}
