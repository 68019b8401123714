package org.hotcore.explorer.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An entity read from {@code e:<id>} with its parent from {@code p:<id>}.
 *
 * @param id the uuid
 * @param parentId the stored parent id, or null when {@code p:<id>} is missing
 * @param attributes every field of the hash, in the order the server returned them
 */
public record Entity(String id, String parentId, Map<Bytes, Bytes> attributes) {

    public Entity {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public Bytes attribute(String name) {
        return attributes.get(Bytes.utf8(name));
    }

    /** Returns the {@code name} attribute, or null. */
    public String name() {
        Bytes name = attributes.get(Keys.NAME);
        return name == null ? null : name.escaped();
    }

    /** Returns the {@code type} attribute, or null. */
    public String type() {
        Bytes type = attributes.get(Keys.TYPE);
        return type == null ? null : type.escaped();
    }
}
