package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotcore.explorer.core.TestStores.attributes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tests the reads: entities, attribute pages, children pages, parents, paths, top-level ids and subtree counts. */
class ReadTest extends StoreTestBase {

    private static String[] numberedFields(int count) {
        String[] pairs = new String[2 * count];
        for (int i = 0; i < count; i++) {
            pairs[2 * i] = "field" + i;
            pairs[2 * i + 1] = "value" + i;
        }
        return pairs;
    }

    @Test
    void getReturnsAttributesAndParent() {
        String parent = store.create(HotcoreStore.ROOT, attributes("name", "Users"));
        String id = store.create(parent, attributes("name", "Ada", "type", "user"));

        Entity entity = store.get(id);

        assertThat(entity.id()).isEqualTo(id);
        assertThat(entity.parentId()).isEqualTo(parent);
        assertThat(entity.name()).isEqualTo("Ada");
        assertThat(entity.type()).isEqualTo("user");
        assertThat(entity.attributes()).hasSize(2);
    }

    @Test
    void getReadsLargeHashByHscan() {
        String id = store.create(HotcoreStore.ROOT, attributes(numberedFields(1_500)));
        long roundTripsBefore = store.guard().snapshot().roundTrips();

        Entity entity = store.get(id);

        assertThat(entity.attributes()).hasSize(1_500);
        for (int i = 0; i < 1_500; i++) {
            assertThat(entity.attribute("field" + i)).isEqualTo(Bytes.utf8("value" + i));
        }
        // HLEN, at least two HSCAN pages and GET p: instead of one HGETALL.
        assertThat(store.guard().snapshot().roundTrips() - roundTripsBefore).isGreaterThanOrEqualTo(4);
    }

    @Test
    void getMissingEntityThrows() {
        assertThatThrownBy(() -> store.get("missing"))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("'missing'");
    }

    @Test
    void attributePagesReturnEveryFieldOnce() {
        String id = store.create(HotcoreStore.ROOT, attributes(numberedFields(600)));
        Map<Bytes, Bytes> read = new HashMap<>();
        String cursor = "0";
        int pages = 0;

        do {
            AttributePage page = store.attributes(id, cursor, 100);
            assertThat(page.totalFields()).isEqualTo(600);
            for (Map.Entry<Bytes, Bytes> entry : page.attributes()) {
                assertThat(read.put(entry.getKey(), entry.getValue())).as("field read twice").isNull();
            }
            cursor = page.nextCursor();
            pages++;
        } while (!"0".equals(cursor));

        assertThat(read).hasSize(600);
        assertThat(read.get(Bytes.utf8("field599"))).isEqualTo(Bytes.utf8("value599"));
        assertThat(pages).isGreaterThan(1);
    }

    @Test
    void childrenPagedEachChildOnce() {
        String parent = store.create(HotcoreStore.ROOT, attributes("name", "big"));
        Map<String, Integer> created = new HashMap<>();
        try (RawTree tree = new RawTree(redis)) {
            for (int i = 0; i < 5_000; i++) {
                created.put(tree.add(parent, "name", "child " + i, "type", i % 2 == 0 ? "even" : "odd"), i);
            }
        }
        ChildCursor cursor = store.children(parent);
        Set<String> seen = new HashSet<>();
        int pages = 0;

        while (!cursor.complete()) {
            ChildPage page = cursor.next(200);
            pages++;
            for (ChildSummary child : page.children()) {
                assertThat(seen.add(child.id())).as("child returned twice: %s", child.id()).isTrue();
                int number = created.get(child.id());
                assertThat(child.name()).isEqualTo("child " + number);
                assertThat(child.type()).isEqualTo(number % 2 == 0 ? "even" : "odd");
                assertThat(child.childCount()).isZero();
                assertThat(child.entityExists()).isTrue();
            }
        }

        assertThat(seen).isEqualTo(created.keySet());
        assertThat(cursor.loaded()).isEqualTo(5_000);
        assertThat(pages).isBetween(20, 40);
    }

    @Test
    void childSummaryShowsBrokenReference() {
        String child = store.create(HotcoreStore.ROOT, attributes("name", "real"));
        redis.sadd("c:root", "ghost");

        List<ChildSummary> children = new ArrayList<>(store.children(HotcoreStore.ROOT).next(10).children());

        assertThat(children).extracting(ChildSummary::id).containsExactlyInAnyOrder(child, "ghost");
        assertThat(children).filteredOn(summary -> summary.id().equals("ghost")).singleElement()
                .satisfies(ghost -> assertThat(ghost.entityExists()).isFalse());
    }

    @Test
    void childCountAndParentOf() {
        String parent = store.create(HotcoreStore.ROOT, attributes("name", "p"));
        String child = store.create(parent, attributes("name", "c1"));
        store.create(parent, attributes("name", "c2"));

        assertThat(store.childCount(parent)).isEqualTo(2);
        assertThat(store.childCount(child)).isZero();
        assertThat(store.parentOf(child)).isEqualTo(parent);
        assertThat(store.parentOf(parent)).isEqualTo(HotcoreStore.ROOT);
        assertThat(store.parentOf("missing")).isNull();
    }

    @Test
    void pathToDeepChain() {
        String[] chain;
        try (RawTree tree = new RawTree(redis)) {
            chain = tree.chain(HotcoreStore.ROOT, 2_000);
        }

        List<String> path = store.pathTo(chain[1_999]);

        assertThat(path).hasSize(2_001);
        assertThat(path.getFirst()).isEqualTo(HotcoreStore.ROOT);
        assertThat(path.get(1)).isEqualTo(chain[0]);
        assertThat(path.getLast()).isEqualTo(chain[1_999]);
    }

    @Test
    void pathToDeepChainCanBeCancelled() {
        String[] chain;
        try (RawTree tree = new RawTree(redis)) {
            chain = tree.chain(HotcoreStore.ROOT, 3_000);
        }
        long sentBefore = store.guard().snapshot().sent();

        assertThatThrownBy(() -> store.pathTo(chain[2_999], () -> true))
                .isInstanceOf(CancelledException.class)
                .hasMessageContaining("1000 levels");
        assertThat(store.guard().snapshot().sent() - sentBefore).as("GETs before the cancel was seen")
                .isLessThanOrEqualTo(1_000);
    }

    @Test
    void pathToThroughStoredCycleFails() {
        try (RawTree tree = new RawTree(redis)) {
            tree.addWithId("a", "b", "name", "a");
            tree.addWithId("b", "a", "name", "b");
            tree.addWithId("leaf", "a", "name", "leaf");
        }

        assertThatThrownBy(() -> store.pathTo("leaf"))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("cycle");
    }

    @Test
    void pathToTopLevelIdIsItself() {
        store.create(HotcoreStore.ROOT, attributes("name", "a"));

        assertThat(store.pathTo(HotcoreStore.ROOT)).containsExactly(HotcoreStore.ROOT);
    }

    @Test
    void emptyRootIsTopLevelWithEmptySubtree() {
        assertThat(store.isTopLevel(HotcoreStore.ROOT)).isTrue();
        assertThat(store.pathTo(HotcoreStore.ROOT)).containsExactly(HotcoreStore.ROOT);
        assertThat(store.countSubtree(HotcoreStore.ROOT, Progress.NONE, Cancellation.NEVER)).isZero();
        assertThat(store.children(HotcoreStore.ROOT).next(10).children()).isEmpty();
    }

    @Test
    void topLevelIdsFindRootAndOthers() {
        String container = store.create(HotcoreStore.ROOT, attributes("name", "Projects"));
        store.create(container, attributes("name", "Project 0"));
        try (RawTree tree = new RawTree(redis)) {
            tree.add("parent1", "name", "speed parent");
        }

        List<String> ids = store.topLevelIds(Progress.NONE, Cancellation.NEVER);

        assertThat(ids).containsExactly(HotcoreStore.ROOT, "parent1");
        assertThat(store.isTopLevel("parent1")).isTrue();
        assertThat(store.isTopLevel(container)).isFalse();
    }

    @Test
    void topLevelIdsCancelled() {
        store.create(HotcoreStore.ROOT, attributes("name", "a"));

        assertThatThrownBy(() -> store.topLevelIds(Progress.NONE, () -> true))
                .isInstanceOf(CancelledException.class);
    }

    @Test
    void countSubtreeCountsEveryLevel() {
        String top = store.create(HotcoreStore.ROOT, attributes("name", "top"));
        try (RawTree tree = new RawTree(redis)) {
            for (int i = 0; i < 10; i++) {
                String middle = tree.add(top, "name", "m" + i);
                for (int k = 0; k < 20; k++) {
                    tree.add(middle, "name", "leaf");
                }
            }
            tree.chain(top, 300);
        }

        assertThat(store.countSubtree(top, Progress.NONE, Cancellation.NEVER)).isEqualTo(1 + 10 + 200 + 300);
        assertThat(store.countSubtree(HotcoreStore.ROOT, Progress.NONE, Cancellation.NEVER))
                .isEqualTo(1 + 10 + 200 + 300);
    }

    @Test
    void countSubtreeOfMissingIdRejected() {
        assertThatThrownBy(() -> store.countSubtree("missing", Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(EntityNotFoundException.class);
    }
}
