package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotcore.explorer.core.TestStores.attributes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.Test;

/** Tests delete with lifting: the children move to the grandparent, in its children set as well. */
class LiftingDeleteTest extends StoreTestBase {

    @Test
    void childrenJoinGrandparentChildrenSet() {
        String container = store.create(HotcoreStore.ROOT, attributes("name", "Users", "type", "container"));
        String ada = store.create(container, attributes("name", "Ada"));
        String bjorn = store.create(container, attributes("name", "Bjorn"));

        store.deleteLiftingChildren(container, 100, Progress.NONE, Cancellation.NEVER);

        assertThat(redis.smembers("c:root")).containsExactlyInAnyOrder(ada, bjorn);
        assertThat(redis.get("p:" + ada)).isEqualTo("root");
        assertThat(redis.get("p:" + bjorn)).isEqualTo("root");
        TestStores.assertValid(store);
    }

    @Test
    void deletedEntityLeavesNoKeys() {
        String container = store.create(HotcoreStore.ROOT, attributes("name", "Users", "type", "container",
                "lat", "59.91", "long", "10.75"));
        String child = store.create(container, attributes("name", "Ada"));
        store.apply(container, attributes("description", "all users"));

        store.deleteLiftingChildren(container, 100, Progress.NONE, Cancellation.NEVER);

        assertThat(TestStores.keys(redis)).containsExactlyInAnyOrder("e:" + child, "p:" + child, "c:root",
                "i:name:Ada");
    }

    @Test
    void leafDeletedFromParentSet() {
        String parent = store.create(HotcoreStore.ROOT, attributes("name", "p"));
        String leaf = store.create(parent, attributes("name", "leaf"));
        String sibling = store.create(parent, attributes("name", "sibling"));

        store.deleteLiftingChildren(leaf, 10, Progress.NONE, Cancellation.NEVER);

        assertThat(redis.smembers("c:" + parent)).containsExactly(sibling);
        assertThat(redis.exists("e:" + leaf, "p:" + leaf, "i:name:leaf")).isZero();
        TestStores.assertValid(store);
    }

    @Test
    void manyChildrenLiftedInSeveralBatches() {
        String grandparent = store.create(HotcoreStore.ROOT, attributes("name", "grandparent"));
        String parent = store.create(grandparent, attributes("name", "parent"));
        Set<String> children = new HashSet<>();
        try (RawTree tree = new RawTree(redis)) {
            for (int i = 0; i < 1_000; i++) {
                children.add(tree.add(parent, "name", "child " + i));
            }
        }
        List<long[]> progress = new ArrayList<>();

        store.deleteLiftingChildren(parent, 150, (done, total) -> progress.add(new long[] {done, total}),
                Cancellation.NEVER);

        assertThat(redis.smembers("c:" + grandparent)).isEqualTo(children);
        assertThat(children).allSatisfy(child -> assertThat(redis.get("p:" + child)).isEqualTo(grandparent));
        assertThat(redis.exists("e:" + parent)).isFalse();
        assertThat(progress.size()).as("one update per transaction").isGreaterThanOrEqualTo(7);
        assertThat(progress.getLast()).containsExactly(1_000L, 1_000L);
        TestStores.assertValid(store);
    }

    @Test
    void batchLargerThanCommandLimitStillLifts() {
        HotcoreStore limited = TestStores.open(RedisTestServer.url(), 50, 2, 3);
        try {
            String parent = limited.create(HotcoreStore.ROOT, attributes("name", "parent"));
            try (RawTree tree = new RawTree(redis)) {
                for (int i = 0; i < 120; i++) {
                    tree.add(parent, "name", "child " + i);
                }
            }

            limited.deleteLiftingChildren(parent, 1_000, Progress.NONE, Cancellation.NEVER);

            assertThat(redis.scard("c:root")).isEqualTo(120);
            assertThat(limited.guard().snapshot().maxQueued()).isLessThanOrEqualTo(50);
            TestStores.assertValid(limited);
        } finally {
            limited.connection().close();
        }
    }

    @Test
    void cancelledDeleteKeepsEntityAndValidTree() {
        String parent = store.create(HotcoreStore.ROOT, attributes("name", "parent"));
        try (RawTree tree = new RawTree(redis)) {
            for (int i = 0; i < 100; i++) {
                tree.add(parent, "name", "child " + i);
            }
        }
        int[] updates = new int[1];

        assertThatThrownBy(() -> store.deleteLiftingChildren(parent, 10, (done, total) -> updates[0]++,
                () -> updates[0] >= 2))
                .isInstanceOf(CancelledException.class);

        assertThat(redis.exists("e:" + parent)).isTrue();
        assertThat(redis.scard("c:" + parent)).isEqualTo(80);
        assertThat(redis.scard("c:root")).isEqualTo(21);
        TestStores.assertValid(store);
    }

    @Test
    void topLevelIdCannotBeDeletedThisWay() {
        store.create(HotcoreStore.ROOT, attributes("name", "a"));

        assertThatThrownBy(() -> store.deleteLiftingChildren(HotcoreStore.ROOT, 10, Progress.NONE,
                Cancellation.NEVER))
                .isInstanceOf(EntityNotFoundException.class);

        assertThat(redis.scard("c:root")).isEqualTo(1);
    }
}
