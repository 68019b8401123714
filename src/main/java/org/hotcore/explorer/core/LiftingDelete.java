package org.hotcore.explorer.core;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Deletes one entity and lifts its children to its parent. Each transaction moves at most one batch of children
 * (re-pointing {@code p:}, adding them to the grandparent's {@code c:} set and removing them from the entity's);
 * the last one removes the entity. After every committed transaction the tree is valid.
 */
final class LiftingDelete {

    private static final Logger log = LoggerFactory.getLogger(LiftingDelete.class);

    private final HotcoreStore store;
    private final String id;
    private final int batchSize;

    LiftingDelete(HotcoreStore store, String id, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("invalid batch size " + batchSize + ": use 1 or more");
        }
        this.store = store;
        this.id = id;
        // A lifting transaction queues one SET per child plus SADD and SREM, which must fit under the guard's limit.
        this.batchSize = Math.min(batchSize, Math.max(1, store.guard().limit() - 2));
    }

    private enum Step { LIFTED_CHILDREN, REMOVED_FIELDS, DELETED }

    void run(Progress progress, Cancellation cancellation) {
        long total = store.childCount(id);
        long lifted = 0;
        log.info("Deleting {} and lifting its {} children to its parent", id, total);
        while (true) {
            if (cancellation.isCancelled()) {
                throw new CancelledException("delete of " + id + " cancelled after lifting " + lifted
                        + " children; they are under the parent now and the entity still exists");
            }
            int[] moved = new int[1];
            Step step = store.transactions().run("delete " + id, (jedis, multi) -> attempt(jedis, multi, moved));
            lifted += moved[0];
            progress.update(lifted, total);
            if (step == Step.DELETED) {
                log.info("Deleted {}; lifted {} children", id, lifted);
                return;
            }
        }
    }

    private Step attempt(Jedis jedis, Transactions.Multi multi, int[] moved) {
        CommandGuard guard = store.guard();
        moved[0] = 0;
        jedis.watch(Keys.entity(id), Keys.parent(id), Keys.children(id), Keys.lock(id));
        guard.countSingle();
        long fields = jedis.hlen(Keys.entity(id));
        guard.countSingle();
        if (fields == 0) {
            throw EntityNotFoundException.of(jedis, id, "deleted with its children lifted",
                    "check the uuid; it may have been deleted meanwhile");
        }
        String parentId = Keys.text(jedis.get(Keys.parent(id)));
        guard.countSingle();
        if (parentId == null) {
            throw new CorruptDataException("entity '" + id + "' has no parent pointer p:" + id
                    + ", so its children have nowhere to go; move it under a top-level id first");
        }

        Set<String> children = new LinkedHashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().count(batchSize);
        do {
            ScanResult<String> page = jedis.sscan("c:" + id, cursor, params);
            guard.countSingle();
            for (String child : page.getResult()) {
                if (children.size() < batchSize) {
                    children.add(child);
                }
            }
            cursor = page.getCursor();
        } while (children.size() < batchSize && !"0".equals(cursor));

        if (!children.isEmpty()) {
            Transactions.checkTypes(jedis, guard, "delete", Map.of(Keys.children(parentId), "set"));
            byte[][] members = children.stream().map(c -> c.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
            byte[] parentBytes = parentId.getBytes(StandardCharsets.UTF_8);
            CommandBatch batch = multi.begin();
            for (String child : children) {
                batch.queue(p -> p.set(Keys.parent(child), parentBytes));
            }
            batch.queue(p -> p.sadd(Keys.children(parentId), members));
            batch.queue(p -> p.srem(Keys.children(id), members));
            moved[0] = children.size();
            return Step.LIFTED_CHILDREN;
        }

        int fieldBudget = Math.max(1, store.guard().limit() / 2 - 4);
        if (fields > fieldBudget) {
            Map<Bytes, Bytes> chunk = readFields(store, jedis, id, fieldBudget);
            Writes.queueFieldRemoval(multi.begin(), id, chunk);
            return Step.REMOVED_FIELDS;
        }
        Map<Bytes, Bytes> attributes = new LinkedHashMap<>();
        jedis.hgetAll(Keys.entity(id)).forEach((k, v) -> attributes.put(Bytes.wrap(k), Bytes.wrap(v)));
        guard.countSingle();
        // The last field must stay until the final transaction: removing it would drop e: while p: remains.
        Writes.queueEntityRemoval(multi.begin(), id, parentId, attributes);
        return Step.DELETED;
    }

    /**
     * Reads up to {@code max} fields by HSCAN, leaving out {@code type}, {@code lat} and {@code long}; callers take
     * fewer fields than the hash has, so the entity keeps at least one.
     */
    static Map<Bytes, Bytes> readFields(HotcoreStore store, Jedis jedis, String id, int max) {
        Map<Bytes, Bytes> chunk = new LinkedHashMap<>();
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        ScanParams params = new ScanParams().count(Math.min(max, 1_000));
        do {
            ScanResult<Map.Entry<byte[], byte[]>> page = jedis.hscan(Keys.entity(id), cursor, params);
            store.guard().countSingle();
            for (Map.Entry<byte[], byte[]> entry : page.getResult()) {
                Bytes field = Bytes.wrap(entry.getKey());
                // type, lat and long go last, with the entity, so its GEO membership is removed with it.
                boolean geoField = field.equals(Keys.TYPE) || field.equals(Keys.LAT) || field.equals(Keys.LONG);
                if (chunk.size() < max && !geoField) {
                    chunk.put(field, Bytes.wrap(entry.getValue()));
                }
            }
            cursor = page.getCursorAsBytes();
        } while (chunk.size() < max && !HotcoreStore.isZero(cursor));
        return chunk;
    }
}
