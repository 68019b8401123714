package org.hotcore.explorer.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Reads and writes a hotcore tree in exactly the Python library's layout (see {@link Keys}).
 *
 * <p>Reads never fetch an unbounded collection in one command: children come by SSCAN, fields of large hashes by
 * HSCAN, keys by SCAN. Writes are MULTI/EXEC transactions guarded by WATCH and retried on conflict; every pipeline
 * and transaction is counted and bounded by the connection's {@link CommandGuard}. Thread-safe: each call borrows
 * its own pooled connection.
 */
public final class HotcoreStore {

    /** The conventional top-level id. */
    public static final String ROOT = "root";

    /** Default number of transaction attempts after the first one. */
    public static final int DEFAULT_RETRIES = 3;

    /** Hashes with up to this many fields are read with one HGETALL; larger ones by HSCAN. */
    static final int HGETALL_MAX_FIELDS = 1_000;

    private final RedisConnection connection;
    private final Transactions transactions;
    private final int retries;
    /** The reason writes are rejected, or null while they are allowed. */
    private volatile String readOnlyReason;

    public HotcoreStore(RedisConnection connection) {
        this(connection, DEFAULT_RETRIES);
    }

    public HotcoreStore(RedisConnection connection, int retries) {
        this.connection = connection;
        this.retries = retries;
        this.transactions = new Transactions(connection, retries, this::requireWritable);
    }

    /**
     * Makes every write of this store fail before it WATCHes anything, or allows writes again. Reads are unaffected.
     *
     * @param readOnly true to refuse writes
     * @param reason what made the store read-only and how to undo it, for the error message, such as "the
     *     --read-only option is given; run without it to write"
     */
    public void setReadOnly(boolean readOnly, String reason) {
        this.readOnlyReason = readOnly ? (reason == null || reason.isBlank() ? "the store is read-only" : reason)
                : null;
    }

    /** Tells whether writes are refused. */
    public boolean readOnly() {
        return readOnlyReason != null;
    }

    /**
     * Throws when the store is read-only; every write calls this before its first command.
     *
     * @throws ReadOnlyException naming the operation and why writes are refused
     */
    void requireWritable(String operation) {
        String reason = readOnlyReason;
        if (reason != null) {
            throw new ReadOnlyException(operation + " was rejected because the connection is read-only: " + reason
                    + "; nothing was written");
        }
    }

    public RedisConnection connection() {
        return connection;
    }

    public CommandGuard guard() {
        return connection.guard();
    }

    int retries() {
        return retries;
    }

    Transactions transactions() {
        return transactions;
    }

    /** Runs a read on a pooled connection, translating server errors into messages that name the problem. */
    <T> T read(String operation, Function<Jedis, T> work) {
        try {
            return connection.withJedis(work);
        } catch (JedisDataException e) {
            if (RedisConnection.isAuthenticationError(String.valueOf(e.getMessage()))) {
                throw connection.authenticationFailed(e);
            }
            throw Reads.translate(e, operation);
        } catch (JedisConnectionException e) {
            throw connection.unavailable(e);
        }
    }

    // ---------------------------------------------------------------- reads

    /** Tells whether {@code e:<id>} exists. */
    public boolean isEntity(String id) {
        return read("exists " + id, jedis -> {
            guard().countSingle();
            return jedis.exists(Keys.entity(id));
        });
    }

    /**
     * Tells whether {@code id} is a top-level id: not an entity, but the parent of entities ({@code c:<id>}
     * exists). {@code root} always counts, also while it has no children.
     */
    public boolean isTopLevel(String id) {
        return read("check top-level id " + id, jedis -> {
            guard().countSingles(2);
            return !jedis.exists(Keys.entity(id)) && (ROOT.equals(id) || jedis.exists(Keys.children(id)));
        });
    }

    /**
     * Reads an entity with all its fields, HSCAN-paged when it has more than {@value #HGETALL_MAX_FIELDS}.
     *
     * @throws EntityNotFoundException when {@code e:<id>} does not exist
     */
    public Entity get(String id) {
        return read("get " + id, jedis -> {
            byte[] key = Keys.entity(id);
            long fields = jedis.hlen(key);
            guard().countSingle();
            if (fields == 0) {
                throw EntityNotFoundException.of(jedis, id, "read",
                        "check the uuid, or list ids with 'roots' and 'children'");
            }
            Map<Bytes, Bytes> attributes = new LinkedHashMap<>();
            if (fields <= HGETALL_MAX_FIELDS) {
                jedis.hgetAll(key).forEach((k, v) -> attributes.put(Bytes.wrap(k), Bytes.wrap(v)));
                guard().countSingle();
            } else {
                byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
                ScanParams params = new ScanParams().count(HGETALL_MAX_FIELDS);
                do {
                    ScanResult<Map.Entry<byte[], byte[]>> page = jedis.hscan(key, cursor, params);
                    guard().countSingle();
                    for (Map.Entry<byte[], byte[]> entry : page.getResult()) {
                        attributes.put(Bytes.wrap(entry.getKey()), Bytes.wrap(entry.getValue()));
                    }
                    cursor = page.getCursorAsBytes();
                } while (!isZero(cursor));
            }
            String parent = Keys.text(jedis.get(Keys.parent(id)));
            guard().countSingle();
            return new Entity(id, parent, attributes);
        });
    }

    /** Reads one HSCAN page of an entity's fields; start with cursor {@code "0"}. */
    public AttributePage attributes(String id, String cursor, int count) {
        return read("read attributes of " + id, jedis -> {
            byte[] key = Keys.entity(id);
            long total = jedis.hlen(key);
            guard().countSingle();
            if (total == 0) {
                throw EntityNotFoundException.of(jedis, id, "read", "it may have been deleted meanwhile");
            }
            List<Map.Entry<Bytes, Bytes>> items = new ArrayList<>();
            Set<Bytes> seen = new HashSet<>();
            byte[] next = cursor.getBytes(StandardCharsets.US_ASCII);
            ScanParams params = new ScanParams().count(count);
            do {
                ScanResult<Map.Entry<byte[], byte[]>> page = jedis.hscan(key, next, params);
                guard().countSingle();
                for (Map.Entry<byte[], byte[]> entry : page.getResult()) {
                    Bytes field = Bytes.wrap(entry.getKey());
                    if (seen.add(field)) {
                        items.add(Map.entry(field, Bytes.wrap(entry.getValue())));
                    }
                }
                next = page.getCursorAsBytes();
            } while (items.size() < count && !isZero(next));
            return new AttributePage(id, items, new String(next, StandardCharsets.US_ASCII), total);
        });
    }

    /** Returns the stored parent id ({@code p:<id>}), or null when there is none. */
    public String parentOf(String id) {
        return read("read parent of " + id, jedis -> {
            guard().countSingle();
            return Keys.text(jedis.get(Keys.parent(id)));
        });
    }

    /** Returns the size of {@code c:<id>}. */
    public long childCount(String id) {
        return read("count children of " + id, jedis -> {
            guard().countSingle();
            return jedis.scard(Keys.children(id));
        });
    }

    /**
     * Returns the ids from the top-level id down to {@code id}, both included, following {@code p:} one level per
     * round trip, so any depth works without recursion.
     *
     * @throws EntityNotFoundException when {@code id} is neither an entity nor a top-level id
     * @throws CorruptDataException when the parent pointers form a cycle
     */
    public List<String> pathTo(String id) {
        return pathTo(id, Cancellation.NEVER);
    }

    /**
     * Returns the path as {@link #pathTo(String)} does, checking {@code cancellation} every 1,000 levels.
     *
     * @throws CancelledException when cancelled before the top-level id was reached
     */
    public List<String> pathTo(String id, Cancellation cancellation) {
        return read("find the path to " + id, jedis -> {
            List<String> chain = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            chain.add(id);
            seen.add(id);
            String current = id;
            while (true) {
                String parent = Keys.text(jedis.get(Keys.parent(current)));
                guard().countSingle();
                if (parent == null) {
                    break;
                }
                if (!seen.add(parent)) {
                    throw new CorruptDataException("the parent pointers starting at '" + id + "' form a cycle through '"
                            + parent + "'; move one of these entities under a top-level id to repair it");
                }
                chain.add(parent);
                current = parent;
                if (chain.size() % 1_000 == 0 && cancellation.isCancelled()) {
                    throw new CancelledException("finding the path to " + id + " cancelled after " + chain.size()
                            + " levels");
                }
            }
            if (chain.size() == 1 && !ROOT.equals(id) && !jedis.exists(Keys.entity(id))
                    && !jedis.exists(Keys.children(id))) {
                throw new EntityNotFoundException(id, "check the uuid");
            }
            Collections.reverse(chain);
            return chain;
        });
    }

    /** Starts paging through the children of {@code id}; the cursor drops ids repeated by SSCAN. */
    public ChildCursor children(String id) {
        return new ChildCursor(this, id);
    }

    /**
     * Reads one page of children from an SSCAN cursor: SSCAN calls until {@code pageSize} new ids are collected or
     * the cursor is 0 (COUNT is only a hint), then one pipelined round trip for every child's name, type, existence
     * and child count. Ids already in {@code seen} are skipped and new ones are added to it.
     */
    public ChildPage childPage(String id, String cursor, int pageSize, Set<String> seen) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("invalid page size " + pageSize + ": use 1 or more");
        }
        return read("read children of " + id, jedis -> {
            String key = "c:" + id;
            List<String> ids = new ArrayList<>();
            String next = cursor;
            ScanParams params = new ScanParams().count(pageSize);
            do {
                ScanResult<String> page = jedis.sscan(key, next, params);
                guard().countSingle();
                for (String member : page.getResult()) {
                    if (seen.add(member)) {
                        ids.add(member);
                    }
                }
                next = page.getCursor();
            } while (ids.size() < pageSize && !"0".equals(next));
            return new ChildPage(id, summarize(jedis, ids), next);
        });
    }

    /**
     * Reads name, type, existence and child count of each id, in one pipelined round trip when the 3 commands per id
     * fit under the command limit and in more otherwise. A page from SSCAN can hold up to about twice the COUNT asked
     * for, because the last SSCAN call of a page may return a whole page more.
     */
    List<ChildSummary> summarize(Jedis jedis, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        int perPipeline = Math.max(1, guard().limit() / 3);
        List<ChildSummary> summaries = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += perPipeline) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + perPipeline));
            List<Response<List<byte[]>>> fields = new ArrayList<>(chunk.size());
            List<Response<Boolean>> exists = new ArrayList<>(chunk.size());
            List<Response<Long>> counts = new ArrayList<>(chunk.size());
            try (CommandBatch pipeline = guard().pipeline(jedis, "read child summaries")) {
                for (String child : chunk) {
                    byte[] entityKey = Keys.entity(child);
                    fields.add(pipeline.queue(p -> p.hmget(entityKey, Keys.NAME.raw(), Keys.TYPE.raw())));
                    exists.add(pipeline.queue(p -> p.exists(entityKey)));
                    counts.add(pipeline.queue(p -> p.scard(Keys.children(child))));
                }
                pipeline.sync();
            }
            for (int i = 0; i < chunk.size(); i++) {
                List<byte[]> nameAndType = fields.get(i).get();
                summaries.add(new ChildSummary(chunk.get(i), escapedOrNull(nameAndType.get(0)),
                        escapedOrNull(nameAndType.get(1)), counts.get(i).get(), exists.get(i).get()));
            }
        }
        return summaries;
    }

    /** Reads the summary of one id, as a tree row shows it. */
    public ChildSummary summary(String id) {
        return read("read " + id, jedis -> summarize(jedis, List.of(id)).getFirst());
    }

    /**
     * Reads the summaries of {@code ids}, in the same order, in one pipelined round trip of 3 commands per id, so
     * the list must fit under the command queue limit.
     */
    public List<ChildSummary> summaries(List<String> ids) {
        return read("read " + ids.size() + " summaries", jedis -> summarize(jedis, ids));
    }

    private static String escapedOrNull(byte[] value) {
        return value == null ? null : Bytes.wrap(value).escaped();
    }

    /**
     * Finds the top-level ids: every {@code c:<id>} whose id is not an entity, by a SCAN over {@code c:*} that
     * reports keys scanned against DBSIZE and stops when cancelled. {@code root} comes first when present.
     */
    public List<String> topLevelIds(Progress progress, Cancellation cancellation) {
        return read("find top-level ids", jedis -> {
            long total = jedis.dbSize();
            guard().countSingle();
            List<String> found = new ArrayList<>();
            ScanParams params = new ScanParams().match("c:*").count(1_000);
            String cursor = ScanParams.SCAN_POINTER_START;
            long scanned = 0;
            do {
                if (cancellation.isCancelled()) {
                    throw new CancelledException("search for top-level ids cancelled after " + scanned + " keys");
                }
                ScanResult<String> page = jedis.scan(cursor, params);
                guard().countSingle();
                List<String> ids = page.getResult().stream().map(key -> key.substring(2)).toList();
                if (!ids.isEmpty()) {
                    List<Response<Boolean>> exists = new ArrayList<>(ids.size());
                    try (CommandBatch pipeline = guard().pipeline(jedis, "find top-level ids")) {
                        for (String id : ids) {
                            exists.add(pipeline.queue(p -> p.exists(Keys.entity(id))));
                        }
                        pipeline.sync();
                    }
                    for (int i = 0; i < ids.size(); i++) {
                        if (!exists.get(i).get() && !found.contains(ids.get(i))) {
                            found.add(ids.get(i));
                        }
                    }
                }
                // SCAN with MATCH visits about COUNT keys per call, matching or not.
                scanned = Math.min(total, scanned + 1_000);
                progress.update(scanned, total);
                cursor = page.getCursor();
            } while (!"0".equals(cursor));
            progress.update(total, total);
            found.sort((a, b) -> ROOT.equals(a) ? -1 : ROOT.equals(b) ? 1 : a.compareTo(b));
            return found;
        });
    }

    /**
     * Counts the entities in the subtree of {@code id}, itself included when it is an entity. Walks the inner nodes
     * depth first with an explicit stack (no recursion), adding SCARD of each, so memory grows with depth, not size.
     */
    public long countSubtree(String id, Progress progress, Cancellation cancellation) {
        return read("count the subtree of " + id, jedis -> {
            boolean entity = jedis.exists(Keys.entity(id));
            guard().countSingle();
            // root is a top-level id also while it has no children, as in isTopLevel.
            if (!entity && !ROOT.equals(id) && !jedis.exists(Keys.children(id))) {
                throw new EntityNotFoundException(id, "check the uuid, or list top-level ids with 'roots'");
            }
            long count = (entity ? 1 : 0) + jedis.scard(Keys.children(id));
            guard().countSingle();
            progress.update(count, -1);
            Deque<ScanFrame> stack = new ArrayDeque<>();
            Set<String> onStack = new HashSet<>();
            stack.push(new ScanFrame(id));
            onStack.add(id);
            while (!stack.isEmpty()) {
                if (cancellation.isCancelled()) {
                    throw new CancelledException("count of " + id + " cancelled at " + count + " entities");
                }
                ScanFrame frame = stack.peek();
                if (frame.done) {
                    // Popped only now, after its inner children, so a cycle back to it is still seen on the stack.
                    stack.pop();
                    onStack.remove(frame.id);
                    continue;
                }
                if (frame.next == null) {
                    ChildPages.readAhead(guard(), jedis, "count subtree", stack, 1_000, false);
                }
                ChildPages.Page page = frame.take();
                frame.done = page.last();
                List<String> members = page.members();
                for (int i = 0; i < members.size(); i++) {
                    String member = members.get(i);
                    long children = page.childCounts()[i];
                    if (children > 0 && frame.descended.add(member)) {
                        if (!onStack.add(member)) {
                            throw new CorruptDataException("the children sets below '" + id + "' form a cycle through '"
                                    + member + "'; run 'check' and repair the parent pointers");
                        }
                        count += children;
                        stack.push(new ScanFrame(member));
                    }
                }
                progress.update(count, -1);
            }
            progress.update(count, count);
            return count;
        });
    }

    /** A node being scanned in a depth-first walk. */
    static final class ScanFrame extends ChildPages.Walked {
        boolean done;
        /** Inner children already pushed, so a member SSCAN returns twice is walked once. */
        final Set<String> descended = new HashSet<>();

        ScanFrame(String id) {
            super(id);
        }

        @Override
        boolean finished() {
            return done;
        }
    }

    /** Starts a paged search with hotcore's semantics, see {@link FindQuery}. */
    public FindCursor find(FindQuery query) {
        return new FindCursor(this, query);
    }

    // ---------------------------------------------------------------- writes

    /**
     * Creates an entity under {@code parentId} with index and GEO upkeep, as hotcore's {@code create} does, in one
     * transaction that WATCHes the parent so a concurrent delete of the parent cannot leave the new entity orphaned.
     * Shared keys (the parent's children set, index sets) are not WATCHed, so creates under one parent do not
     * abort each other.
     *
     * @return the new uuid
     * @throws EntityNotFoundException when the parent is neither an entity nor a top-level id
     */
    public String create(String parentId, Map<Bytes, Bytes> attributes) {
        requireWritable("create under " + parentId);
        Writes.requireAttributes(attributes);
        String id = UUID.randomUUID().toString();
        return transactions.run("create under " + parentId, (jedis, multi) -> {
            Writes.watchParent(jedis, guard(), parentId);
            Map<byte[], String> types = new LinkedHashMap<>();
            types.put(Keys.entity(id), "hash");
            types.put(Keys.parent(id), "string");
            types.put(Keys.children(parentId), "set");
            Writes.indexKeys(attributes).forEach(key -> types.put(key, "set"));
            Geo.Position position = Geo.positionOf(attributes);
            if (position != null) {
                types.put(position.key(), "zset");
            }
            Transactions.checkTypes(jedis, guard(), "create", types);

            CommandBatch batch = multi.begin();
            Writes.queueNewEntity(batch, id, parentId, attributes, position);
            return id;
        });
    }

    /**
     * An entity for {@link #createAll}: its attributes and its parent, either an existing entity or top-level id, or
     * an entity earlier in the same call.
     *
     * @param parentId the existing parent, or null when {@code parentIndex} names it
     * @param parentIndex the position of the parent in the same call, or -1
     */
    public record NewEntity(String parentId, int parentIndex, Map<Bytes, Bytes> attributes) {

        /** Returns an entity to create under an existing entity or top-level id. */
        public static NewEntity under(String parentId, Map<Bytes, Bytes> attributes) {
            return new NewEntity(Objects.requireNonNull(parentId, "parentId"), -1, attributes);
        }

        /** Returns an entity to create under the entity at {@code index} of the same call, which comes before it. */
        public static NewEntity underNew(int index, Map<Bytes, Bytes> attributes) {
            return new NewEntity(null, index, attributes);
        }
    }

    /**
     * Creates many entities with the same keys as {@link #create}, in transactions of up to 2,000 entities that
     * group the writes to shared sets. The tree is valid after each transaction. A failure or a cancel ends the
     * call with an exception; the transactions before it stay committed, and progress counts them.
     *
     * @return the new uuids, in the order of {@code entities}
     * @throws EntityNotFoundException when a parent is neither an entity nor a top-level id
     * @throws IllegalArgumentException when an entity names a parent that does not come before it
     */
    public List<String> createAll(List<NewEntity> entities, Progress progress, Cancellation cancellation) {
        return createAll(entities, progress, cancellation, ids -> { });
    }

    /**
     * Creates many entities as {@link #createAll(List, Progress, Cancellation)} does, and passes the uuids of each
     * committed transaction to {@code committed}, in the order of {@code entities} and on the calling thread. When
     * the call fails, the uuids passed so far are exactly the entities created.
     */
    public List<String> createAll(List<NewEntity> entities, Progress progress, Cancellation cancellation,
                                  Consumer<List<String>> committed) {
        requireWritable("bulk create");
        return new BulkCreate(this, entities).run(progress, cancellation, committed);
    }

    /**
     * Sets and removes attributes in one transaction, as hotcore's {@code apply} does: a null value removes the
     * attribute. Index sets and GEO sets follow. An apply that would remove every field is rejected, because Redis
     * drops an empty hash and the entity would vanish while its parent pointer stays.
     *
     * @throws EntityNotFoundException when the entity does not exist
     */
    public void apply(String id, Map<Bytes, Bytes> changes) {
        requireWritable("change attributes of " + id);
        if (changes.isEmpty()) {
            return;
        }
        Writes.checkChanges(changes);
        transactions.run("change attributes of " + id, (jedis, multi) -> {
            Writes.Plan plan = Writes.planApply(jedis, guard(), id, changes);
            CommandBatch batch = multi.begin();
            plan.queue(batch);
            return null;
        });
    }

    /**
     * Moves {@code id} under {@code newParentId}. Rejected when the new parent is the entity itself or one of its
     * descendants, decided from the stored ancestors of the new parent with their {@code p:} keys WATCHed, so a
     * concurrent move cannot close a cycle either.
     *
     * @return false when the entity already was under that parent
     */
    public boolean move(String id, String newParentId) {
        requireWritable("move " + id);
        if (id.equals(newParentId)) {
            throw new CycleException("cannot move '" + id + "' under itself; choose another parent");
        }
        return transactions.run("move " + id, (jedis, multi) -> Writes.planMove(jedis, guard(), id, newParentId)
                .map(plan -> {
                    plan.queue(multi.begin());
                    return true;
                })
                .orElse(false));
    }

    /**
     * Deletes an entity and lifts its children to its parent: they are re-pointed and added to the parent's
     * children set (the Python library omits the second step). Children move in transactions of at most
     * {@code batchSize}; the tree is valid after each.
     */
    public void deleteLiftingChildren(String id, int batchSize, Progress progress, Cancellation cancellation) {
        requireWritable("delete " + id);
        new LiftingDelete(this, id, batchSize).run(progress, cancellation);
    }

    /** Deletes the subtree of {@code id} bottom-up, counting it first for progress; see {@link CascadeDelete}. */
    public CascadeDelete.Result deleteCascade(String id, CascadeDelete.Options options, Progress progress,
                                              Cancellation cancellation) {
        return deleteCascade(id, options, -1, progress, cancellation);
    }

    /**
     * Deletes the subtree of {@code id} bottom-up; see {@link CascadeDelete}. With a {@code knownTotal} of 0 or
     * more, such as a count the user just confirmed, the subtree is not counted again and progress reports that
     * total, or the entities deleted where they are more.
     */
    public CascadeDelete.Result deleteCascade(String id, CascadeDelete.Options options, long knownTotal,
                                              Progress progress, Cancellation cancellation) {
        requireWritable("cascade delete of " + id);
        return new CascadeDelete(this, id, options, knownTotal).run(progress, cancellation);
    }

    static boolean isZero(byte[] cursor) {
        return cursor.length == 1 && cursor[0] == '0';
    }
}
