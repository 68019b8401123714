package org.hotcore.explorer.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Deletes a whole subtree bottom-up in bounded batches.
 *
 * <p>A depth-first walk with an explicit stack collects entities whose children are all gone or in the same batch,
 * children before parents. Each batch is one transaction: it WATCHes the {@code c:} and {@code e:} keys of its
 * entities and the children sets of their parents, checks after the WATCH that every children set contains exactly the children the
 * batch deletes, then removes the entities with their index entries and GEO memberships. So the stored tree is valid
 * after every committed batch, and a child created concurrently under a node of the batch aborts it; the walk then
 * starts again from the top of what is left. Memory grows with the depth of the tree and the batch size, not with
 * the size of the subtree.
 */
public final class CascadeDelete {

    private static final Logger log = LoggerFactory.getLogger(CascadeDelete.class);

    /** Children read per SSCAN call while walking. */
    private static final int SCAN_COUNT = 500;

    /**
     * The maximum number of entities one transaction deletes, whatever {@link Options#maxBatchEntities()} is. A batch WATCHes 2
     * keys per entity, and Redis 6.2 and 7.0 compare each newly WATCHed key with every key the connection already
     * watches, so the WATCH of n keys costs O(n^2) server time: measured on Redis 7.0.15, about 1.2 ms for 500
     * keys, 50 ms for 2,000 and 250 ms for 4,000. 128 entities (about 256 keys) keep that near the cost of the batch's
     * other commands.
     */
    static final int MAX_BATCH_ENTITIES = 128;

    /**
     * Limits of one run.
     *
     * @param maxBatchEntities the most entities one transaction deletes; values above
     *     {@value CascadeDelete#MAX_BATCH_ENTITIES} act as that many
     * @param maxConflicts how many aborted batches in a row end the run with a {@link ConflictException}
     */
    public record Options(int maxBatchEntities, int maxConflicts) {
        public static final Options DEFAULT = new Options(1_000, 100);

        public Options {
            if (maxBatchEntities < 1 || maxConflicts < 0) {
                throw new IllegalArgumentException("invalid cascade options: batch size must be 1 or more and conflicts"
                        + " 0 or more");
            }
        }
    }

    /**
     * The outcome of a run.
     *
     * @param deleted entities removed
     * @param total entities counted in the subtree before the first batch
     * @param batches transactions committed
     * @param cancelled true when the run stopped early because it was cancelled
     */
    public record Result(long deleted, long total, int batches, boolean cancelled) {
    }

    private final HotcoreStore store;
    private final String target;
    private final Options options;
    private final long knownTotal;

    /**
     * @param knownTotal the entities of the subtree as counted just before, or -1 to count them first; it only sets
     *     the total that progress reports
     */
    CascadeDelete(HotcoreStore store, String target, Options options, long knownTotal) {
        this.store = store;
        this.target = target;
        this.options = options;
        this.knownTotal = knownTotal;
    }

    /** A node of the walk. */
    private static final class Frame extends ChildPages.Walked {
        final String parentId;
        final long fields;
        boolean scanned;

        Frame(String id, String parentId, long fields, boolean scanned) {
            super(id);
            this.parentId = parentId;
            this.fields = fields;
            this.scanned = scanned;
        }

        @Override
        boolean finished() {
            return scanned;
        }
    }

    /** An entity chosen for the batch. */
    private record Planned(String id, String parentId, long fields) {
    }

    private enum Outcome { COMMITTED, CONFLICT }

    Result run(Progress progress, Cancellation cancellation) {
        CommandGuard guard = store.guard();
        long total = knownTotal >= 0 ? knownTotal : store.countSubtree(target, Progress.NONE, cancellation);
        log.info("Cascade delete of {} started: {} entities", target, total);
        progress.update(0, total);

        long deleted = 0;
        int batches = 0;
        int conflicts = 0;
        Deque<Frame> stack = newStack();
        // The check before each batch pipelines 4 reads per entity, which must fit under the limit too.
        int entityBudget = Math.max(1, Math.min(Math.min(options.maxBatchEntities(), MAX_BATCH_ENTITIES),
                guard.limit() / 4 - 1));
        // Room for the verification reads (4 per entity) and the removal commands (fields + 3 per entity).
        int commandBudget = Math.max(8, guard.limit() - 8);

        while (true) {
            if (cancellation.isCancelled()) {
                log.info("Cascade delete of {} cancelled after {} of {} entities", target, deleted, total);
                return new Result(deleted, Math.max(total, deleted), batches, true);
            }
            List<Planned> batch;
            Outcome outcome;
            int committedCount = 0;
            CorruptDataException cycle = null;
            try (Jedis jedis = store.connection().borrow()) {
                try {
                    batch = plan(jedis, stack, entityBudget, commandBudget);
                } catch (CorruptDataException e) {
                    // The walk reads children sets without WATCH, so an entity moved during the walk can turn up in a
                    // second set. Only a cycle that every new walk meets again is reported.
                    cycle = e;
                    batch = null;
                }
                if (cycle != null) {
                    outcome = Outcome.CONFLICT;
                } else if (batch.isEmpty()) {
                    if (stack.isEmpty()) {
                        break;
                    }
                    // The top of the stack is an entity too large for one batch: remove some of its fields first.
                    removeFieldChunk(stack.peek().id);
                    Frame big = stack.pop();
                    stack.push(new Frame(big.id, big.parentId, store.read("count fields",
                            j -> j.hlen(Keys.entity(big.id))), true));
                    continue;
                } else {
                    int[] removed = new int[1];
                    try {
                        outcome = commit(jedis, batch, removed);
                    } catch (JedisDataException e) {
                        throw Reads.translate(e, "cascade delete of " + target, jedis);
                    }
                    committedCount = removed[0];
                }
            } catch (JedisConnectionException e) {
                throw store.connection().unavailable(e);
            } catch (JedisDataException e) {
                throw Reads.translate(e, "cascade delete of " + target);
            }
            if (outcome == Outcome.COMMITTED) {
                deleted += committedCount;
                batches++;
                conflicts = 0;
                progress.update(deleted, Math.max(total, deleted));
            } else {
                conflicts++;
                if (conflicts > options.maxConflicts()) {
                    if (cycle != null) {
                        throw cycle;
                    }
                    throw new ConflictException("cascade delete of " + target, conflicts);
                }
                guard.retry();
                log.debug("Cascade delete of {}: {}, walking again", target,
                        cycle != null ? "children sets changed during the walk" : "batch aborted by a concurrent write");
                stack = newStack();
            }
        }
        log.info("Cascade delete of {} finished: {} entities in {} batches", target, deleted, batches);
        return new Result(deleted, Math.max(total, deleted), batches, false);
    }

    /**
     * Starts a walk from the target. Its parent is read again each time, because the target may have been moved
     * since the last walk and a batch planned with the old parent would conflict on every attempt.
     */
    private Deque<Frame> newStack() {
        Deque<Frame> stack = new ArrayDeque<>();
        boolean targetIsEntity = store.isEntity(target);
        String targetParent = targetIsEntity ? store.parentOf(target) : null;
        long fields = targetIsEntity ? store.read("count fields", j -> j.hlen(Keys.entity(target))) : 0;
        if (targetIsEntity || store.childCount(target) > 0) {
            stack.push(new Frame(target, targetParent, fields, false));
        }
        return stack;
    }

    /**
     * Walks from the top of the stack until the batch is full. An entity joins the batch when popped, that is after
     * all its children have joined it or were deleted by earlier batches.
     */
    private List<Planned> plan(Jedis jedis, Deque<Frame> stack, int entityBudget, int commandBudget) {
        List<Planned> batch = new ArrayList<>();
        Set<String> inBatch = new HashSet<>();
        Set<String> onStack = new HashSet<>();
        for (Frame frame : stack) {
            onStack.add(frame.id);
        }
        long commands = 0;
        while (!stack.isEmpty() && batch.size() < entityBudget) {
            Frame frame = stack.peek();
            if (frame.scanned) {
                boolean isTargetTopLevel = frame.id.equals(target) && frame.fields == 0 && frame.parentId == null;
                if (isTargetTopLevel) {
                    stack.pop();
                    onStack.remove(frame.id);
                    continue;
                }
                long cost = costOf(frame.fields);
                if (cost > commandBudget / 2) {
                    // Too large for any batch; handled alone once the batch before it is committed.
                    return batch;
                }
                if (commands + cost > commandBudget) {
                    return batch;
                }
                stack.pop();
                onStack.remove(frame.id);
                batch.add(new Planned(frame.id, frame.parentId, frame.fields));
                inBatch.add(frame.id);
                commands += cost;
                continue;
            }

            if (frame.next == null) {
                // A page read ahead that is stale by now is caught by the check after WATCH.
                ChildPages.readAhead(store.guard(), jedis, "cascade delete (walk)", stack, SCAN_COUNT, true);
            }
            ChildPages.Page page = frame.take();
            frame.scanned = page.last();
            List<String> members = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < page.members().size(); i++) {
                if (!inBatch.contains(page.members().get(i))) {
                    members.add(page.members().get(i));
                    positions.add(i);
                }
            }
            if (members.isEmpty()) {
                continue;
            }
            for (int i = 0; i < members.size(); i++) {
                String member = members.get(i);
                if (!onStack.add(member)) {
                    // SSCAN can return a member twice; a member that is its own ancestor is a cycle.
                    if (isAncestorOnStack(stack, member, frame)) {
                        throw new CorruptDataException("the children sets below '" + target + "' form a cycle"
                                + " through '" + member + "'; nothing more was deleted. Repair the parent pointers"
                                + " first, then delete again");
                    }
                    continue;
                }
                int at = positions.get(i);
                stack.push(new Frame(member, frame.id, page.fieldCounts()[at], page.childCounts()[at] == 0));
            }
        }
        return batch;
    }

    /** Tells whether {@code member} is on the stack as something other than a pending child of {@code current}. */
    private static boolean isAncestorOnStack(Deque<Frame> stack, String member, Frame current) {
        for (Frame frame : stack) {
            if (frame.id.equals(member)) {
                return !current.id.equals(frame.parentId);
            }
        }
        return false;
    }

    private static long costOf(long fields) {
        return fields + 3 + 4;
    }

    /**
     * WATCHes the batch's keys, checks the stored state it was planned on, and deletes it in one MULTI/EXEC.
     * Returns CONFLICT, with nothing written, when the check fails or EXEC is aborted.
     */
    private Outcome commit(Jedis jedis, List<Planned> batch, int[] removed) {
        CommandGuard guard = store.guard();
        // Each key watched costs the server time that grows with the keys already watched, so the batch watches
        // two keys per entity: c: (a child added) and e: (attributes changed, so the index entries to remove
        // differ). A move or delete of an entity changes the children set of its parent, which is watched as the
        // c: key of an entity of the batch or, for parents outside it, added below. Every writer that SETs the lock
        // key w: or the pointer p: also changes one of those keys.
        List<byte[]> watched = new ArrayList<>(batch.size() * 2 + 1);
        Map<String, Integer> childrenInBatch = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (Planned planned : batch) {
            watched.add(Keys.children(planned.id()));
            watched.add(Keys.entity(planned.id()));
            ids.add(planned.id());
            if (planned.parentId() != null) {
                childrenInBatch.merge(planned.parentId(), 1, Integer::sum);
            }
        }
        for (String parent : childrenInBatch.keySet()) {
            if (!ids.contains(parent)) {
                watched.add(Keys.children(parent));
            }
        }
        store.requireWritable("cascade delete of " + target);
        boolean clean = false;
        CommandBatch transaction = null;
        try {
            // WATCH and the reads of the check travel in one round trip. The server runs them in order, so the reads
            // see the state the WATCH guards.
            List<Response<Long>> childCounts = new ArrayList<>(batch.size());
            List<Response<byte[]>> parents = new ArrayList<>(batch.size());
            List<Response<Map<byte[], byte[]>>> hashes = new ArrayList<>(batch.size());
            try (CommandBatch pipeline = guard.pipeline(jedis, "cascade delete (check)")) {
                byte[][] keys = watched.toArray(byte[][]::new);
                pipeline.queue(p -> p.sendCommand(Protocol.Command.WATCH, keys));
                for (Planned planned : batch) {
                    childCounts.add(pipeline.queue(p -> p.scard(Keys.children(planned.id()))));
                    parents.add(pipeline.queue(p -> p.get(Keys.parent(planned.id()))));
                    hashes.add(pipeline.queue(p -> p.hgetAll(Keys.entity(planned.id()))));
                }
                pipeline.sync();
            }

            // An entity with neither hash nor parent pointer was deleted by an earlier batch and returned again by
            // SSCAN, or is a member of its parent's children set with no keys at all. SISMEMBER of that set decides.
            List<Integer> keyless = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (hashes.get(i).get().isEmpty() && parents.get(i).get() == null && batch.get(i).parentId() != null) {
                    keyless.add(i);
                }
            }
            Set<Integer> unlisted = new HashSet<>();
            if (!keyless.isEmpty()) {
                List<Response<Boolean>> listed = new ArrayList<>(keyless.size());
                try (CommandBatch pipeline = guard.pipeline(jedis, "cascade delete (check)")) {
                    for (int i : keyless) {
                        Planned planned = batch.get(i);
                        byte[] member = planned.id().getBytes(StandardCharsets.UTF_8);
                        listed.add(pipeline.queue(p -> p.sismember(Keys.children(planned.parentId()), member)));
                    }
                    pipeline.sync();
                }
                for (int k = 0; k < keyless.size(); k++) {
                    if (!listed.get(k).get()) {
                        unlisted.add(keyless.get(k));
                    }
                }
            }

            List<Writes.Removal> removals = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Planned planned = batch.get(i);
                byte[] storedParent = parents.get(i).get();
                String parent = storedParent == null ? null : new String(storedParent, StandardCharsets.UTF_8);
                Map<byte[], byte[]> hash = hashes.get(i).get();
                if (unlisted.contains(i)) {
                    // Already gone.
                    childrenInBatch.computeIfPresent(planned.parentId(), (k, n) -> n - 1);
                    continue;
                }
                boolean brokenReference = hash.isEmpty() && parent == null;
                if (!brokenReference && !Objects.equals(parent, planned.parentId())) {
                    log.debug("Cascade delete: parent of {} is {} now, planned {}", planned.id(), parent,
                            planned.parentId());
                    return Outcome.CONFLICT;
                }
                if (childCounts.get(i).get() != childrenInBatch.getOrDefault(planned.id(), 0).longValue()) {
                    log.debug("Cascade delete: children of {} changed", planned.id());
                    return Outcome.CONFLICT;
                }
                Map<Bytes, Bytes> values = new LinkedHashMap<>();
                hash.forEach((k, v) -> values.put(Bytes.wrap(k), Bytes.wrap(v)));
                // A parent deleted in the same batch loses its whole children set, so no SREM is needed there.
                String listedIn = ids.contains(planned.parentId()) ? null : planned.parentId();
                removals.add(new Writes.Removal(planned.id(), listedIn, values));
            }

            transaction = guard.transaction(jedis, "cascade delete of " + target);
            Writes.queueBatchRemoval(transaction, removals);
            List<Object> replies = transaction.exec();
            clean = true;
            if (replies == null) {
                return Outcome.CONFLICT;
            }
            for (Object reply : replies) {
                if (reply instanceof JedisDataException error) {
                    log.warn("Cascade delete of {}: a command in a committed batch failed: {}", target,
                            error.getMessage());
                }
            }
            removed[0] = removals.size();
            return Outcome.COMMITTED;
        } finally {
            if (transaction != null) {
                transaction.close();
            } else if (!clean) {
                try {
                    jedis.unwatch();
                } catch (RuntimeException e) {
                    log.debug("UNWATCH failed on a connection being returned", e);
                }
            }
        }
    }

    private void removeFieldChunk(String id) {
        int max = Math.max(1, store.guard().limit() / 2 - 4);
        store.transactions().run("cascade delete of " + target + " (fields of " + id + ")", (jedis, multi) -> {
            jedis.watch(Keys.entity(id), Keys.lock(id), Keys.children(id));
            store.guard().countSingle();
            Map<Bytes, Bytes> chunk = LiftingDelete.readFields(store, jedis, id, max);
            if (!chunk.isEmpty()) {
                Writes.queueFieldRemoval(multi.begin(), id, chunk);
            }
            return null;
        });
    }
}
