package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotcore.explorer.core.TestStores.attributes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.params.ScanParams;

/** Tests cascade delete: bottom-up bounded batches that leave a valid tree after each one. */
class CascadeDeleteTest extends StoreTestBase {

    /**
     * Builds the part of the tree no test deletes: a container with items that share index values and the GEO set
     * with the subtrees built by {@link #buildSubtree}.
     */
    private void buildOutside() {
        String container = store.create(HotcoreStore.ROOT, attributes("name", "Locations", "type", "container"));
        try (RawTree tree = new RawTree(redis)) {
            for (int i = 0; i < 50; i++) {
                tree.add(container, "name", "outside " + i, "type", "office", "lat", "59." + i, "long", "10.75",
                        "status", "active");
            }
        }
    }

    /**
     * Builds {@code 1 + branches + branches * leaves} entities under {@code parent} and returns the top. Every
     * tenth leaf has a position in {@code geo:office}, every hundredth a lock key as left by an apply.
     */
    private String buildSubtree(String parent, int branches, int leaves, List<String> ids) {
        String top;
        try (RawTree tree = new RawTree(redis)) {
            top = tree.add(parent, "name", "subtree", "type", "container", "status", "active");
            ids.add(top);
            int count = 0;
            for (int b = 0; b < branches; b++) {
                String branch = tree.add(top, "name", "branch " + b, "type", "branch", "status", "active");
                ids.add(branch);
                for (int l = 0; l < leaves; l++) {
                    String leaf = count % 10 == 0
                            ? tree.add(branch, "name", "leaf " + l, "type", "office", "lat", "52.52", "long", "13.4")
                            : tree.add(branch, "name", "leaf " + l, "type", "leaf", "status", "active",
                                    "metadata", "{}");
                    ids.add(leaf);
                    count++;
                }
            }
        }
        for (int i = 0; i < ids.size(); i += 100) {
            redis.set("w:" + ids.get(i), "");
        }
        return top;
    }

    @Test
    void subtreeKeysGoneRestUnchanged() {
        buildOutside();
        Map<String, String> before = TestStores.dump(redis);
        List<String> ids = new ArrayList<>();
        String top = buildSubtree(HotcoreStore.ROOT, 50, 99, ids);
        assertThat(ids).hasSize(5_001);
        List<long[]> progress = Collections.synchronizedList(new ArrayList<>());

        CascadeDelete.Result result = store.deleteCascade(top, new CascadeDelete.Options(100, 100),
                (done, total) -> progress.add(new long[] {done, total}), Cancellation.NEVER);

        assertThat(result.deleted()).isEqualTo(5_001);
        assertThat(result.total()).isEqualTo(5_001);
        assertThat(result.batches()).isGreaterThanOrEqualTo(51);
        assertThat(result.cancelled()).isFalse();
        assertThat(TestStores.dump(redis)).isEqualTo(before);
        TestStores.assertValid(store);
        assertThat(progress.getFirst()).containsExactly(0L, 5_001L);
        assertThat(progress.getLast()).containsExactly(5_001L, 5_001L);
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i)[0]).as("done at update %d", i).isGreaterThanOrEqualTo(progress.get(i - 1)[0]);
            assertThat(progress.get(i)[1]).isEqualTo(5_001L);
        }
    }

    @Test
    void knownTotalSkipsTheCount() {
        List<String> ids = new ArrayList<>();
        String top = buildSubtree(HotcoreStore.ROOT, 3, 4, ids);
        long scardBefore = commandCalls("scard");

        CascadeDelete.Result result = store.deleteCascade(top, CascadeDelete.Options.DEFAULT, 20,
                Progress.NONE, Cancellation.NEVER);

        assertThat(result.deleted()).isEqualTo(16);
        assertThat(result.total()).as("the total given, not a count").isEqualTo(20);
        assertThat(TestStores.keys(redis)).noneMatch(key -> ids.stream().anyMatch(key::endsWith));
        // The walk reads SCARD of the 15 entities below the top and the check of all 16. A count would add 4 more:
        // the top and each branch.
        assertThat(commandCalls("scard") - scardBefore).isEqualTo(31);
        TestStores.assertValid(store);
    }

    /** Returns how often the server ran {@code command}, from INFO commandstats. */
    private long commandCalls(String command) {
        String stats = redis.info("commandstats");
        for (String line : stats.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }

    @Test
    void cancelledCascadeLeavesSmallerValidTree() {
        buildOutside();
        List<String> ids = new ArrayList<>();
        String top = buildSubtree(HotcoreStore.ROOT, 10, 99, ids);
        int[] updates = new int[1];

        CascadeDelete.Result result = store.deleteCascade(top, new CascadeDelete.Options(100, 100),
                (done, total) -> updates[0]++, () -> updates[0] >= 2);

        assertThat(result.cancelled()).isTrue();
        // The first update reports the start and the second the first batch, so the run stops before the next one.
        assertThat(result.deleted()).isEqualTo(100);
        assertThat(result.batches()).isEqualTo(1);
        assertThat(store.countSubtree(top, Progress.NONE, Cancellation.NEVER)).isEqualTo(ids.size() - 100);
        TestStores.assertValid(store);
    }

    @Test
    void deepChainDeletedWithoutRecursion() throws Exception {
        String[] chain;
        try (RawTree tree = new RawTree(redis)) {
            chain = tree.chain(HotcoreStore.ROOT, 5_000);
        }
        AtomicReference<CascadeDelete.Result> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // A small stack: a recursive walk of 5,000 levels would overflow it.
        Thread worker = new Thread(null, () -> {
            try {
                result.set(store.deleteCascade(chain[0], CascadeDelete.Options.DEFAULT, Progress.NONE,
                        Cancellation.NEVER));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "cascade-small-stack", 256 * 1024);

        worker.start();
        worker.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(failure.get()).isNull();
        assertThat(result.get().deleted()).isEqualTo(5_000);
        assertThat(redis.dbSize()).isZero();
    }

    @Test
    void childrenOfTopLevelIdDeleted() {
        buildOutside();
        Map<String, String> before = TestStores.dump(redis);
        List<String> ids = new ArrayList<>();
        buildSubtree("parent1", 5, 9, ids);

        CascadeDelete.Result result = store.deleteCascade("parent1", new CascadeDelete.Options(7, 100),
                Progress.NONE, Cancellation.NEVER);

        assertThat(result.deleted()).isEqualTo(ids.size());
        assertThat(redis.exists("c:parent1")).isFalse();
        assertThat(TestStores.dump(redis)).isEqualTo(before);
    }

    @Test
    void entityWithMoreFieldsThanLimitDeleted() {
        HotcoreStore limited = TestStores.open(RedisTestServer.url(), 100, 2, 3);
        try {
            String parent = limited.create(HotcoreStore.ROOT, attributes("name", "parent"));
            try (RawTree tree = new RawTree(redis)) {
                String[] pairs = new String[2 * 300];
                for (int i = 0; i < 300; i++) {
                    pairs[2 * i] = "field" + i;
                    pairs[2 * i + 1] = "value" + i;
                }
                tree.add(parent, pairs);
                tree.add(parent, "name", "small");
            }

            CascadeDelete.Result result = limited.deleteCascade(parent, CascadeDelete.Options.DEFAULT, Progress.NONE,
                    Cancellation.NEVER);

            assertThat(result.deleted()).isEqualTo(3);
            assertThat(redis.dbSize()).isZero();
            assertThat(limited.guard().snapshot().maxQueued()).isLessThanOrEqualTo(100);
        } finally {
            limited.connection().close();
        }
    }

    @Test
    void targetMovedDuringCascadeStillDeleted() {
        String other = store.create(HotcoreStore.ROOT, attributes("name", "other"));
        List<String> ids = new ArrayList<>();
        String top = buildSubtree(HotcoreStore.ROOT, 3, 20, ids);
        int[] updates = new int[1];

        CascadeDelete.Result result = store.deleteCascade(top, new CascadeDelete.Options(10, 5), (done, total) -> {
            if (++updates[0] == 2) {
                store.move(top, other);
            }
        }, Cancellation.NEVER);

        assertThat(result.deleted()).isEqualTo(ids.size());
        assertThat(redis.exists("e:" + top)).isFalse();
        assertThat(redis.exists("c:" + other)).isFalse();
        assertThat(redis.smembers("c:root")).containsExactly(other);
        TestStores.assertValid(store);
    }

    /** Adds a node with two inner nodes of 30 leaves each under {@code parent} and returns it. */
    private String addBranch(RawTree tree, String parent, String name) {
        String branch = tree.add(parent, "name", name);
        for (int inner = 0; inner < 2; inner++) {
            String node = tree.add(branch, "name", name + " inner " + inner);
            for (int leaf = 0; leaf < 30; leaf++) {
                tree.add(node, "name", "leaf");
            }
        }
        return branch;
    }

    /** Returns the members of a set in the order one SSCAN call returns them, as the cascade's walk reads them. */
    private List<String> scanOrder(String key) {
        return redis.sscan(key, ScanParams.SCAN_POINTER_START, new ScanParams().count(500)).getResult();
    }

    /**
     * The walk pushes the members of a children set in SSCAN order and descends the last one first. Moving a
     * pending node under a node the walk has not scanned yet makes the walk meet it a second time.
     */
    @Test
    void nodeMovedAheadOfWalkDeleted() {
        String top;
        try (RawTree tree = new RawTree(redis)) {
            top = tree.add(HotcoreStore.ROOT, "name", "top");
            addBranch(tree, top, "x");
            addBranch(tree, top, "y");
        }
        List<String> topOrder = scanOrder("c:" + top);
        String pending = topOrder.getFirst();
        String walkedFirst = topOrder.getLast();
        String notScannedYet = scanOrder("c:" + walkedFirst).getFirst();
        long total = store.countSubtree(top, Progress.NONE, Cancellation.NEVER);
        int[] updates = new int[1];

        CascadeDelete.Result result = store.deleteCascade(top, new CascadeDelete.Options(5, 100), (done, all) -> {
            if (++updates[0] == 2) {
                store.move(pending, notScannedYet);
            }
        }, Cancellation.NEVER);

        assertThat(result.deleted()).isEqualTo(total);
        assertThat(redis.dbSize()).isZero();
    }

    @Test
    void cycleOfChildrenSetsReported() {
        try (RawTree tree = new RawTree(redis)) {
            tree.addWithId("a", HotcoreStore.ROOT, "name", "a");
            tree.addWithId("b", "a", "name", "b");
        }
        redis.sadd("c:b", "a");

        assertThatThrownBy(() -> store.deleteCascade("a", new CascadeDelete.Options(10, 3), Progress.NONE,
                Cancellation.NEVER))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("cycle");

        assertThat(redis.exists("e:a")).isTrue();
    }

    @Test
    void emptyRootDeletesNothing() {
        CascadeDelete.Result result = store.deleteCascade(HotcoreStore.ROOT, CascadeDelete.Options.DEFAULT,
                Progress.NONE, Cancellation.NEVER);

        assertThat(result.deleted()).isZero();
        assertThat(result.cancelled()).isFalse();
    }

    @Test
    void concurrentCreatesUnderSubtreeLeaveNoOrphan() throws Exception {
        buildOutside();
        Map<String, String> before = TestStores.dump(redis);
        List<String> ids = new ArrayList<>();
        String top = buildSubtree(HotcoreStore.ROOT, 20, 24, ids);
        List<String> created = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean cascadeDone = new AtomicBoolean();
        ExecutorService creator = Executors.newSingleThreadExecutor();
        CascadeDelete.Result result;
        try {
            Future<?> creating = creator.submit(() -> {
                Random random = new Random(7);
                while (!cascadeDone.get() && created.size() < 300) {
                    String parent = ids.get(random.nextInt(ids.size()));
                    try {
                        created.add(store.create(parent, attributes("name", "late child", "type", "late")));
                    } catch (EntityNotFoundException | ConflictException e) {
                        // The parent was deleted first, or the cascade kept winning.
                    }
                    Thread.sleep(2);
                }
                return null;
            });

            result = store.deleteCascade(top, new CascadeDelete.Options(20, 10_000), Progress.NONE,
                    Cancellation.NEVER);
            cascadeDone.set(true);
            creating.get(30, TimeUnit.SECONDS);
        } finally {
            creator.shutdownNow();
        }

        assertThat(created).as("children created while the cascade ran").isNotEmpty();
        assertThat(result.deleted()).isGreaterThanOrEqualTo(ids.size());
        assertThat(created).allSatisfy(id -> assertThat(redis.exists("e:" + id)).as("e:%s", id).isFalse());
        assertThat(TestStores.dump(redis)).isEqualTo(before);
        TestStores.assertValid(store);
    }
}
