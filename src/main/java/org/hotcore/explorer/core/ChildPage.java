package org.hotcore.explorer.core;

import java.util.List;

/**
 * One page of children from an SSCAN cursor.
 *
 * @param parentId the id whose children set was scanned
 * @param children the children of this page, none repeated from earlier pages of the same cursor
 * @param nextCursor the SSCAN cursor to continue from; {@code "0"} when the scan is complete
 */
public record ChildPage(String parentId, List<ChildSummary> children, String nextCursor) {

    public ChildPage {
        children = List.copyOf(children);
    }

    public boolean complete() {
        return "0".equals(nextCursor);
    }
}
