package org.hotcore.explorer.core;

/** The id names no entity ({@code e:<id>} is missing) and, where that is allowed, no top-level id either. */
public class EntityNotFoundException extends RejectedException {

    private final String id;

    public EntityNotFoundException(String id, String hint) {
        this(id, hint, false);
    }

    private EntityNotFoundException(String id, String message, boolean complete) {
        super(complete ? message : "entity '" + id + "' not found" + (message.isEmpty() ? "" : ": " + message));
        this.id = id;
    }

    /**
     * Returns the error for an operation on entities that was given a top-level id such as {@code root}, which has
     * children but no {@code e:} hash of its own.
     */
    public static EntityNotFoundException topLevel(String id, String operation) {
        return new EntityNotFoundException(id, "'" + id + "' is a top-level id, not an entity, so it has no attributes"
                + " and cannot be " + operation + "; give the uuid of an entity below it (list them with 'children "
                + id + "')", true);
    }

    /**
     * Returns the error for {@code id}, which names no entity: {@link #topLevel} when it is a top-level id, else a
     * not-found error with {@code hint}. Reads EXISTS on {@code c:<id>} through {@code jedis}.
     */
    static EntityNotFoundException of(redis.clients.jedis.Jedis jedis, String id, String operation, String hint) {
        if (HotcoreStore.ROOT.equals(id) || jedis.exists(Keys.children(id))) {
            return topLevel(id, operation);
        }
        return new EntityNotFoundException(id, hint);
    }

    public String id() {
        return id;
    }
}
