package org.hotcore.explorer.ui.model;

/**
 * One step of the breadcrumb from the top-level id down to the selected entity.
 *
 * @param id the uuid or top-level id; null for the gap that replaces the levels a deep path leaves out
 * @param label the name, else the id; for the gap, the number of levels left out
 */
public record PathStep(String id, String label) {

    /** Tells whether this step is the gap that replaces the levels left out of the breadcrumb. */
    public boolean isGap() {
        return id == null;
    }

    @Override
    public String toString() {
        return label;
    }
}
