package org.hotcore.explorer.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;

/** The planning steps of the writes: reads after WATCH, checks, then the commands to queue inside MULTI. */
final class Writes {

    private static final byte[] EMPTY = new byte[0];

    private Writes() {
    }

    /** Commands to queue inside MULTI once the reads are done. */
    @FunctionalInterface
    interface Plan {
        void queue(CommandBatch batch);
    }

    static void requireAttributes(Map<Bytes, Bytes> attributes) {
        if (attributes.isEmpty()) {
            throw new RejectedException("an entity needs at least one attribute, because Redis does not store an empty"
                    + " hash; give one such as name=...");
        }
        for (Map.Entry<Bytes, Bytes> entry : attributes.entrySet()) {
            if (entry.getKey() == null || entry.getKey().isEmpty()) {
                throw new RejectedException("invalid attribute: the name is empty; give a name such as name=...");
            }
            if (entry.getValue() == null) {
                throw new RejectedException("invalid attribute '" + entry.getKey() + "': a new entity's value cannot be"
                        + " null; leave the attribute out instead");
            }
        }
    }

    static void checkChanges(Map<Bytes, Bytes> changes) {
        for (Bytes name : changes.keySet()) {
            if (name == null || name.isEmpty()) {
                throw new RejectedException("invalid attribute: the name is empty; give a name such as name=...");
            }
        }
    }

    /**
     * WATCHes the parent's keys and checks that it is an entity or a top-level id ({@code root}, or any id with a
     * children set and no entity hash).
     */
    static void watchParent(Jedis jedis, CommandGuard guard, String parentId) {
        jedis.watch(Keys.entity(parentId), Keys.parent(parentId));
        guard.countSingle();
        boolean entity = jedis.exists(Keys.entity(parentId));
        guard.countSingle();
        if (!entity && !HotcoreStore.ROOT.equals(parentId)) {
            boolean topLevel = jedis.exists(Keys.children(parentId));
            guard.countSingle();
            if (!topLevel) {
                throw new EntityNotFoundException(parentId,
                        "the parent must be an entity or a top-level id such as root; list them with 'roots'");
            }
        }
    }

    static List<byte[]> indexKeys(Map<Bytes, Bytes> attributes) {
        List<byte[]> keys = new ArrayList<>();
        attributes.forEach((name, value) -> {
            if (value != null && Keys.isIndexed(name)) {
                keys.add(Keys.index(name, value));
            }
        });
        return keys;
    }

    static Map<byte[], byte[]> rawMap(Map<Bytes, Bytes> attributes) {
        Map<byte[], byte[]> raw = new LinkedHashMap<>();
        attributes.forEach((name, value) -> raw.put(name.raw(), value.raw()));
        return raw;
    }

    static void queueNewEntity(CommandBatch batch, String id, String parentId, Map<Bytes, Bytes> attributes,
                               Geo.Position position) {
        byte[] entityKey = Keys.entity(id);
        byte[] member = id.getBytes(StandardCharsets.UTF_8);
        Map<byte[], byte[]> raw = rawMap(attributes);
        batch.queue(p -> p.hset(entityKey, raw));
        for (byte[] indexKey : indexKeys(attributes)) {
            batch.queue(p -> p.sadd(indexKey, member));
        }
        if (position != null) {
            batch.queue(p -> p.geoadd(position.key(), position.longitude(), position.latitude(), member));
        }
        batch.queue(p -> p.set(Keys.parent(id), parentId.getBytes(StandardCharsets.UTF_8)));
        batch.queue(p -> p.sadd(Keys.children(parentId), member));
    }

    /** Queues the removal of an entity with no children left: its keys, index entries and GEO membership. */
    static void queueEntityRemoval(CommandBatch batch, String id, String parentId, Map<Bytes, Bytes> attributes) {
        byte[] member = id.getBytes(StandardCharsets.UTF_8);
        batch.queue(p -> p.del(Keys.entity(id), Keys.parent(id), Keys.lock(id), Keys.children(id)));
        if (parentId != null) {
            batch.queue(p -> p.srem(Keys.children(parentId), member));
        }
        for (byte[] indexKey : indexKeys(attributes)) {
            batch.queue(p -> p.srem(indexKey, member));
        }
        Geo.Position position = Geo.positionOf(attributes);
        if (position != null) {
            batch.queue(p -> p.zrem(position.key(), member));
        }
    }

    /** An entity to remove in a batch: its id, the parent whose children set loses it (or null), and its hash. */
    record Removal(String id, String parentId, Map<Bytes, Bytes> attributes) {
    }

    /** Keys one DEL of a batch removal names at most. */
    private static final int KEYS_PER_DEL = 512;

    /**
     * Queues the removal of many entities with as few commands as their keys allow: one DEL per
     * {@value #KEYS_PER_DEL} keys, and one SREM or ZREM per children, index or GEO set with all the batch's members
     * of that set.
     */
    static void queueBatchRemoval(CommandBatch batch, List<Removal> removals) {
        List<byte[]> keys = new ArrayList<>(removals.size() * 4);
        Map<Bytes, List<byte[]>> setMembers = new LinkedHashMap<>();
        Map<Bytes, List<byte[]>> geoMembers = new LinkedHashMap<>();
        for (Removal removal : removals) {
            String id = removal.id();
            byte[] member = id.getBytes(StandardCharsets.UTF_8);
            keys.add(Keys.entity(id));
            keys.add(Keys.parent(id));
            keys.add(Keys.lock(id));
            keys.add(Keys.children(id));
            if (removal.parentId() != null) {
                setMembers.computeIfAbsent(Bytes.wrap(Keys.children(removal.parentId())), k -> new ArrayList<>())
                        .add(member);
            }
            for (byte[] indexKey : indexKeys(removal.attributes())) {
                setMembers.computeIfAbsent(Bytes.wrap(indexKey), k -> new ArrayList<>()).add(member);
            }
            Geo.Position position = Geo.positionOf(removal.attributes());
            if (position != null) {
                geoMembers.computeIfAbsent(Bytes.wrap(position.key()), k -> new ArrayList<>()).add(member);
            }
        }
        for (int from = 0; from < keys.size(); from += KEYS_PER_DEL) {
            byte[][] chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_DEL)).toArray(byte[][]::new);
            batch.queue(p -> p.del(chunk));
        }
        setMembers.forEach((key, members) -> {
            byte[][] all = members.toArray(byte[][]::new);
            batch.queue(p -> p.srem(key.raw(), all));
        });
        geoMembers.forEach((key, members) -> {
            byte[][] all = members.toArray(byte[][]::new);
            batch.queue(p -> p.zrem(key.raw(), all));
        });
    }

    /** Queues the removal of some fields of a large entity together with their index entries. */
    static void queueFieldRemoval(CommandBatch batch, String id, Map<Bytes, Bytes> fields) {
        byte[] member = id.getBytes(StandardCharsets.UTF_8);
        byte[][] names = fields.keySet().stream().map(Bytes::raw).toArray(byte[][]::new);
        batch.queue(p -> p.hdel(Keys.entity(id), names));
        for (byte[] indexKey : indexKeys(fields)) {
            batch.queue(p -> p.srem(indexKey, member));
        }
    }

    static Plan planApply(Jedis jedis, CommandGuard guard, String id, Map<Bytes, Bytes> changes) {
        byte[] entityKey = Keys.entity(id);
        jedis.watch(Keys.lock(id), entityKey, Keys.parent(id));
        guard.countSingle();

        Set<Bytes> fields = new LinkedHashSet<>(changes.keySet());
        fields.add(Keys.TYPE);
        fields.add(Keys.LAT);
        fields.add(Keys.LONG);
        List<Bytes> fieldList = new ArrayList<>(fields);
        Response<Long> length;
        Response<List<byte[]>> values;
        try (CommandBatch pipeline = guard.pipeline(jedis, "apply (read)")) {
            length = pipeline.queue(p -> p.hlen(entityKey));
            values = pipeline.queue(p -> p.hmget(entityKey, fieldList.stream().map(Bytes::raw).toArray(byte[][]::new)));
            pipeline.sync();
        }
        if (length.get() == 0) {
            throw EntityNotFoundException.of(jedis, id, "changed", "check the uuid; it may have been deleted meanwhile");
        }
        Map<Bytes, Bytes> old = new LinkedHashMap<>();
        for (int i = 0; i < fieldList.size(); i++) {
            byte[] value = values.get().get(i);
            if (value != null) {
                old.put(fieldList.get(i), Bytes.wrap(value));
            }
        }

        long remaining = length.get();
        Map<Bytes, Bytes> sets = new LinkedHashMap<>();
        List<Bytes> removals = new ArrayList<>();
        for (Map.Entry<Bytes, Bytes> change : changes.entrySet()) {
            Bytes name = change.getKey();
            Bytes value = change.getValue();
            if (value == null) {
                if (old.containsKey(name)) {
                    removals.add(name);
                    remaining--;
                }
            } else {
                if (!old.containsKey(name)) {
                    remaining++;
                }
                sets.put(name, value);
            }
        }
        if (remaining <= 0) {
            throw new RejectedException("cannot remove every attribute of '" + id + "': Redis would drop the entity's"
                    + " hash and leave its parent pointer behind; delete the entity instead");
        }

        Geo.Position oldPosition = Geo.positionOf(old.get(Keys.TYPE), old.get(Keys.LAT), old.get(Keys.LONG));
        Geo.Position newPosition = Geo.positionOf(after(changes, old, Keys.TYPE), after(changes, old, Keys.LAT),
                after(changes, old, Keys.LONG));

        Map<byte[], String> types = new LinkedHashMap<>();
        types.put(Keys.lock(id), "string");
        for (byte[] key : indexKeys(sets)) {
            types.put(key, "set");
        }
        if (newPosition != null) {
            types.put(newPosition.key(), "zset");
        }
        Transactions.checkTypes(jedis, guard, "apply", types);

        byte[] member = id.getBytes(StandardCharsets.UTF_8);
        return batch -> {
            batch.queue(p -> p.set(Keys.lock(id), EMPTY));
            if (!removals.isEmpty()) {
                byte[][] names = removals.stream().map(Bytes::raw).toArray(byte[][]::new);
                batch.queue(p -> p.hdel(entityKey, names));
            }
            if (!sets.isEmpty()) {
                Map<byte[], byte[]> raw = rawMap(sets);
                batch.queue(p -> p.hset(entityKey, raw));
            }
            for (Bytes name : removals) {
                if (Keys.isIndexed(name)) {
                    byte[] indexKey = Keys.index(name, old.get(name));
                    batch.queue(p -> p.srem(indexKey, member));
                }
            }
            for (Map.Entry<Bytes, Bytes> set : sets.entrySet()) {
                Bytes name = set.getKey();
                if (!Keys.isIndexed(name)) {
                    continue;
                }
                Bytes previous = old.get(name);
                if (previous != null && !previous.equals(set.getValue())) {
                    byte[] oldKey = Keys.index(name, previous);
                    batch.queue(p -> p.srem(oldKey, member));
                }
                byte[] newKey = Keys.index(name, set.getValue());
                batch.queue(p -> p.sadd(newKey, member));
            }
            if (oldPosition != null && (newPosition == null || !Arrays.equals(oldPosition.key(), newPosition.key()))) {
                batch.queue(p -> p.zrem(oldPosition.key(), member));
            }
            if (newPosition != null) {
                batch.queue(p -> p.geoadd(newPosition.key(), newPosition.longitude(), newPosition.latitude(), member));
            }
        };
    }

    private static Bytes after(Map<Bytes, Bytes> changes, Map<Bytes, Bytes> old, Bytes name) {
        return changes.containsKey(name) ? changes.get(name) : old.get(name);
    }

    /**
     * WATCHes the entity, its new parent and every stored ancestor of the new parent, rejecting the move when the
     * entity is among them. Returns empty when the entity already is under that parent.
     */
    static Optional<Plan> planMove(Jedis jedis, CommandGuard guard, String id, String newParentId) {
        // The WATCH of the entity and of the new parent, and the reads they guard, in one round trip: the server runs
        // each WATCH before the reads that follow it.
        Response<Boolean> exists;
        Response<byte[]> storedParent;
        Response<Boolean> parentIsEntity;
        Response<Boolean> parentHasChildren;
        Response<byte[]> firstAncestor;
        try (CommandBatch pipeline = guard.pipeline(jedis, "move (read)")) {
            byte[][] entityKeys = {Keys.parent(id), Keys.lock(id), Keys.entity(id)};
            byte[][] parentKeys = {Keys.entity(newParentId), Keys.parent(newParentId)};
            pipeline.queue(p -> p.sendCommand(Protocol.Command.WATCH, entityKeys));
            exists = pipeline.queue(p -> p.exists(Keys.entity(id)));
            storedParent = pipeline.queue(p -> p.get(Keys.parent(id)));
            pipeline.queue(p -> p.sendCommand(Protocol.Command.WATCH, parentKeys));
            parentIsEntity = pipeline.queue(p -> p.exists(Keys.entity(newParentId)));
            parentHasChildren = pipeline.queue(p -> p.exists(Keys.children(newParentId)));
            firstAncestor = pipeline.queue(p -> p.get(Keys.parent(newParentId)));
            pipeline.sync();
        }
        if (!exists.get()) {
            throw EntityNotFoundException.of(jedis, id, "moved", "check the uuid; it may have been deleted meanwhile");
        }
        String oldParentId = Keys.text(storedParent.get());
        if (!parentIsEntity.get() && !HotcoreStore.ROOT.equals(newParentId) && !parentHasChildren.get()) {
            throw new EntityNotFoundException(newParentId,
                    "the parent must be an entity or a top-level id such as root; list them with 'roots'");
        }

        Set<String> seen = new HashSet<>();
        seen.add(newParentId);
        String ancestor = Keys.text(firstAncestor.get());
        int depth = 0;
        while (ancestor != null) {
            depth++;
            if (ancestor.equals(id)) {
                throw new CycleException("cannot move '" + id + "' under '" + newParentId + "': '" + newParentId
                        + "' is " + (depth == 1 ? "its child" : depth + " levels below it")
                        + ", so the move would make a cycle; choose a parent outside its subtree");
            }
            if (!seen.add(ancestor)) {
                throw new CorruptDataException("the stored ancestors of '" + newParentId + "' form a cycle through '"
                        + ancestor + "'; move one of them under a top-level id first");
            }
            // One round trip per level: WATCH of the ancestor's pointer, then the read it guards.
            String current = ancestor;
            Response<byte[]> next;
            try (CommandBatch pipeline = guard.pipeline(jedis, "move (ancestors)")) {
                byte[][] pointer = {Keys.parent(current)};
                pipeline.queue(p -> p.sendCommand(Protocol.Command.WATCH, pointer));
                next = pipeline.queue(p -> p.get(Keys.parent(current)));
                pipeline.sync();
            }
            ancestor = Keys.text(next.get());
        }
        if (newParentId.equals(oldParentId)) {
            boolean listed = jedis.sismember(Keys.children(newParentId), id.getBytes(StandardCharsets.UTF_8));
            guard.countSingle();
            if (listed) {
                return Optional.empty();
            }
            // The parent pointer is right but the parent's children set lacks the entity (damage left by the Python
            // library's delete); the move below adds it back.
        }

        Map<byte[], String> types = new LinkedHashMap<>();
        types.put(Keys.children(newParentId), "set");
        if (oldParentId != null) {
            types.put(Keys.children(oldParentId), "set");
        }
        Transactions.checkTypes(jedis, guard, "move", types);

        byte[] member = id.getBytes(StandardCharsets.UTF_8);
        return Optional.of(batch -> {
            batch.queue(p -> p.set(Keys.parent(id), newParentId.getBytes(StandardCharsets.UTF_8)));
            if (oldParentId != null) {
                batch.queue(p -> p.srem(Keys.children(oldParentId), member));
            }
            batch.queue(p -> p.sadd(Keys.children(newParentId), member));
            batch.queue(p -> p.set(Keys.lock(id), EMPTY));
        });
    }
}
