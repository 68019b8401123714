package org.hotcore.explorer.core;

/**
 * What a tree row needs of one child, read in the same pipelined round trip as its siblings.
 *
 * @param id the child's uuid as stored in the parent's children set
 * @param name the {@code name} attribute in escaped form, or null
 * @param type the {@code type} attribute in escaped form, or null
 * @param childCount the size of the child's own children set
 * @param entityExists false when the children set names a uuid without {@code e:<uuid>} (a broken reference)
 */
public record ChildSummary(String id, String name, String type, long childCount, boolean entityExists) {

    /** Returns the name, else the id. */
    public String label() {
        return name != null ? name : id;
    }

    public boolean hasChildren() {
        return childCount > 0;
    }
}
