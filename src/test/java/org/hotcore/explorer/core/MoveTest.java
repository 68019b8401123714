package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotcore.explorer.core.TestStores.attributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tests move: both sides of the tree change, and no move can make a cycle, also when two run at once. */
class MoveTest extends StoreTestBase {

    private String create(String parent, String name) {
        return store.create(parent, attributes("name", name));
    }

    @Test
    void moveVisibleFromBothSides() {
        String from = create(HotcoreStore.ROOT, "from");
        String to = create(HotcoreStore.ROOT, "to");
        String item = create(from, "item");
        String stays = create(from, "stays");

        boolean moved = store.move(item, to);

        assertThat(moved).isTrue();
        assertThat(redis.smembers("c:" + from)).containsExactly(stays);
        assertThat(redis.smembers("c:" + to)).containsExactly(item);
        assertThat(redis.get("p:" + item)).isEqualTo(to);
        assertThat(store.pathTo(item)).containsExactly(HotcoreStore.ROOT, to, item);
        TestStores.assertValid(store);
    }

    @Test
    void moveOfSubtreeKeepsItsChildren() {
        String from = create(HotcoreStore.ROOT, "from");
        String to = create(HotcoreStore.ROOT, "to");
        String branch = create(from, "branch");
        String leaf = create(branch, "leaf");

        store.move(branch, to);

        assertThat(store.pathTo(leaf)).containsExactly(HotcoreStore.ROOT, to, branch, leaf);
        TestStores.assertValid(store);
    }

    @Test
    void moveToCurrentParentChangesNothing() {
        String parent = create(HotcoreStore.ROOT, "parent");
        String item = create(parent, "item");
        Map<String, String> before = TestStores.dump(redis);

        boolean moved = store.move(item, parent);

        assertThat(moved).isFalse();
        assertThat(TestStores.dump(redis)).isEqualTo(before);
    }

    @Test
    void moveToCurrentParentRepairsMissingMembership() {
        String parent = create(HotcoreStore.ROOT, "parent");
        String item = create(parent, "item");
        create(parent, "sibling");
        redis.srem("c:" + parent, item);

        boolean moved = store.move(item, parent);

        assertThat(moved).isTrue();
        assertThat(redis.sismember("c:" + parent, item)).isTrue();
        TestStores.assertValid(store);
    }

    @Test
    void moveOntoItselfRejected() {
        String item = create(HotcoreStore.ROOT, "item");

        assertThatThrownBy(() -> store.move(item, item))
                .isInstanceOf(CycleException.class)
                .hasMessageContaining(item);

        assertThat(redis.get("p:" + item)).isEqualTo("root");
    }

    @Test
    void moveOntoDirectChildRejected() {
        String parent = create(HotcoreStore.ROOT, "parent");
        String child = create(parent, "child");
        Map<String, String> before = TestStores.dump(redis);

        assertThatThrownBy(() -> store.move(parent, child))
                .isInstanceOf(CycleException.class)
                .hasMessageContaining("its child");

        assertThat(TestStores.dump(redis)).isEqualTo(before);
    }

    @Test
    void moveOntoDescendantFiftyLevelsDownRejected() {
        String top = create(HotcoreStore.ROOT, "top");
        String[] chain;
        try (RawTree tree = new RawTree(redis)) {
            chain = tree.chain(top, 50);
        }
        Map<String, String> before = TestStores.dump(redis);

        assertThatThrownBy(() -> store.move(top, chain[49]))
                .isInstanceOf(CycleException.class)
                .hasMessageContaining("50 levels below it");

        assertThat(TestStores.dump(redis)).isEqualTo(before);
    }

    @Test
    void moveTopContainerUnderItsDescendantRejected() {
        String container = create(HotcoreStore.ROOT, "Projects");
        String project = create(container, "Project 0");
        String task = create(project, "Task");

        assertThatThrownBy(() -> store.move(container, task))
                .isInstanceOf(CycleException.class);

        assertThat(store.pathTo(task)).containsExactly(HotcoreStore.ROOT, container, project, task);
        TestStores.assertValid(store);
    }

    @Test
    void moveUnderOtherTopLevelIdAllowed() {
        try (RawTree tree = new RawTree(redis)) {
            tree.add("parent1", "name", "speed parent");
        }
        String item = create(HotcoreStore.ROOT, "item");

        store.move(item, "parent1");

        assertThat(redis.sismember("c:parent1", item)).isTrue();
        assertThat(redis.exists("c:root")).isFalse();
        assertThat(redis.get("p:" + item)).isEqualTo("parent1");
        TestStores.assertValid(store);
    }

    @Test
    void moveBackUnderEmptyRootAllowed() {
        try (RawTree tree = new RawTree(redis)) {
            tree.add("parent1", "name", "speed parent");
        }
        String item = create("parent1", "item");

        store.move(item, HotcoreStore.ROOT);

        assertThat(redis.smembers("c:root")).containsExactly(item);
        TestStores.assertValid(store);
    }

    @Test
    void moveUnderMissingParentRejected() {
        String item = create(HotcoreStore.ROOT, "item");

        assertThatThrownBy(() -> store.move(item, "missing"))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("missing");

        assertThat(redis.get("p:" + item)).isEqualTo("root");
    }

    @Test
    void moveOfMissingEntityRejected() {
        String target = create(HotcoreStore.ROOT, "target");

        assertThatThrownBy(() -> store.move("missing", target))
                .isInstanceOf(EntityNotFoundException.class);

        assertThat(redis.exists("c:" + target)).isFalse();
    }

    @Test
    void oppositeConcurrentMovesNeverMakeCycle() throws Exception {
        String a = create(HotcoreStore.ROOT, "a");
        String b = create(HotcoreStore.ROOT, "b");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        int bothRejected = 0;
        try {
            for (int round = 0; round < 150; round++) {
                store.move(a, HotcoreStore.ROOT);
                store.move(b, HotcoreStore.ROOT);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Boolean> aUnderB = threads.submit(() -> tryMove(start, a, b));
                Future<Boolean> bUnderA = threads.submit(() -> tryMove(start, b, a));
                boolean first = aUnderB.get(10, TimeUnit.SECONDS);
                boolean second = bUnderA.get(10, TimeUnit.SECONDS);

                assertThat(first && second).as("both moves committed in round %d", round).isFalse();
                List<String> parents = List.of(redis.get("p:" + a), redis.get("p:" + b));
                assertThat(parents).as("round %d", round).isNotEqualTo(List.of(b, a));
                if (!first && !second) {
                    bothRejected++;
                }
            }
        } finally {
            threads.shutdownNow();
        }
        TestStores.assertValid(store);
        assertThat(bothRejected).as("rounds where conflicts exhausted both").isLessThan(150);
    }

    /** Moves once both threads are ready and returns false when the move was rejected or lost to conflicts. */
    private boolean tryMove(CyclicBarrier start, String id, String newParent) throws Exception {
        start.await(10, TimeUnit.SECONDS);
        try {
            return store.move(id, newParent);
        } catch (CycleException | ConflictException e) {
            return false;
        }
    }

    @Test
    void manyConcurrentMovesKeepTreeValid() throws Exception {
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            nodes.add(create(HotcoreStore.ROOT, "n" + i));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                workers.add(threads.submit(() -> {
                    java.util.Random random = new java.util.Random(seed);
                    for (int i = 0; i < 300; i++) {
                        String id = nodes.get(random.nextInt(nodes.size()));
                        String parent = random.nextInt(5) == 0 ? HotcoreStore.ROOT
                                : nodes.get(random.nextInt(nodes.size()));
                        try {
                            store.move(id, parent);
                        } catch (CycleException | ConflictException e) {
                            // Rejected moves are expected, and the tree is checked at the end.
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        TestStores.assertValid(store);
    }
}
