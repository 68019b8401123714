package org.hotcore.explorer.core;

/** The id names no entity ({@code e:<id>} is missing) and, where that is allowed, no top-level id either. */
public class EntityNotFoundException extends RejectedException {

    private final String id;

    public EntityNotFoundException(String id, String hint) {
        super("entity '" + id + "' not found" + (hint.isEmpty() ? "" : ": " + hint));
        this.id = id;
    }

    public String id() {
        return id;
    }
}
