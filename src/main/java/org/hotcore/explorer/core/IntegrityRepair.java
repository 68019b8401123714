package org.hotcore.explorer.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.hotcore.explorer.core.IntegrityCheck.Kind;
import org.hotcore.explorer.core.IntegrityCheck.Options;
import org.hotcore.explorer.core.IntegrityCheck.Outcome;
import org.hotcore.explorer.core.IntegrityCheck.Repair;
import org.hotcore.explorer.core.IntegrityCheck.RepairReport;
import org.hotcore.explorer.core.IntegrityCheck.Report;
import org.hotcore.explorer.core.IntegrityCheck.Subject;
import org.hotcore.explorer.core.IntegrityCheck.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Repairs what an {@link IntegrityCheck} reports. Each problem is fixed in its own small transaction: the keys it
 * is about are WATCHed, the problem is checked again, and only a problem that is still there is written. Then the
 * check runs again, because one fix can reveal the next (an entity added back to its parent's children set has a
 * subtree of its own), until the data is valid, a pass fixes nothing, or {@link #MAX_PASSES} passes have run.
 */
final class IntegrityRepair {

    private static final Logger log = LoggerFactory.getLogger(IntegrityRepair.class);

    /** The maximum number of check-and-repair passes of one run. */
    static final int MAX_PASSES = 20;

    /** The maximum number of violations one pass repairs; a database with more needs more passes. */
    static final int VIOLATIONS_PER_PASS = 10_000;

    private static final byte[] EMPTY = new byte[0];

    private final HotcoreStore store;
    private final String subtree;
    private final Options options;
    private final Consumer<Repair> listener;
    private final List<Repair> repairs = new ArrayList<>();
    private long fixed;
    private long unchanged;
    private long manual;
    private long failed;
    /** Nodes seen to reach a top-level id during the current pass, so a long chain is walked once. */
    private final Set<String> reachesTop = new HashSet<>();

    IntegrityRepair(HotcoreStore store, String subtree, Options options, Consumer<Repair> listener) {
        this.store = store;
        this.subtree = subtree;
        this.options = options;
        this.listener = listener;
    }

    RepairReport run(Progress progress, Cancellation cancellation) {
        store.requireWritable("repair");
        Options passOptions = new Options(Math.max(options.maxViolations(), VIOLATIONS_PER_PASS),
                options.scanCount(), options.maxBatchCommands());
        Report before = IntegrityCheck.run(store, subtree, passOptions, progress, cancellation);
        Report current = before;
        int passes = 0;
        while (!current.valid() && !current.cancelled() && passes < MAX_PASSES) {
            passes++;
            reachesTop.clear();
            List<Violation> todo = new ArrayList<>(current.violations());
            todo.sort(Comparator.comparing(Violation::kind));
            long fixedBefore = fixed;
            for (Violation violation : todo) {
                if (cancellation.isCancelled()) {
                    break;
                }
                record(repairOne(violation));
            }
            log.info("Repair pass {}: {} fixed of {} violations", passes, fixed - fixedBefore, todo.size());
            current = IntegrityCheck.run(store, subtree, passOptions, progress, cancellation);
            if (fixed == fixedBefore || cancellation.isCancelled()) {
                break;
            }
        }
        return new RepairReport(trim(before), trim(current), repairs, fixed, unchanged, manual, failed, passes);
    }

    /** Cuts a pass's report back to the caller's violation limit. */
    private Report trim(Report report) {
        List<Violation> kept = report.violations().size() > options.maxViolations()
                ? report.violations().subList(0, options.maxViolations()) : report.violations();
        return new Report(report.keysScanned(), report.entities(), report.childrenSets(), report.indexSets(),
                report.geoSets(), report.topLevelIds(), report.violationCount(), report.violationsByRule(), kept,
                report.cancelled());
    }

    private void record(Repair repair) {
        switch (repair.outcome()) {
            case FIXED -> fixed++;
            case UNCHANGED -> unchanged++;
            case MANUAL -> manual++;
            case FAILED -> failed++;
        }
        if (repairs.size() < options.maxViolations()) {
            repairs.add(repair);
        }
        listener.accept(repair);
    }

    private Repair repairOne(Violation violation) {
        if (!violation.kind().repairable() || violation.subject().id() == null) {
            return new Repair(violation, Outcome.MANUAL, violation.fix());
        }
        String operation = "repair " + violation.kind().label() + " of " + violation.subject().id();
        try {
            String change = switch (violation.kind()) {
                case CHILD_WITHOUT_PARENT_POINTER -> setMissingPointer(operation, violation.subject());
                case CHILD_WITHOUT_ENTITY -> removeMissingChild(operation, violation.subject());
                case LEFTOVER_KEY -> deleteLeftover(operation, violation.subject());
                case NO_PARENT_POINTER -> putUnderRoot(operation, violation.subject().id(), null);
                case NOT_LISTED_BY_PARENT -> addToParent(operation, violation.subject());
                case CHILD_POINTS_ELSEWHERE -> removeForeignChild(operation, violation.subject());
                case CYCLE, UNREACHABLE -> repairChain(operation, violation.subject().id());
                case INDEX_MISSING -> addToIndex(operation, violation.subject());
                case INDEX_STALE, INDEX_MEMBER_WITHOUT_ENTITY -> removeFromIndex(operation, violation.subject());
                case GEO_MISSING -> addToGeo(operation, violation.subject());
                case GEO_STALE, GEO_MEMBER_WITHOUT_ENTITY -> removeFromGeo(operation, violation.subject());
                case WRONG_TYPE, INVALID_KEY -> throw new IllegalStateException("not repairable");
            };
            if (change == null) {
                return new Repair(violation, Outcome.UNCHANGED, "nothing to do any more: the data changed since the"
                        + " check");
            }
            log.info("Repaired: {}", change);
            return new Repair(violation, Outcome.FIXED, change);
        } catch (ReadOnlyException e) {
            throw e;
        } catch (HotcoreException e) {
            if (e instanceof RedisUnavailableException) {
                throw e;
            }
            log.warn("{} failed: {}", operation, e.getMessage());
            return new Repair(violation, Outcome.FAILED, e.getMessage());
        }
    }

    // ------------------------------------------------------------ fixes; each returns null when nothing is left to do

    private String setMissingPointer(String operation, Subject subject) {
        String id = subject.id();
        String owner = subject.owner();
        return store.transactions().run(operation, (jedis, multi) -> {
            watch(jedis, Keys.entity(id), Keys.parent(id), Keys.lock(id), Keys.children(owner));
            if (!jedis.exists(Keys.entity(id)) || jedis.exists(Keys.parent(id))
                    || !jedis.sismember(Keys.children(owner), utf8(id))) {
                return null;
            }
            store.guard().countSingles(3);
            Transactions.checkTypes(jedis, store.guard(), operation, Map.of(Keys.lock(id), "string"));
            CommandBatch batch = multi.begin();
            batch.queue(p -> p.set(Keys.parent(id), utf8(owner)));
            batch.queue(p -> p.set(Keys.lock(id), EMPTY));
            return "set p:" + id + " to '" + owner + "'";
        });
    }

    private String removeMissingChild(String operation, Subject subject) {
        String id = subject.id();
        String owner = subject.owner();
        return store.transactions().run(operation, (jedis, multi) -> {
            watch(jedis, Keys.entity(id), Keys.children(owner));
            if (jedis.exists(Keys.entity(id)) || !jedis.sismember(Keys.children(owner), utf8(id))) {
                return null;
            }
            store.guard().countSingles(2);
            multi.begin().queue(p -> p.srem(Keys.children(owner), utf8(id)));
            return "removed '" + id + "' from c:" + owner;
        });
    }

    private String deleteLeftover(String operation, Subject subject) {
        String id = subject.id();
        byte[] key = subject.key().raw();
        boolean childrenSet = Arrays.equals(key, Keys.children(id));
        return store.transactions().run(operation, (jedis, multi) -> {
            watch(jedis, Keys.entity(id), key);
            if (jedis.exists(Keys.entity(id)) || !jedis.exists(key)) {
                return null;
            }
            store.guard().countSingles(2);
            if (childrenSet && anyMemberPointsTo(jedis, id)) {
                // A member points back, so the set is the children set of a top-level id.
                return null;
            }
            multi.begin().queue(p -> p.del(key));
            return "deleted " + subject.key().escaped();
        });
    }

    /** Reads every member of {@code c:<id>} and returns whether one has {@code p:} = id. */
    private boolean anyMemberPointsTo(Jedis jedis, String id) {
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        ScanParams params = new ScanParams().count(options.scanCount());
        do {
            ScanResult<byte[]> page = jedis.sscan(Keys.children(id), cursor, params);
            store.guard().countSingle();
            for (byte[] member : page.getResult()) {
                String parent = Keys.text(jedis.get(Keys.parent(Keys.text(member))));
                store.guard().countSingle();
                if (id.equals(parent)) {
                    return true;
                }
            }
            cursor = page.getCursorAsBytes();
        } while (!HotcoreStore.isZero(cursor));
        return false;
    }

    /**
     * Moves {@code id} under root: sets {@code p:}, removes it from the old parent's children set and adds it to
     * {@code c:root}. With {@code expectedParent} null the entity must have no parent pointer; otherwise the pointer
     * must still name {@code expectedParent}.
     */
    private String putUnderRoot(String operation, String id, String expectedParent) {
        return store.transactions().run(operation, (jedis, multi) -> {
            watch(jedis, Keys.entity(id), Keys.parent(id), Keys.lock(id));
            String parent = Keys.text(jedis.get(Keys.parent(id)));
            boolean entity = jedis.exists(Keys.entity(id));
            store.guard().countSingles(2);
            if (!entity || !Objects.equals(parent, expectedParent)) {
                return null;
            }
            Map<byte[], String> types = new LinkedHashMap<>();
            types.put(Keys.children(HotcoreStore.ROOT), "set");
            types.put(Keys.lock(id), "string");
            if (parent != null) {
                types.put(Keys.children(parent), "set");
            }
            Transactions.checkTypes(jedis, store.guard(), operation, types);
            CommandBatch batch = multi.begin();
            batch.queue(p -> p.set(Keys.parent(id), utf8(HotcoreStore.ROOT)));
            if (parent != null) {
                batch.queue(p -> p.srem(Keys.children(parent), utf8(id)));
            }
            batch.queue(p -> p.sadd(Keys.children(HotcoreStore.ROOT), utf8(id)));
            batch.queue(p -> p.set(Keys.lock(id), EMPTY));
            return "moved '" + id + "' under root" + (parent == null ? " (it had no parent pointer)"
                    : " (it was under '" + parent + "')");
        });
    }

    private String addToParent(String operation, Subject subject) {
        String id = subject.id();
        String parent = subject.owner();
        return store.transactions().run(operation, (jedis, multi) -> {
            watch(jedis, Keys.entity(id), Keys.parent(id), Keys.lock(id), Keys.children(parent));
            boolean entity = jedis.exists(Keys.entity(id));
            String stored = Keys.text(jedis.get(Keys.parent(id)));
            store.guard().countSingles(2);
            if (!entity || !parent.equals(stored)) {
                return null;
            }
            Map<byte[], String> types = new LinkedHashMap<>();
            types.put(Keys.children(parent), "set");
            types.put(Keys.lock(id), "string");
            Transactions.checkTypes(jedis, store.guard(), operation, types);
            boolean listed = jedis.sismember(Keys.children(parent), utf8(id));
            store.guard().countSingle();
            if (listed) {
                return null;
            }
            CommandBatch batch = multi.begin();
            batch.queue(p -> p.sadd(Keys.children(parent), utf8(id)));
            batch.queue(p -> p.set(Keys.lock(id), EMPTY));
            return "added '" + id + "' to c:" + parent;
        });
    }

    private String removeForeignChild(String operation, Subject subject) {
        String id = subject.id();
        String owner = subject.owner();
        return store.transactions().run(operation, (jedis, multi) -> {
            watch(jedis, Keys.entity(id), Keys.parent(id), Keys.children(owner));
            boolean entity = jedis.exists(Keys.entity(id));
            String stored = Keys.text(jedis.get(Keys.parent(id)));
            store.guard().countSingles(2);
            if (!entity || stored == null || stored.equals(owner)
                    || !jedis.sismember(Keys.children(owner), utf8(id))) {
                return null;
            }
            store.guard().countSingle();
            multi.begin().queue(p -> p.srem(Keys.children(owner), utf8(id)));
            return "removed '" + id + "' from c:" + owner + " (its p: names '" + stored + "')";
        });
    }

    /**
     * Follows the parent pointers from {@code start}, one GET per level and without recursion. When the chain
     * reaches a top-level id nothing is done. Otherwise the end of the chain is fixed: the entity where a cycle
     * closes, or an entity without a parent pointer, goes under root; an entity whose pointer names an unknown id
     * is added to that id's children set, which makes the id a top-level id.
     */
    private String repairChain(String operation, String start) {
        List<String> walked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String current = start;
        String result;
        while (true) {
            if (reachesTop.contains(current)) {
                reachesTop.addAll(walked);
                return null;
            }
            boolean entity = store.isEntity(current);
            if (!entity) {
                if (HotcoreStore.ROOT.equals(current) || store.childCount(current) > 0 || walked.isEmpty()) {
                    reachesTop.addAll(walked);
                    return null;
                }
                String last = walked.getLast();
                result = addToParent(operation, IntegrityCheck.Subject.of(last, current));
                break;
            }
            walked.add(current);
            seen.add(current);
            String parent = store.parentOf(current);
            if (parent == null) {
                result = putUnderRoot(operation, current, null);
                break;
            }
            if (seen.contains(parent)) {
                result = putUnderRoot(operation, current, parent);
                break;
            }
            current = parent;
        }
        if (result != null) {
            reachesTop.addAll(walked);
        }
        return result;
    }

    private String addToIndex(String operation, Subject subject) {
        String id = subject.id();
        byte[] key = subject.key().raw();
        return store.transactions().run(operation, (jedis, multi) -> {
            watch(jedis, Keys.entity(id), Keys.lock(id));
            byte[] value = jedis.hget(Keys.entity(id), subject.attribute().raw());
            store.guard().countSingle();
            if (value == null || !Arrays.equals(value, subject.value().raw())) {
                return null;
            }
            Transactions.checkTypes(jedis, store.guard(), operation, Map.of(key, "set"));
            boolean member = jedis.sismember(key, utf8(id));
            store.guard().countSingle();
            if (member) {
                return null;
            }
            CommandBatch batch = multi.begin();
            batch.queue(p -> p.sadd(key, utf8(id)));
            batch.queue(p -> p.set(Keys.lock(id), EMPTY));
            return "added '" + id + "' to " + subject.key().escaped();
        });
    }

    private String removeFromIndex(String operation, Subject subject) {
        String id = subject.id();
        byte[] key = subject.key().raw();
        return store.transactions().run(operation, (jedis, multi) -> {
            watch(jedis, Keys.entity(id), Keys.lock(id));
            boolean member = jedis.sismember(key, utf8(id));
            boolean entity = jedis.exists(Keys.entity(id));
            store.guard().countSingles(2);
            if (!member) {
                return null;
            }
            if (entity) {
                // The key i:<attribute>:<value> can be split at any colon; the entity belongs there if one split fits.
                for (int i = 3; i < key.length; i++) {
                    if (key[i] == ':') {
                        byte[] attribute = Arrays.copyOfRange(key, 2, i);
                        byte[] value = Arrays.copyOfRange(key, i + 1, key.length);
                        byte[] stored = jedis.hget(Keys.entity(id), attribute);
                        store.guard().countSingle();
                        if (stored != null && Arrays.equals(stored, value)
                                && Keys.isIndexed(Bytes.wrap(attribute))) {
                            return null;
                        }
                    }
                }
            }
            multi.begin().queue(p -> p.srem(key, utf8(id)));
            return "removed '" + id + "' from " + subject.key().escaped();
        });
    }

    private String addToGeo(String operation, Subject subject) {
        String id = subject.id();
        byte[] key = subject.key().raw();
        return store.transactions().run(operation, (jedis, multi) -> {
            watch(jedis, Keys.entity(id), Keys.lock(id));
            Geo.Position position = positionOf(jedis, id);
            if (position == null || !Arrays.equals(position.key(), key)) {
                return null;
            }
            Transactions.checkTypes(jedis, store.guard(), operation, Map.of(key, "zset"));
            Double score = jedis.zscore(key, utf8(id));
            store.guard().countSingle();
            if (score != null) {
                return null;
            }
            CommandBatch batch = multi.begin();
            batch.queue(p -> p.geoadd(key, position.longitude(), position.latitude(), utf8(id)));
            batch.queue(p -> p.set(Keys.lock(id), EMPTY));
            return "added '" + id + "' to " + subject.key().escaped();
        });
    }

    private String removeFromGeo(String operation, Subject subject) {
        String id = subject.id();
        byte[] key = subject.key().raw();
        return store.transactions().run(operation, (jedis, multi) -> {
            watch(jedis, Keys.entity(id), Keys.lock(id));
            Double score = jedis.zscore(key, utf8(id));
            store.guard().countSingle();
            if (score == null) {
                return null;
            }
            Geo.Position position = positionOf(jedis, id);
            if (position != null && Arrays.equals(position.key(), key)) {
                return null;
            }
            multi.begin().queue(p -> p.zrem(key, utf8(id)));
            return "removed '" + id + "' from " + subject.key().escaped();
        });
    }

    private Geo.Position positionOf(Jedis jedis, String id) {
        List<byte[]> values = jedis.hmget(Keys.entity(id), Keys.TYPE.raw(), Keys.LAT.raw(), Keys.LONG.raw());
        store.guard().countSingle();
        return Geo.positionOf(wrap(values.get(0)), wrap(values.get(1)), wrap(values.get(2)));
    }

    private void watch(Jedis jedis, byte[]... keys) {
        jedis.watch(keys);
        store.guard().countSingle();
    }

    private static Bytes wrap(byte[] value) {
        return value == null ? null : Bytes.wrap(value);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
