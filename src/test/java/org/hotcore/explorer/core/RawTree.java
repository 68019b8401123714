package org.hotcore.explorer.core;

import java.util.Map;
import java.util.UUID;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Writes entities straight into Redis in the hotcore layout, pipelined, to build large or deep test trees fast:
 * the entity hash, the parent pointer, the parent's children set, one index set per indexed attribute and the GEO
 * set for numeric {@code lat} and {@code long}. The result is a valid tree, as the Python library would write it.
 */
final class RawTree implements AutoCloseable {

    private static final int COMMANDS_PER_SYNC = 2_000;

    private final Pipeline pipeline;
    private int queued;

    RawTree(Jedis jedis) {
        this.pipeline = jedis.pipelined();
    }

    /** Adds an entity with a new uuid under {@code parentId} and returns the uuid. */
    String add(String parentId, String... namesAndValues) {
        String id = UUID.randomUUID().toString();
        addWithId(id, parentId, namesAndValues);
        return id;
    }

    /** Adds an entity with the given id under {@code parentId}. */
    void addWithId(String id, String parentId, String... namesAndValues) {
        Map<Bytes, Bytes> attributes = TestStores.attributes(namesAndValues);
        byte[] member = TestStores.utf8(id);
        pipeline.hset(Keys.entity(id), Writes.rawMap(attributes));
        pipeline.set(Keys.parent(id), TestStores.utf8(parentId));
        pipeline.sadd(Keys.children(parentId), member);
        queued += 3;
        for (byte[] indexKey : Writes.indexKeys(attributes)) {
            pipeline.sadd(indexKey, member);
            queued++;
        }
        Geo.Position position = Geo.positionOf(attributes);
        if (position != null) {
            pipeline.geoadd(position.key(), position.longitude(), position.latitude(), member);
            queued++;
        }
        if (queued >= COMMANDS_PER_SYNC) {
            flush();
        }
    }

    /** Adds a chain of {@code depth} entities, each the child of the one before, and returns their ids top down. */
    String[] chain(String topParentId, int depth) {
        String[] ids = new String[depth];
        String parent = topParentId;
        for (int level = 0; level < depth; level++) {
            ids[level] = add(parent, "name", "level " + level, "type", "node");
            parent = ids[level];
        }
        return ids;
    }

    void flush() {
        pipeline.sync();
        queued = 0;
    }

    @Override
    public void close() {
        flush();
    }
}
