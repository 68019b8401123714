package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.core.TestStores.attributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Eight threads write at random in one tree of 10,000 entities for a bounded number of operations; afterwards the
 * tree is valid, every entity reaches root, and every entity that no delete removed is still there.
 */
class SoakTest extends StoreTestBase {

    private static final int THREADS = 8;
    private static final int OPERATIONS_PER_THREAD = 150;

    @Test
    void eightWritersKeepTreeValid() throws Exception {
        String top;
        List<String> base = new ArrayList<>();
        try (RawTree tree = new RawTree(redis)) {
            top = tree.add(HotcoreStore.ROOT, "name", "top", "type", "container");
            for (int i = 0; i < 100; i++) {
                String inner = tree.add(top, "name", "inner " + i, "type", "node");
                base.add(inner);
                for (int j = 0; j < 99; j++) {
                    base.add(tree.add(inner, "name", "leaf", "type", "leaf", "lat", "1", "long", "2"));
                }
            }
        }
        assertThat(redis.keys("e:*")).hasSize(10_001);
        List<String> known = new CopyOnWriteArrayList<>(base);
        Set<String> deleteTargets = ConcurrentHashMap.newKeySet();
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = 1_000 + t;
                workers.add(threads.submit(() -> {
                    Random random = new Random(seed);
                    for (int n = 0; n < OPERATIONS_PER_THREAD; n++) {
                        String outcome = writeOnce(random, known, deleteTargets);
                        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(120, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(outcomes).containsKeys("create", "apply", "move", "lift", "cascade");
        IntegrityCheck.Report report = TestStores.assertValid(store);
        long entities = redis.keys("e:*").size();
        assertThat(report.entities()).isEqualTo(entities);
        assertThat(store.countSubtree(HotcoreStore.ROOT, Progress.NONE, Cancellation.NEVER))
                .as("every entity is reachable from root, so none is lost").isEqualTo(entities);
        assertThat(store.pathTo(top).getFirst()).isEqualTo(HotcoreStore.ROOT);
        // Every entity of the base tree and every created one is either still stored or was in a deleted subtree.
        for (String id : known) {
            if (!redis.exists("e:" + id)) {
                assertThat(deleteTargets).as("%s is gone without a delete", id).isNotEmpty();
            }
        }
        long missingBase = base.stream().filter(id -> !redis.exists("e:" + id)).count();
        assertThat(missingBase).as("only deletes remove entities").isLessThanOrEqualTo(
                outcomes.getOrDefault("lift", new AtomicLong()).get() + outcomes.get("cascade").get() * 10_001L);
    }

    private String writeOnce(Random random, List<String> known, Set<String> deleteTargets) {
        String id = known.get(random.nextInt(known.size()));
        int choice = random.nextInt(100);
        try {
            if (choice < 35) {
                known.add(store.create(id, attributes("name", "new " + random.nextInt(100), "type", "node",
                        "lat", String.valueOf(random.nextInt(80)), "long", "10")));
                return "create";
            }
            if (choice < 55) {
                store.apply(id, attributes("name", "renamed " + random.nextInt(50),
                        "type", random.nextBoolean() ? "node" : "place", "lat", random.nextBoolean() ? null : "5",
                        "long", "3"));
                return "apply";
            }
            if (choice < 85) {
                String target = known.get(random.nextInt(known.size()));
                store.move(id, target);
                return "move";
            }
            if (choice < 95) {
                deleteTargets.add(id);
                store.deleteLiftingChildren(id, 50, Progress.NONE, Cancellation.NEVER);
                return "lift";
            }
            if (store.childCount(id) < 50) {
                deleteTargets.add(id);
                store.deleteCascade(id, new CascadeDelete.Options(16, 50), Progress.NONE, Cancellation.NEVER);
                return "cascade";
            }
            return "skipped";
        } catch (EntityNotFoundException e) {
            return "not found";
        } catch (CycleException e) {
            return "cycle";
        } catch (ConflictException e) {
            return "conflict";
        }
    }
}
