package org.hotcore.explorer.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.GeoCoordinate;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;

/**
 * Creates many entities in few transactions. The entities are split into chunks in the order given, and each chunk
 * is one transaction with what {@link HotcoreStore#create} writes for each entity. The chunk groups the writes to
 * shared keys: one SADD per children or index set with all the chunk's members of it, one GEOADD per GEO set and one
 * MSET for all the parent pointers. So the tree is valid after each chunk. A failure leaves the chunks before it
 * committed and nothing of the failed one, and progress reports how many were created.
 */
final class BulkCreate {

    private static final Logger log = LoggerFactory.getLogger(BulkCreate.class);

    /**
     * Commands one chunk queues at most, in its check pipeline and in its transaction each, and never more than the
     * command guard's limit allows.
     */
    static final int MAX_CHUNK_COMMANDS = 8_000;

    /** Entities one chunk creates at most. */
    static final int MAX_CHUNK_ENTITIES = 2_000;

    /**
     * Entities of the first chunk at most. Each chunk after may have twice as many, up to {@link #MAX_CHUNK_ENTITIES},
     * so the server starts on a small first transaction while the client prepares the next, larger one.
     */
    static final int FIRST_CHUNK_ENTITIES = 250;

    /** Attribute bytes one chunk sends at most, unless one entity alone is larger. */
    static final long MAX_CHUNK_BYTES = 8L << 20;

    /** The types hotcore stores under children and index keys, and under GEO keys. */
    private static final String SET = "set";
    private static final String ZSET = "zset";

    /** Shared keys remembered at most, so memory stays bounded for calls with many distinct index values. */
    private static final int MAX_CHECKED_KEYS = 200_000;

    /**
     * Shared keys that committed chunks of this call wrote. Like the TYPE checks themselves, which do not WATCH the
     * shared keys, this relies on no other program storing a wrong type there meanwhile.
     */
    private final Set<Bytes> checkedKeys = ConcurrentHashMap.newKeySet();

    private final HotcoreStore store;
    private final List<HotcoreStore.NewEntity> entities;
    private final List<String> ids;
    private final List<String> parents;
    /** For each entity, the position of its parent in this call, or -1 for an existing parent. */
    private final int[] parentIndices;

    BulkCreate(HotcoreStore store, List<HotcoreStore.NewEntity> entities) {
        this.store = store;
        this.entities = entities;
        this.ids = new ArrayList<>(entities.size());
        this.parents = new ArrayList<>(entities.size());
        this.parentIndices = new int[entities.size()];
        for (int i = 0; i < entities.size(); i++) {
            HotcoreStore.NewEntity entity = entities.get(i);
            Writes.requireAttributes(entity.attributes());
            if (entity.parentId() != null) {
                parents.add(entity.parentId());
                parentIndices[i] = -1;
            } else if (entity.parentIndex() >= 0 && entity.parentIndex() < i) {
                parents.add(ids.get(entity.parentIndex()));
                parentIndices[i] = entity.parentIndex();
            } else {
                throw new IllegalArgumentException("invalid parent of entity " + i + ": entity " + entity.parentIndex()
                        + " of the same call does not come before it; put each parent before its children");
            }
            ids.add(UUID.randomUUID().toString());
        }
    }

    /**
     * A chunk: entities {@code from} (inclusive) to {@code to} (exclusive), and for each of them the shared keys it
     * joins, computed once for the check, the transaction and the keys remembered after.
     */
    private record Chunk(int from, int to, List<List<SharedKey>> sharedKeys) {
    }

    /**
     * Commits the chunks in order. While one chunk's EXEC runs, the next chunk is checked and queued on a second
     * connection. Its EXEC waits until the one before has committed. So the entities are created in order, and a
     * failure leaves exactly the chunks before it. A chunk whose parents the chunk before creates waits for that
     * commit before its check, which needs them to exist.
     */
    List<String> run(Progress progress, Cancellation cancellation, Consumer<List<String>> committed) {
        progress.update(0, entities.size());
        ExecutorService pool = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon()
                .name("bulk-create-", 1).factory());
        Deque<InFlight> inFlight = new ArrayDeque<>();
        int[] done = {0};
        try {
            int from = 0;
            int maxEntities = FIRST_CHUNK_ENTITIES;
            while (from < entities.size()) {
                if (cancellation.isCancelled()) {
                    while (!inFlight.isEmpty()) {
                        finish(inFlight.removeFirst(), progress, committed, done);
                    }
                    throw new CancelledException("bulk create cancelled after " + done[0] + " of "
                            + entities.size() + " entities; the first " + done[0] + " were created");
                }
                Chunk chunk = nextChunk(from, maxEntities);
                maxEntities = Math.min(MAX_CHUNK_ENTITIES, 2 * maxEntities);
                while (!inFlight.isEmpty() && (inFlight.size() >= 2 || dependsOn(chunk, inFlight.getLast().chunk()))) {
                    finish(inFlight.removeFirst(), progress, committed, done);
                }
                CompletableFuture<Void> before = inFlight.isEmpty() ? CompletableFuture.completedFuture(null)
                        : inFlight.getLast().commit();
                CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> commit(chunk, before), pool);
                inFlight.addLast(new InFlight(chunk, commit));
                from = chunk.to();
            }
            while (!inFlight.isEmpty()) {
                finish(inFlight.removeFirst(), progress, committed, done);
            }
        } catch (RuntimeException e) {
            // The next chunk, if any, stops at its predecessor's failure and writes nothing.
            for (InFlight pending : inFlight) {
                pending.commit().exceptionally(ignored -> null).join();
            }
            if (done[0] > 0) {
                log.warn("Bulk create stopped after {} of {} entities, which stay created: {}", done[0],
                        entities.size(), e.getMessage());
            }
            throw e;
        } finally {
            pool.shutdown();
        }
        return List.copyOf(ids);
    }

    /** A chunk whose transaction runs on the pool. */
    private record InFlight(Chunk chunk, CompletableFuture<Void> commit) {
    }

    /** Waits for a chunk's commit and reports it, or throws what stopped it. */
    private void finish(InFlight chunk, Progress progress, Consumer<List<String>> committed, int[] done) {
        try {
            chunk.commit().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        committed.accept(List.copyOf(ids.subList(chunk.chunk().from(), chunk.chunk().to())));
        done[0] = chunk.chunk().to();
        progress.update(done[0], entities.size());
    }

    /** Tells whether an entity of {@code chunk} has its parent in {@code previous}. */
    private boolean dependsOn(Chunk chunk, Chunk previous) {
        for (int i = chunk.from(); i < chunk.to(); i++) {
            int parent = parentIndices[i];
            if (parent >= previous.from() && parent < previous.to()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes up to {@code maxEntities} entities from {@code from} while the chunk's commands and bytes stay under their
     * limits.
     */
    private Chunk nextChunk(int from, int maxEntities) {
        int budget = Math.max(1, Math.min(MAX_CHUNK_COMMANDS, store.guard().limit() - 8));
        Set<Bytes> sharedKeys = new HashSet<>();
        Set<String> chunkParents = new HashSet<>();
        List<List<SharedKey>> keysOfEntities = new ArrayList<>();
        long bytes = 0;
        int to = from;
        int lastIndependent = -1;
        while (to < entities.size() && to - from < maxEntities) {
            Map<Bytes, Bytes> attributes = entities.get(to).attributes();
            List<SharedKey> keysOfEntity = sharedKeysOf(to);
            List<Bytes> added = new ArrayList<>();
            for (SharedKey shared : keysOfEntity) {
                if (!sharedKeys.contains(shared.key())) {
                    added.add(shared.key());
                }
            }
            long entityBytes = 0;
            for (Map.Entry<Bytes, Bytes> field : attributes.entrySet()) {
                entityBytes += field.getKey().length() + field.getValue().length();
            }
            // The transaction: one HSET per entity and one SADD or GEOADD per distinct shared key, plus MSET, MULTI and
            // EXEC. The check: WATCH, two EXISTS per parent and one TYPE per distinct shared key.
            long keys = sharedKeys.size() + added.size();
            long parentCount = chunkParents.size() + (chunkParents.contains(parents.get(to)) ? 0 : 1);
            long commands = Math.max((to - from + 1) + keys + 3, 1 + 2 * parentCount + keys);
            boolean fits = commands <= budget && bytes + entityBytes <= MAX_CHUNK_BYTES;
            if (!fits && to > from) {
                break;
            }
            if (to > from && parentIndices[to] < from) {
                lastIndependent = to;
            }
            sharedKeys.addAll(added);
            keysOfEntities.add(keysOfEntity);
            chunkParents.add(parents.get(to));
            bytes += entityBytes;
            to++;
        }
        // Ending the chunk before the last entity whose parent is not in it lets the next chunk, which then starts
        // with that entity and its children, be checked while this one commits.
        if (to < entities.size() && parentIndices[to] >= from && lastIndependent > from) {
            to = lastIndependent;
        }
        return new Chunk(from, to, List.copyOf(keysOfEntities.subList(0, to - from)));
    }

    /** A set that entities of a chunk join, with the type hotcore stores under its key. */
    private record SharedKey(Bytes key, String type) {
    }

    /** Returns the sets entity {@code i} joins: its parent's children set, its index sets and its GEO set. */
    private List<SharedKey> sharedKeysOf(int i) {
        Map<Bytes, Bytes> attributes = entities.get(i).attributes();
        List<SharedKey> keys = new ArrayList<>();
        keys.add(new SharedKey(Bytes.wrap(Keys.children(parents.get(i))), SET));
        for (byte[] key : Writes.indexKeys(attributes)) {
            keys.add(new SharedKey(Bytes.wrap(key), SET));
        }
        Geo.Position position = Geo.positionOf(attributes);
        if (position != null) {
            keys.add(new SharedKey(Bytes.wrap(position.key()), ZSET));
        }
        return keys;
    }

    /** Thrown into a chunk's transaction, which is then discarded, when the chunk before it failed. */
    private static final class PredecessorFailed extends RuntimeException {
        PredecessorFailed(Throwable cause) {
            super("an earlier chunk failed", cause, false, false);
        }
    }

    private void commit(Chunk chunk, CompletableFuture<Void> before) {
        String operation = "bulk create of " + entities.size() + " entities";
        store.transactions().run(operation, (jedis, multi) -> {
            CommandGuard guard = store.guard();
            Set<String> inChunk = new LinkedHashSet<>(ids.subList(chunk.from(), chunk.to()));
            Set<String> outsideParents = new LinkedHashSet<>();
            Map<Bytes, String> types = new LinkedHashMap<>();
            for (int i = chunk.from(); i < chunk.to(); i++) {
                String parent = parents.get(i);
                if (!inChunk.contains(parent)) {
                    outsideParents.add(parent);
                }
                for (SharedKey shared : chunk.sharedKeys().get(i - chunk.from())) {
                    // Keys an earlier chunk of this call wrote are not checked again.
                    if (!checkedKeys.contains(shared.key())) {
                        types.putIfAbsent(shared.key(), shared.type());
                    }
                }
            }

            // The WATCH of the parents outside the chunk, their existence and the TYPE of every shared key travel in
            // one round trip. The new entities' own keys are not checked: their names are fresh random uuids.
            List<Response<Boolean>> entityExists = new ArrayList<>();
            List<Response<Boolean>> childrenExist = new ArrayList<>();
            List<Response<String>> actualTypes = new ArrayList<>(types.size());
            try (CommandBatch pipeline = guard.pipeline(jedis, operation + " (check)")) {
                if (!outsideParents.isEmpty()) {
                    List<byte[]> watched = new ArrayList<>();
                    for (String parent : outsideParents) {
                        watched.add(Keys.entity(parent));
                        watched.add(Keys.parent(parent));
                    }
                    byte[][] keys = watched.toArray(byte[][]::new);
                    pipeline.queue(p -> p.sendCommand(Protocol.Command.WATCH, keys));
                }
                for (String parent : outsideParents) {
                    entityExists.add(pipeline.queue(p -> p.exists(Keys.entity(parent))));
                    childrenExist.add(pipeline.queue(p -> p.exists(Keys.children(parent))));
                }
                for (Bytes key : types.keySet()) {
                    actualTypes.add(pipeline.queue(p -> p.type(key.raw())));
                }
                pipeline.sync();
            }
            int k = 0;
            for (String parent : outsideParents) {
                boolean known = entityExists.get(k).get() || childrenExist.get(k).get()
                        || HotcoreStore.ROOT.equals(parent);
                k++;
                if (!known) {
                    throw new EntityNotFoundException(parent,
                            "the parent must be an entity or a top-level id such as root; list them with 'roots'");
                }
            }
            k = 0;
            for (Map.Entry<Bytes, String> expected : types.entrySet()) {
                String actual = actualTypes.get(k++).get();
                if (!"none".equals(actual) && !expected.getValue().equals(actual)) {
                    throw new CorruptDataException("key '" + expected.getKey().escaped() + "' is a " + actual
                            + " but hotcore stores a " + expected.getValue() + " there; nothing of this chunk was"
                            + " written. Rename or delete that key, then try again");
                }
            }

            CommandBatch batch = multi.begin();
            queueChunk(batch, chunk);
            try {
                before.join();
            } catch (CompletionException | CancellationException e) {
                throw new PredecessorFailed(e);
            }
            return null;
        });
        // The chunk's shared keys now exist with the types hotcore stores; later chunks of this call skip them.
        for (List<SharedKey> keys : chunk.sharedKeys()) {
            if (checkedKeys.size() >= MAX_CHECKED_KEYS) {
                break;
            }
            keys.forEach(shared -> checkedKeys.add(shared.key()));
        }
    }

    private void queueChunk(CommandBatch batch, Chunk chunk) {
        Map<Bytes, List<byte[]>> setMembers = new LinkedHashMap<>();
        Map<Bytes, Map<byte[], GeoCoordinate>> geoMembers = new LinkedHashMap<>();
        List<byte[]> pointers = new ArrayList<>(2 * (chunk.to() - chunk.from()));
        for (int i = chunk.from(); i < chunk.to(); i++) {
            String id = ids.get(i);
            byte[] member = id.getBytes(StandardCharsets.UTF_8);
            Map<Bytes, Bytes> attributes = entities.get(i).attributes();
            Map<byte[], byte[]> raw = Writes.rawMap(attributes);
            batch.queue(p -> p.hset(Keys.entity(id), raw));
            pointers.add(Keys.parent(id));
            pointers.add(parents.get(i).getBytes(StandardCharsets.UTF_8));
            // The children set and the index sets, then the GEO set if any, as sharedKeysOf lists them.
            for (SharedKey shared : chunk.sharedKeys().get(i - chunk.from())) {
                if (SET.equals(shared.type())) {
                    setMembers.computeIfAbsent(shared.key(), key -> new ArrayList<>()).add(member);
                } else {
                    Geo.Position position = Geo.positionOf(attributes);
                    geoMembers.computeIfAbsent(shared.key(), key -> new LinkedHashMap<>())
                            .put(member, new GeoCoordinate(position.longitude(), position.latitude()));
                }
            }
        }
        byte[][] pairs = pointers.toArray(byte[][]::new);
        batch.queue(p -> p.mset(pairs));
        setMembers.forEach((key, members) -> {
            byte[][] all = members.toArray(byte[][]::new);
            batch.queue(p -> p.sadd(key.raw(), all));
        });
        geoMembers.forEach((key, members) -> batch.queue(p -> p.geoadd(key.raw(), members)));
    }
}
