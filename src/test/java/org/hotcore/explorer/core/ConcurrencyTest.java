package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.core.TestStores.attributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Runs every kind of write at once in one subtree, then checks that the six rules of a valid tree still hold. */
class ConcurrencyTest extends StoreTestBase {

    private static final long RUN_MILLIS = 4_000;
    private static final int THREADS = 6;

    @Test
    void mixedWritesKeepTreeValid() throws Exception {
        String top = store.create(HotcoreStore.ROOT, attributes("name", "shared", "type", "container"));
        List<String> known = new CopyOnWriteArrayList<>();
        known.add(top);
        for (int i = 0; i < 40; i++) {
            known.add(store.create(known.get(i / 4), attributes("name", "seed " + i, "type", "node")));
        }
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        long deadline = System.currentTimeMillis() + RUN_MILLIS;
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = t;
                workers.add(threads.submit(() -> {
                    Random random = new Random(seed);
                    while (System.currentTimeMillis() < deadline) {
                        String outcome = writeOnce(random, top, known);
                        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(RUN_MILLIS + 60_000, TimeUnit.MILLISECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(outcomes).containsKeys("create", "apply", "move", "lift", "cascade");
        TestStores.assertValid(store);
        for (String id : known) {
            if (redis.exists("e:" + id)) {
                assertThat(store.pathTo(id).getFirst()).as("top of the path of %s", id).isEqualTo(HotcoreStore.ROOT);
            }
        }
    }

    /**
     * Runs one random write on a random known node and returns its name, or the name of the expected rejection.
     * Any other exception fails the test.
     */
    private String writeOnce(Random random, String top, List<String> known) {
        String id = known.get(random.nextInt(known.size()));
        int choice = random.nextInt(100);
        try {
            if (choice < 40) {
                known.add(store.create(id, attributes("name", "n" + random.nextInt(1_000), "type", "node",
                        "lat", String.valueOf(random.nextInt(80)), "long", "10")));
                return "create";
            }
            if (choice < 60) {
                store.apply(id, attributes("name", "renamed " + random.nextInt(50),
                        "type", random.nextBoolean() ? "node" : "place", "lat", random.nextBoolean() ? null : "5"));
                return "apply";
            }
            if (choice < 85) {
                String target = random.nextInt(10) == 0 ? HotcoreStore.ROOT : known.get(random.nextInt(known.size()));
                store.move(id, target);
                return "move";
            }
            if (id.equals(top)) {
                return "skipped";
            }
            if (choice < 95) {
                store.deleteLiftingChildren(id, 3, Progress.NONE, Cancellation.NEVER);
                return "lift";
            }
            if (store.childCount(id) < 20) {
                store.deleteCascade(id, new CascadeDelete.Options(4, 50), Progress.NONE, Cancellation.NEVER);
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
