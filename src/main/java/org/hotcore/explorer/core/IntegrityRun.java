package org.hotcore.explorer.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.hotcore.explorer.core.IntegrityCheck.Kind;
import org.hotcore.explorer.core.IntegrityCheck.Options;
import org.hotcore.explorer.core.IntegrityCheck.Report;
import org.hotcore.explorer.core.IntegrityCheck.Subject;
import org.hotcore.explorer.core.IntegrityCheck.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.PipeliningBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/**
 * One run of the {@link IntegrityCheck} on one connection: a SCAN over every key, each page checked by the rules
 * that apply to its keys. Not thread-safe.
 */
final class IntegrityRun {

    private static final Logger log = LoggerFactory.getLogger(IntegrityRun.class);

    /** Index sets whose first SSCAN page is read in one pipeline. */
    private static final int INDEX_SETS_PER_ROUND = 100;

    /** Total fields of the hashes read in one pipeline of HGETALL calls. */
    private static final int MAX_FIELDS_PER_PIPELINE = 50_000;

    private static final byte[] ENTITY_PREFIX = bytes("e:");
    private static final byte[] PARENT_PREFIX = bytes("p:");
    private static final byte[] CHILDREN_PREFIX = bytes("c:");
    private static final byte[] LOCK_PREFIX = bytes("w:");
    private static final byte[] INDEX_PREFIX = bytes("i:");
    private static final byte[] GEO_PREFIX = bytes("geo:");

    /** A reply of a pipelined command: the value, or the error message the server sent instead. */
    record Reply<T>(T value, String error) {

        boolean failed() {
            return error != null;
        }

        /** Tells whether the reply is a true boolean, so that an error counts as false. */
        boolean isTrue() {
            return Boolean.TRUE.equals(value);
        }
    }

    /** An entity read in the first pass over a SCAN page. */
    private record EntityRow(String id, long fields, String parentId) {
    }

    private record IndexCheck(String id, Bytes attribute, Bytes value) {
    }

    /** One way to split an index key {@code i:<attribute>:<value>}: both parts may contain colons. */
    private record IndexSplit(Bytes attribute, Bytes value) {
    }

    /** An index set to check, with every way to read its key. */
    private record IndexSet(byte[] key, String keyText, List<IndexSplit> splits, byte[][] attributes) {

        static IndexSet of(byte[] key) {
            List<IndexSplit> splits = IntegrityRun.splitsOf(key);
            byte[][] attributes = splits.stream().map(split -> split.attribute().raw()).toArray(byte[][]::new);
            return new IndexSet(key, Bytes.wrap(key).escaped(), splits, attributes);
        }
    }

    private record IndexMember(IndexSet set, String id) {
    }

    private final CommandGuard guard;
    private final Jedis jedis;
    private final Options options;
    private final Cancellation cancellation;
    private final int batchCommands;

    private final List<Violation> violations = new ArrayList<>();
    private final Map<Integer, Long> byRule = new HashMap<>();
    private final List<String> topLevelIds = new ArrayList<>();
    private long violationCount;
    private long keysScanned;
    private long entities;
    private long childrenSets;
    private long indexSets;
    private long geoSets;
    private boolean cancelled;

    /** The ids reached by the walk of a subtree check, or null when the whole database is checked. */
    private Set<String> walk;
    /** Ids of the walk whose children sets are still to be read. */
    private final Deque<String> pending = new ArrayDeque<>();
    /** Entities of the walk whose own keys are still to be checked. */
    private final List<String> walkedEntities = new ArrayList<>();
    /** Members of children sets in the walk that are no entity, whose leftover keys are still to be checked. */
    private List<String> missingMembers;

    /** Entities whose own keys were checked, so a key SCAN returns twice is checked once. */
    private final Set<String> checkedEntities = new HashSet<>();
    private final ParentChains parentChains = new ParentChains(this);

    IntegrityRun(CommandGuard guard, Jedis jedis, Options options, Cancellation cancellation) {
        this.guard = guard;
        this.jedis = jedis;
        this.options = options;
        this.cancellation = cancellation;
        this.batchCommands = Math.max(1, Math.min(options.maxBatchCommands(), guard.limit()));
    }

    Report execute(Progress progress) {
        long total = jedis.dbSize();
        guard.countSingle();
        log.info("Integrity check started over {} keys", total);
        progress.update(0, total);
        scanKeys(new ScanParams().count(options.scanCount()), keys -> {
            checkPage(keys);
            progress.update(Math.min(keysScanned, total), total);
        });
        if (!cancelled) {
            progress.update(total, total);
        }
        topLevelIds.sort((a, b) -> HotcoreStore.ROOT.equals(a) ? -1 : HotcoreStore.ROOT.equals(b) ? 1 : a.compareTo(b));
        Report report = new Report(keysScanned, entities, childrenSets, indexSets, geoSets, topLevelIds,
                violationCount, byRule, violations, cancelled);
        log.info("Integrity check {}: {} keys, {} entities, {} violations {}", cancelled ? "cancelled" : "finished",
                keysScanned, entities, violationCount, byRule);
        return report;
    }

    /**
     * Checks the subtree of {@code top}: walks the children sets from {@code top} with an explicit stack, checks
     * every entity reached as the whole-database check does, and then SCANs the {@code p:} keys for entities whose
     * pointer names a node of the subtree but which no children set lists. Last it SCANs the index and GEO sets
     * of the whole database and checks their members that belong to the subtree, so stale members are found too.
     * Members outside the subtree are skipped unread.
     */
    Report executeSubtree(String top, Progress progress) {
        boolean entity = jedis.exists(Keys.entity(top));
        boolean hasChildren = jedis.exists(Keys.children(top));
        guard.countSingles(2);
        if (!entity && !hasChildren && !HotcoreStore.ROOT.equals(top)) {
            throw new EntityNotFoundException(top, "check the uuid, or list top-level ids with 'roots'");
        }
        log.info("Integrity check of the subtree of {} started", top);
        walk = new HashSet<>();
        missingMembers = new ArrayList<>();
        walk.add(top);
        if (entity) {
            walkedEntities.add(top);
        } else {
            topLevelIds.add(top);
        }
        pending.push(top);
        progress.update(0, -1);
        while (!pending.isEmpty() && !stopRequested()) {
            String node = pending.pop();
            childrenSets++;
            checkChildren(node);
            if (walkedEntities.size() >= batchCommands) {
                flushWalkedEntities();
            }
            progress.update(walk.size(), -1);
        }
        flushWalkedEntities();
        if (!stopRequested()) {
            findUnlistedChildren();
        }
        if (!stopRequested()) {
            scanKeys(new ScanParams().match("i:*").count(options.scanCount()), this::checkIndexSets);
        }
        if (!stopRequested()) {
            scanKeys(new ScanParams().match("geo:*").count(options.scanCount()), keys -> keys.forEach(key -> {
                if (!stopRequested()) {
                    checkGeoSet(key);
                }
            }));
        }
        progress.update(walk.size(), walk.size());
        Report report = new Report(keysScanned, entities, childrenSets, indexSets, geoSets, topLevelIds,
                violationCount, byRule, violations, cancelled);
        log.info("Integrity check of the subtree of {} {}: {} entities, {} violations {}", top,
                cancelled ? "cancelled" : "finished", entities, violationCount, byRule);
        return report;
    }

    /** Adds children reached by the walk: all are checked as entities, those with children sets are walked on. */
    private void queueWalked(List<String> children) {
        if (children.isEmpty()) {
            return;
        }
        List<Reply<Boolean>> hasChildren = pipelined("children's children sets", children,
                (p, child) -> p.exists(Keys.children(child)));
        for (int i = 0; i < children.size(); i++) {
            walkedEntities.add(children.get(i));
            if (hasChildren.get(i).isTrue()) {
                pending.push(children.get(i));
            }
        }
    }

    private void flushWalkedEntities() {
        if (!walkedEntities.isEmpty()) {
            checkEntities(new ArrayList<>(walkedEntities));
            walkedEntities.clear();
        }
        if (!missingMembers.isEmpty()) {
            List<String> ids = new ArrayList<>(missingMembers);
            missingMembers.clear();
            for (String prefix : List.of("p:", "w:")) {
                List<Reply<Boolean>> exists = pipelined("leftover " + prefix + " keys", ids,
                        (p, id) -> p.exists((prefix + id).getBytes(StandardCharsets.UTF_8)));
                List<String> present = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    if (exists.get(i).isTrue()) {
                        present.add(ids.get(i));
                    }
                }
                checkLeftoverKeys(present, prefix, prefix.equals("p:") ? "parent pointer" : "lock key");
            }
        }
    }

    /**
     * SCANs every {@code p:} key and checks the entities whose pointer names a node of the walk but which the walk
     * did not reach: those no children set lists, the damage the reference library's delete leaves.
     */
    private void findUnlistedChildren() {
        ScanParams params = new ScanParams().match("p:*").count(options.scanCount());
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        do {
            if (stopRequested()) {
                return;
            }
            ScanResult<byte[]> page = jedis.scan(cursor, params);
            guard.countSingle();
            keysScanned += page.getResult().size();
            List<String> ids = new ArrayList<>();
            for (byte[] key : page.getResult()) {
                String id = Keys.idOf(key, 2);
                if (!walk.contains(id)) {
                    ids.add(id);
                }
            }
            List<Reply<byte[]>> parents = pipelined("parents outside the walk", ids, (p, id) -> p.get(Keys.parent(id)));
            List<String> unlisted = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String parent = parents.get(i).failed() ? null : Keys.text(parents.get(i).value());
                if (parent != null && walk.contains(parent)) {
                    unlisted.add(ids.get(i));
                }
            }
            if (!unlisted.isEmpty()) {
                walk.addAll(unlisted);
                checkEntities(unlisted);
                List<Reply<Boolean>> exists = pipelined("owners of p: keys", unlisted,
                        (p, id) -> p.exists(Keys.entity(id)));
                List<String> leftovers = new ArrayList<>();
                for (int i = 0; i < unlisted.size(); i++) {
                    if (!exists.get(i).failed() && !exists.get(i).isTrue()) {
                        leftovers.add(unlisted.get(i));
                    }
                }
                checkLeftoverKeys(leftovers, "p:", "parent pointer");
            }
            cursor = page.getCursorAsBytes();
        } while (!HotcoreStore.isZero(cursor));
    }

    /** SCANs the keys with {@code params} and hands each page to {@code check}, until done or cancelled. */
    private void scanKeys(ScanParams params, Consumer<List<byte[]>> check) {
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        do {
            if (stopRequested()) {
                return;
            }
            ScanResult<byte[]> page = jedis.scan(cursor, params);
            guard.countSingle();
            keysScanned += page.getResult().size();
            check.accept(page.getResult());
            cursor = page.getCursorAsBytes();
        } while (!HotcoreStore.isZero(cursor));
    }

    /** Tells whether a member of an index or GEO set is checked: always, or in a subtree check when it is walked. */
    private boolean inScope(String id) {
        return walk == null || walk.contains(id);
    }

    private boolean stopRequested() {
        if (!cancelled && cancellation.isCancelled()) {
            cancelled = true;
        }
        return cancelled;
    }

    /**
     * Sorts the keys of one SCAN page by prefix and checks each group.
     *
     * <p>NOTE: SCAN returns a key twice when the keyspace is resized during the scan. Entities are checked once, but
     * a repeated children, index or GEO set is checked again and its violations are then counted twice.
     */
    private void checkPage(List<byte[]> keys) {
        List<String> entityIds = new ArrayList<>();
        List<String> childrenOwners = new ArrayList<>();
        List<String> parentKeys = new ArrayList<>();
        List<String> lockKeys = new ArrayList<>();
        List<byte[]> indexKeys = new ArrayList<>();
        List<byte[]> geoKeys = new ArrayList<>();
        for (byte[] key : keys) {
            if (startsWith(key, ENTITY_PREFIX)) {
                entityIds.add(Keys.idOf(key, 2));
            } else if (startsWith(key, CHILDREN_PREFIX)) {
                childrenOwners.add(Keys.idOf(key, 2));
            } else if (startsWith(key, PARENT_PREFIX)) {
                parentKeys.add(Keys.idOf(key, 2));
            } else if (startsWith(key, LOCK_PREFIX)) {
                lockKeys.add(Keys.idOf(key, 2));
            } else if (startsWith(key, INDEX_PREFIX)) {
                indexKeys.add(key);
            } else if (startsWith(key, GEO_PREFIX)) {
                geoKeys.add(key);
            }
            // u: union sets of wildcard searches expire on their own, and other keys are not hotcore's.
        }

        checkEntities(entityIds);
        checkChildrenSets(childrenOwners);
        checkLeftoverKeys(parentKeys, "p:", "parent pointer");
        checkLeftoverKeys(lockKeys, "w:", "lock key");
        checkIndexSets(indexKeys);
        for (byte[] key : geoKeys) {
            if (stopRequested()) {
                return;
            }
            checkGeoSet(key);
        }
    }

    // ------------------------------------------------------------ entities: rules 1, 3, 4 and 6

    private void checkEntities(List<String> page) {
        List<String> ids = new ArrayList<>(page.size());
        for (String id : page) {
            if (checkedEntities.add(id)) {
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            return;
        }

        List<Reply<Long>> lengths = pipelined("entity sizes", ids, (p, id) -> p.hlen(Keys.entity(id)));
        List<Reply<byte[]>> parents = pipelined("parent pointers", ids, (p, id) -> p.get(Keys.parent(id)));
        List<EntityRow> rows = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Reply<Long> length = lengths.get(i);
            if (length.failed()) {
                wrongType(1, "e:" + id, "e:" + id + " is not a hash, so '" + id + "' is no valid entity: "
                        + length.error());
                continue;
            }
            if (length.value() == 0) {
                // Deleted after SCAN returned its key.
                continue;
            }
            entities++;
            Reply<byte[]> parent = parents.get(i);
            String parentId = null;
            if (parent.failed()) {
                wrongType(1, "p:" + id, "p:" + id + " of entity '" + id + "' is not a string: " + parent.error());
            } else if (parent.value() == null) {
                violation(1, Kind.NO_PARENT_POINTER, "e:" + id, "entity '" + id + "' has no parent pointer p:" + id,
                        "set p:" + id + " to root and add '" + id + "' to c:root, unless a children set lists it",
                        Subject.of(id, null), "e:" + id, "p:" + id);
            } else {
                parentId = Keys.text(parent.value());
            }
            rows.add(new EntityRow(id, length.value(), parentId));
        }

        checkListedByParent(rows);
        checkAttributes(rows);
        Map<String, String> parentIds = new LinkedHashMap<>();
        rows.forEach(row -> parentIds.put(row.id(), row.parentId()));
        parentChains.check(parentIds);
    }

    private void checkListedByParent(List<EntityRow> rows) {
        List<EntityRow> withParent = rows.stream().filter(row -> row.parentId() != null).toList();
        List<Reply<Boolean>> listed = pipelined("membership in the parent's children set", withParent,
                (p, row) -> p.sismember(Keys.children(row.parentId()), bytes(row.id())));
        for (int i = 0; i < withParent.size(); i++) {
            EntityRow row = withParent.get(i);
            Reply<Boolean> reply = listed.get(i);
            if (reply.failed()) {
                wrongType(1, "c:" + row.parentId(), "c:" + row.parentId() + " is not a set, so entity '" + row.id()
                        + "' cannot be listed there: " + reply.error());
            } else if (!reply.value()) {
                violation(1, Kind.NOT_LISTED_BY_PARENT, row.id(), "entity '" + row.id() + "' has p:" + row.id()
                        + " = '" + row.parentId() + "' but is not a member of c:" + row.parentId(),
                        "add '" + row.id() + "' to c:" + row.parentId(), Subject.of(row.id(), row.parentId()),
                        "p:" + row.id(), "c:" + row.parentId());
            }
        }
    }

    private void checkAttributes(List<EntityRow> rows) {
        List<EntityRow> chunk = new ArrayList<>();
        long chunkFields = 0;
        for (EntityRow row : rows) {
            if (row.fields() > HotcoreStore.HGETALL_MAX_FIELDS) {
                checkLargeEntity(row.id());
                continue;
            }
            if (!chunk.isEmpty() && (chunkFields + row.fields() > MAX_FIELDS_PER_PIPELINE
                    || chunk.size() >= batchCommands)) {
                checkSmallEntities(chunk);
                chunk = new ArrayList<>();
                chunkFields = 0;
            }
            chunk.add(row);
            chunkFields += row.fields();
        }
        if (!chunk.isEmpty()) {
            checkSmallEntities(chunk);
        }
    }

    private void checkSmallEntities(List<EntityRow> rows) {
        List<Reply<Map<byte[], byte[]>>> hashes = pipelined("attributes", rows,
                (p, row) -> p.hgetAll(Keys.entity(row.id())));
        List<IndexCheck> indexChecks = new ArrayList<>();
        Map<String, Geo.Position> positions = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Reply<Map<byte[], byte[]>> hash = hashes.get(i);
            if (hash.failed()) {
                // Reported as rule 1 by the first pass, unless the key changed type in between.
                continue;
            }
            String id = rows.get(i).id();
            Map<Bytes, Bytes> attributes = new LinkedHashMap<>();
            hash.value().forEach((name, value) -> attributes.put(Bytes.wrap(name), Bytes.wrap(value)));
            addIndexChecks(id, attributes, indexChecks);
            Geo.Position position = Geo.positionOf(attributes);
            if (position != null) {
                positions.put(id, position);
            }
        }
        runIndexChecks(indexChecks);
        runGeoChecks(positions);
    }

    /** Checks the index entries of an entity with more fields than one HGETALL should return, page by page. */
    private void checkLargeEntity(String id) {
        byte[] key = Keys.entity(id);
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        ScanParams params = new ScanParams().count(Math.min(options.scanCount(), HotcoreStore.HGETALL_MAX_FIELDS));
        Map<Bytes, Bytes> geoFields = new HashMap<>();
        Set<Bytes> seen = new HashSet<>();
        do {
            ScanResult<Map.Entry<byte[], byte[]>> page;
            try {
                page = jedis.hscan(key, cursor, params);
            } catch (JedisDataException e) {
                // The key changed type after the first pass, which the next run reports.
                log.debug("Integrity check: HSCAN of e:{} failed", id, e);
                return;
            } finally {
                guard.countSingle();
            }
            List<IndexCheck> indexChecks = new ArrayList<>();
            Map<Bytes, Bytes> fields = new LinkedHashMap<>();
            for (Map.Entry<byte[], byte[]> entry : page.getResult()) {
                Bytes name = Bytes.wrap(entry.getKey());
                if (seen.add(name)) {
                    fields.put(name, Bytes.wrap(entry.getValue()));
                }
                if (name.equals(Keys.TYPE) || name.equals(Keys.LAT) || name.equals(Keys.LONG)) {
                    geoFields.put(name, Bytes.wrap(entry.getValue()));
                }
            }
            addIndexChecks(id, fields, indexChecks);
            runIndexChecks(indexChecks);
            cursor = page.getCursorAsBytes();
        } while (!HotcoreStore.isZero(cursor));
        Geo.Position position = Geo.positionOf(geoFields);
        if (position != null) {
            runGeoChecks(Map.of(id, position));
        }
    }

    private static void addIndexChecks(String id, Map<Bytes, Bytes> attributes, List<IndexCheck> checks) {
        attributes.forEach((name, value) -> {
            if (Keys.isIndexed(name)) {
                checks.add(new IndexCheck(id, name, value));
            }
        });
    }

    private void runIndexChecks(List<IndexCheck> checks) {
        List<Reply<Boolean>> indexed = pipelined("index entries", checks,
                (p, check) -> p.sismember(Keys.index(check.attribute(), check.value()), bytes(check.id())));
        for (int i = 0; i < checks.size(); i++) {
            IndexCheck check = checks.get(i);
            Reply<Boolean> reply = indexed.get(i);
            String indexKey = "i:" + check.attribute().escaped() + ":" + check.value().escaped();
            if (reply.failed()) {
                wrongType(4, indexKey, indexKey + " is not a set, so entity '" + check.id() + "' cannot be indexed"
                        + " there: " + reply.error());
            } else if (!reply.value()) {
                violation(4, Kind.INDEX_MISSING, check.id(), "entity '" + check.id() + "' has "
                        + check.attribute().escaped() + " = '" + check.value().escaped() + "' but is not a member of "
                        + indexKey, "add '" + check.id() + "' to " + indexKey,
                        new Subject(check.id(), null, Bytes.wrap(Keys.index(check.attribute(), check.value())),
                                check.attribute(), check.value()), "e:" + check.id(), indexKey);
            }
        }
    }

    private void runGeoChecks(Map<String, Geo.Position> positions) {
        List<Map.Entry<String, Geo.Position>> entries = new ArrayList<>(positions.entrySet());
        List<Reply<Double>> scores = pipelined("GEO memberships", entries,
                (p, entry) -> p.zscore(entry.getValue().key(), bytes(entry.getKey())));
        for (int i = 0; i < entries.size(); i++) {
            String id = entries.get(i).getKey();
            String geoKey = new String(entries.get(i).getValue().key(), StandardCharsets.UTF_8);
            Reply<Double> reply = scores.get(i);
            if (reply.failed()) {
                wrongType(6, geoKey, geoKey + " is not a sorted set, so entity '" + id + "' cannot be placed there: "
                        + reply.error());
            } else if (reply.value() == null) {
                violation(6, Kind.GEO_MISSING, id, "entity '" + id + "' has numeric lat and long but is not a member of "
                        + geoKey, "add '" + id + "' to " + geoKey + " at its lat and long",
                        Subject.ofKey(id, entries.get(i).getValue().key()), "e:" + id, geoKey);
            }
        }
    }

    // ------------------------------------------------------------ children sets: rules 2 and 5

    private void checkChildrenSets(List<String> owners) {
        if (owners.isEmpty()) {
            return;
        }
        List<Reply<Boolean>> ownerIsEntity = pipelined("children set owners", owners,
                (p, id) -> p.exists(Keys.entity(id)));
        for (int i = 0; i < owners.size(); i++) {
            if (stopRequested()) {
                return;
            }
            String id = owners.get(i);
            boolean entity = ownerIsEntity.get(i).isTrue();
            childrenSets++;
            if (!entity && topLevelIds.size() < options.maxViolations() && !topLevelIds.contains(id)) {
                topLevelIds.add(id);
            }
            long pointingBack = checkChildren(id);
            if (!entity && pointingBack == 0) {
                violation(5, Kind.LEFTOVER_KEY, "c:" + id, "c:" + id + " exists but '" + id + "' is not an entity and"
                        + " none of the members has p: = '" + id + "', so it is no top-level id of any entity",
                        "delete c:" + id, Subject.ofKey(id, Keys.children(id)), "c:" + id);
            }
        }
    }

    /**
     * Checks rule 2 for every member of {@code c:<id>} and returns how many members point back to {@code id}, or -1
     * when the key is not a set or the run was cancelled.
     */
    private long checkChildren(String id) {
        byte[] key = Keys.children(id);
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        ScanParams params = new ScanParams().count(options.scanCount());
        Set<String> seen = new HashSet<>();
        long pointingBack = 0;
        do {
            if (stopRequested()) {
                return -1;
            }
            ScanResult<byte[]> page;
            try {
                page = jedis.sscan(key, cursor, params);
            } catch (JedisDataException e) {
                wrongType(2, "c:" + id, "c:" + id + " is not a set: " + e.getMessage());
                return -1;
            } finally {
                guard.countSingle();
            }
            List<String> members = new ArrayList<>();
            for (byte[] member : page.getResult()) {
                String child = Keys.text(member);
                if (seen.add(child)) {
                    members.add(child);
                }
            }
            List<Reply<Boolean>> exists = pipelined("children's entities", members,
                    (p, child) -> p.exists(Keys.entity(child)));
            List<Reply<byte[]>> parents = pipelined("children's parents", members,
                    (p, child) -> p.get(Keys.parent(child)));
            List<String> walkNext = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                String child = members.get(i);
                boolean entity = exists.get(i).isTrue();
                String parent = parents.get(i).failed() ? null : Keys.text(parents.get(i).value());
                if (id.equals(parent)) {
                    pointingBack++;
                }
                if (!entity) {
                    violation(2, Kind.CHILD_WITHOUT_ENTITY, "c:" + id, "member '" + child + "' of c:" + id
                            + " is not an entity (no e:" + child + ")", "remove '" + child + "' from c:" + id,
                            Subject.of(child, id), "c:" + id, "e:" + child);
                    if (missingMembers != null) {
                        missingMembers.add(child);
                    }
                } else if (parent == null) {
                    violation(2, Kind.CHILD_WITHOUT_PARENT_POINTER, "c:" + id, "member '" + child + "' of c:" + id
                            + " has no parent pointer p:" + child, "set p:" + child + " to '" + id + "'",
                            Subject.of(child, id), "c:" + id, "p:" + child);
                } else if (!id.equals(parent)) {
                    violation(2, Kind.CHILD_POINTS_ELSEWHERE, "c:" + id, "member '" + child + "' of c:" + id
                            + " has p:" + child + " = '" + parent + "', not '" + id + "'", "remove '" + child
                            + "' from c:" + id + "; it stays in c:" + parent, Subject.of(child, id), "c:" + id,
                            "p:" + child);
                } else if (walk != null && walk.add(child)) {
                    walkNext.add(child);
                }
            }
            if (walk != null) {
                queueWalked(walkNext);
            }
            cursor = page.getCursorAsBytes();
        } while (!HotcoreStore.isZero(cursor));
        return pointingBack;
    }

    /** Checks rule 5 for {@code p:} and {@code w:} keys: each must belong to an entity. */
    private void checkLeftoverKeys(List<String> ids, String prefix, String what) {
        List<Reply<Boolean>> exists = pipelined("owners of " + prefix + " keys", ids,
                (p, id) -> p.exists(Keys.entity(id)));
        for (int i = 0; i < ids.size(); i++) {
            if (!exists.get(i).failed() && !exists.get(i).isTrue()) {
                String id = ids.get(i);
                violation(5, Kind.LEFTOVER_KEY, prefix + id, "the " + what + " " + prefix + id + " exists but '" + id
                        + "' is not an entity (no e:" + id + ")", "delete " + prefix + id,
                        Subject.ofKey(id, (prefix + id).getBytes(StandardCharsets.UTF_8)), prefix + id);
            }
        }
    }

    // ------------------------------------------------------------ index sets: rule 4

    /**
     * Checks index sets a group at a time: the first SSCAN page of every set of the group comes in one pipeline,
     * and only sets with more members continue with SSCAN calls of their own.
     */
    private void checkIndexSets(List<byte[]> keys) {
        ScanParams params = new ScanParams().count(options.scanCount());
        for (int from = 0; from < keys.size(); from += INDEX_SETS_PER_ROUND) {
            if (stopRequested()) {
                return;
            }
            List<IndexSet> sets = new ArrayList<>();
            for (byte[] key : keys.subList(from, Math.min(keys.size(), from + INDEX_SETS_PER_ROUND))) {
                indexSets++;
                IndexSet set = IndexSet.of(key);
                if (set.splits().isEmpty()) {
                    violation(4, Kind.INVALID_KEY, set.keyText(), set.keyText() + " is not of the form"
                            + " i:<attribute>:<value>", "look at " + set.keyText() + " and rename or delete it by hand;"
                            + " repair leaves it", Subject.NONE, set.keyText());
                } else {
                    sets.add(set);
                }
            }
            List<Reply<ScanResult<byte[]>>> firstPages = pipelined("index set members", sets,
                    (p, set) -> p.sscan(set.key(), ScanParams.SCAN_POINTER_START_BINARY, params));
            List<IndexMember> members = new ArrayList<>();
            List<Runnable> rest = new ArrayList<>();
            for (int i = 0; i < sets.size(); i++) {
                IndexSet set = sets.get(i);
                Reply<ScanResult<byte[]>> page = firstPages.get(i);
                if (page.failed()) {
                    wrongType(4, set.keyText(), set.keyText() + " is not a set: " + page.error());
                    continue;
                }
                Set<String> setSeen = new HashSet<>();
                addMembers(set, page.value().getResult(), setSeen, members);
                byte[] cursor = page.value().getCursorAsBytes();
                if (!HotcoreStore.isZero(cursor)) {
                    rest.add(() -> scanRestOfIndexSet(set, cursor, setSeen, params));
                }
            }
            checkIndexMembers(members);
            rest.forEach(Runnable::run);
        }
    }

    private void scanRestOfIndexSet(IndexSet set, byte[] start, Set<String> seen, ScanParams params) {
        byte[] cursor = start;
        do {
            if (stopRequested()) {
                return;
            }
            ScanResult<byte[]> page;
            try {
                page = jedis.sscan(set.key(), cursor, params);
            } catch (JedisDataException e) {
                wrongType(4, set.keyText(), set.keyText() + " is not a set: " + e.getMessage());
                return;
            } finally {
                guard.countSingle();
            }
            List<IndexMember> members = new ArrayList<>();
            addMembers(set, page.getResult(), seen, members);
            checkIndexMembers(members);
            cursor = page.getCursorAsBytes();
        } while (!HotcoreStore.isZero(cursor));
    }

    private void addMembers(IndexSet set, List<byte[]> page, Set<String> seen, List<IndexMember> out) {
        for (byte[] member : page) {
            String id = Keys.text(member);
            if (inScope(id) && seen.add(id)) {
                out.add(new IndexMember(set, id));
            }
        }
    }

    /** Checks that each member is an entity whose attribute has the value its index key names. */
    private void checkIndexMembers(List<IndexMember> members) {
        List<Reply<List<byte[]>>> values = pipelined("indexed values", members,
                (p, member) -> p.hmget(Keys.entity(member.id()), member.set().attributes()));
        List<IndexMember> mismatched = new ArrayList<>();
        List<List<byte[]>> mismatchedValues = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Reply<List<byte[]>> reply = values.get(i);
            if (reply.failed()) {
                // A member whose e: key is not a hash is reported under rule 1 by the entity pass.
                continue;
            }
            if (!matchesAnySplit(members.get(i).set().splits(), reply.value())) {
                mismatched.add(members.get(i));
                mismatchedValues.add(reply.value());
            }
        }
        if (mismatched.isEmpty()) {
            return;
        }
        List<Reply<Boolean>> exists = pipelined("indexed entities", mismatched,
                (p, member) -> p.exists(Keys.entity(member.id())));
        for (int i = 0; i < mismatched.size(); i++) {
            IndexMember member = mismatched.get(i);
            String keyText = member.set().keyText();
            String id = member.id();
            boolean entity = exists.get(i).isTrue();
            if (!entity) {
                violation(4, Kind.INDEX_MEMBER_WITHOUT_ENTITY, keyText, "member '" + id + "' of " + keyText
                        + " is not an entity (no e:" + id + ")", "remove '" + id + "' from " + keyText,
                        Subject.ofKey(id, member.set().key()), keyText, "e:" + id);
                continue;
            }
            IndexSplit split = member.set().splits().getFirst();
            String attribute = split.attribute().escaped();
            byte[] actual = mismatchedValues.get(i).getFirst();
            String found = actual == null
                    ? "no attribute " + attribute
                    : attribute + " = '" + Bytes.wrap(actual).escaped() + "'";
            violation(4, Kind.INDEX_STALE, keyText, "member '" + id + "' of " + keyText + " has " + found
                    + ", not '" + split.value().escaped() + "'", "remove '" + id + "' from " + keyText,
                    Subject.ofKey(id, member.set().key()), keyText, "e:" + id);
        }
    }

    /** Returns the ways to read {@code i:<attribute>:<value>}, splitting at each colon after the prefix. */
    private static List<IndexSplit> splitsOf(byte[] key) {
        List<IndexSplit> splits = new ArrayList<>();
        for (int i = INDEX_PREFIX.length + 1; i < key.length; i++) {
            if (key[i] == ':') {
                splits.add(new IndexSplit(Bytes.wrap(Arrays.copyOfRange(key, INDEX_PREFIX.length, i)),
                        Bytes.wrap(Arrays.copyOfRange(key, i + 1, key.length))));
            }
        }
        return splits;
    }

    private static boolean matchesAnySplit(List<IndexSplit> splits, List<byte[]> values) {
        for (int k = 0; k < splits.size(); k++) {
            byte[] value = values.get(k);
            if (value != null && Arrays.equals(value, splits.get(k).value().raw())) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------ GEO sets: rule 6

    private void checkGeoSet(byte[] key) {
        geoSets++;
        String keyText = Bytes.wrap(key).escaped();
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        ScanParams params = new ScanParams().count(options.scanCount());
        Set<String> seen = new HashSet<>();
        do {
            if (stopRequested()) {
                return;
            }
            ScanResult<Tuple> page;
            try {
                page = jedis.zscan(key, cursor, params);
            } catch (JedisDataException e) {
                wrongType(6, keyText, keyText + " is not a sorted set: " + e.getMessage());
                return;
            } finally {
                guard.countSingle();
            }
            List<String> members = new ArrayList<>();
            for (Tuple tuple : page.getResult()) {
                String id = Keys.text(tuple.getBinaryElement());
                if (inScope(id) && seen.add(id)) {
                    members.add(id);
                }
            }
            List<Reply<Boolean>> exists = pipelined("GEO members", members, (p, id) -> p.exists(Keys.entity(id)));
            List<Reply<List<byte[]>>> fields = pipelined("GEO members' positions", members,
                    (p, id) -> p.hmget(Keys.entity(id), Keys.TYPE.raw(), Keys.LAT.raw(), Keys.LONG.raw()));
            for (int i = 0; i < members.size(); i++) {
                String id = members.get(i);
                if (exists.get(i).failed() || fields.get(i).failed()) {
                    continue;
                }
                if (!exists.get(i).isTrue()) {
                    violation(6, Kind.GEO_MEMBER_WITHOUT_ENTITY, keyText, "member '" + id + "' of " + keyText
                            + " is not an entity (no e:" + id + ")", "remove '" + id + "' from " + keyText,
                            Subject.ofKey(id, key), keyText, "e:" + id);
                    continue;
                }
                List<byte[]> values = fields.get(i).value();
                Geo.Position position = Geo.positionOf(wrapOrNull(values.get(0)), wrapOrNull(values.get(1)),
                        wrapOrNull(values.get(2)));
                if (position == null) {
                    violation(6, Kind.GEO_STALE, keyText, "member '" + id + "' of " + keyText + " has no numeric"
                            + " lat and long", "remove '" + id + "' from " + keyText, Subject.ofKey(id, key),
                            keyText, "e:" + id);
                } else if (!Arrays.equals(position.key(), key)) {
                    String belongs = Bytes.wrap(position.key()).escaped();
                    violation(6, Kind.GEO_STALE, keyText, "member '" + id + "' of " + keyText + " belongs in "
                            + belongs + " by its type", "remove '" + id + "' from " + keyText + "; it stays in "
                            + belongs, Subject.ofKey(id, key), keyText, "e:" + id);
                }
            }
            cursor = page.getCursorAsBytes();
        } while (!HotcoreStore.isZero(cursor));
    }

    // ------------------------------------------------------------ helpers

    /**
     * Sends one command per item in pipelines of at most {@link #batchCommands} commands and returns the replies
     * in item order. An error reply, such as WRONGTYPE, is returned as a failed reply instead of thrown.
     */
    <I, T> List<Reply<T>> pipelined(String step, List<I> items,
                                            BiFunction<PipeliningBase, I, Response<T>> command) {
        List<Reply<T>> replies = new ArrayList<>(items.size());
        for (int from = 0; from < items.size(); from += batchCommands) {
            List<I> chunk = items.subList(from, Math.min(items.size(), from + batchCommands));
            List<Response<T>> responses = new ArrayList<>(chunk.size());
            try (CommandBatch pipeline = guard.pipeline(jedis, "integrity check (" + step + ")")) {
                for (I item : chunk) {
                    responses.add(pipeline.queue(p -> command.apply(p, item)));
                }
                pipeline.sync();
            }
            for (Response<T> response : responses) {
                try {
                    replies.add(new Reply<>(response.get(), null));
                } catch (JedisDataException e) {
                    replies.add(new Reply<>(null, String.valueOf(e.getMessage())));
                }
            }
        }
        return replies;
    }

    void violation(int rule, Kind kind, String key, String message, String fix, Subject subject, String... keys) {
        violationCount++;
        byRule.merge(rule, 1L, Long::sum);
        if (violations.size() < options.maxViolations()) {
            violations.add(new Violation(rule, key, message, kind, List.of(keys), fix, subject));
        }
    }

    /** Reports a key whose type is not the one hotcore stores there. */
    private void wrongType(int rule, String key, String message) {
        violation(rule, Kind.WRONG_TYPE, key, message, "look at " + key + " and rename or delete it by hand, then"
                + " check again; repair leaves it", Subject.NONE, key);
    }

    private static Bytes wrapOrNull(byte[] value) {
        return value == null ? null : Bytes.wrap(value);
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
