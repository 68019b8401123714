package org.hotcore.explorer.ui.model;

/**
 * One step of the breadcrumb from the top-level id down to the selected entity.
 *
 * @param id the uuid or top-level id
 * @param label the name, else the id
 */
public record PathStep(String id, String label) {

    @Override
    public String toString() {
        return label;
    }
}
