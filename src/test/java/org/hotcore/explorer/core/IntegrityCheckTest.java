package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.core.TestStores.attributes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Tests that the integrity check passes valid trees and reports each of the six rules when it is broken. */
class IntegrityCheckTest extends StoreTestBase {

    private IntegrityCheck.Report check() {
        return IntegrityCheck.run(store, Progress.NONE, Cancellation.NEVER);
    }

    private String createUnderRoot(String name) {
        return store.create(HotcoreStore.ROOT, attributes("name", name, "type", "item"));
    }

    @Test
    void emptyDatabaseIsValid() {
        IntegrityCheck.Report report = check();

        assertThat(report.valid()).isTrue();
        assertThat(report.entities()).isZero();
        assertThat(report.keysScanned()).isZero();
    }

    @Test
    void treeWrittenByStoreIsValid() {
        String container = createUnderRoot("Locations");
        store.create(container, attributes("name", "Oslo office", "type", "office", "lat", "59.91", "long", "10.75"));
        store.create(container, attributes("name", "Depot", "lat", "52.52", "long", "13.4", "metadata", "{}"));

        IntegrityCheck.Report report = TestStores.assertValid(store);

        assertThat(report.entities()).isEqualTo(3);
        assertThat(report.childrenSets()).isEqualTo(2);
        assertThat(report.geoSets()).isEqualTo(2);
        assertThat(report.topLevelIds()).containsExactly(HotcoreStore.ROOT);
    }

    @Test
    void topLevelIdsListRootFirst() {
        createUnderRoot("a");
        try (RawTree tree = new RawTree(redis)) {
            tree.add("parent1", "name", "speed");
        }

        IntegrityCheck.Report report = TestStores.assertValid(store);

        assertThat(report.topLevelIds()).containsExactly(HotcoreStore.ROOT, "parent1");
    }

    @Test
    void rule1EntityMissingFromParentChildrenSet() {
        String id = createUnderRoot("lost");
        String sibling = createUnderRoot("kept");
        redis.srem("c:root", id);

        IntegrityCheck.Report report = check();

        assertThat(report.count(1)).isEqualTo(1);
        assertThat(report.violationCount()).isEqualTo(1);
        assertThat(report.violations().getFirst().key()).isEqualTo(id);
        assertThat(report.violations().getFirst().message()).contains("c:root").doesNotContain(sibling);
    }

    @Test
    void rule1EntityWithoutParentPointer() {
        String id = createUnderRoot("orphan");
        redis.del("p:" + id);

        IntegrityCheck.Report report = check();

        assertThat(report.count(1)).isEqualTo(1);
        assertThat(report.count(2)).as("c:root lists it but p: is missing").isEqualTo(1);
        assertThat(report.count(3)).as("reported under rule 1 only, not again as a chain").isZero();
    }

    @Test
    void rule2MemberWithoutEntity() {
        createUnderRoot("real");
        redis.sadd("c:root", "ghost");

        IntegrityCheck.Report report = check();

        assertThat(report.count(2)).isEqualTo(1);
        assertThat(report.violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("'ghost'").contains("not an entity"));
    }

    @Test
    void rule2MemberPointingElsewhere() {
        String a = createUnderRoot("a");
        String b = createUnderRoot("b");
        String child = store.create(a, attributes("name", "child"));
        redis.sadd("c:" + b, child);

        IntegrityCheck.Report report = check();

        assertThat(report.count(2)).isEqualTo(1);
        assertThat(report.violations().getFirst().message()).contains("c:" + b).contains("= '" + a + "'");
    }

    @Test
    void rule3CycleReportedForEveryMember() {
        try (RawTree tree = new RawTree(redis)) {
            tree.addWithId("a", "b", "name", "a");
            tree.addWithId("b", "a", "name", "b");
            tree.addWithId("below", "a", "name", "below");
        }

        IntegrityCheck.Report report = check();

        assertThat(report.count(3)).isEqualTo(3);
        assertThat(report.violations()).extracting(IntegrityCheck.Violation::key)
                .containsExactlyInAnyOrder("a", "b", "below");
        assertThat(report.violations()).allSatisfy(v -> assertThat(v.message()).contains("cycle"));
    }

    @Test
    void rule3ChainEndingAtUnknownId() {
        try (RawTree tree = new RawTree(redis)) {
            tree.addWithId("x", "nowhere", "name", "x");
        }
        redis.srem("c:nowhere", "x");

        IntegrityCheck.Report report = check();

        assertThat(report.count(3)).isEqualTo(1);
        assertThat(report.violations()).filteredOn(v -> v.rule() == 3).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("'nowhere'"));
    }

    @Test
    void rule3DeepValidChainPasses() {
        try (RawTree tree = new RawTree(redis)) {
            tree.chain(HotcoreStore.ROOT, 3_000);
        }

        IntegrityCheck.Report report = TestStores.assertValid(store);

        assertThat(report.entities()).isEqualTo(3_000);
    }

    @Test
    void rule3BrokenDeepChainCapsList() {
        String[] chain;
        try (RawTree tree = new RawTree(redis)) {
            chain = tree.chain(HotcoreStore.ROOT, 3_000);
        }
        // Cut the chain below its top, so the 2,999 entities from chain[1] down no longer reach root.
        redis.del("p:" + chain[1]);
        redis.srem("c:" + chain[0], chain[1]);
        IntegrityCheck.Options options = new IntegrityCheck.Options(100, 1_000, 5_000);

        IntegrityCheck.Report report = IntegrityCheck.run(store, options, Progress.NONE, Cancellation.NEVER);

        assertThat(report.count(1)).isEqualTo(1);
        assertThat(report.count(3)).isEqualTo(2_998);
        assertThat(report.violations()).hasSize(100);
        assertThat(report.truncated()).isTrue();
    }

    @Test
    void rule4EntityMissingFromIndex() {
        String id = createUnderRoot("Ada");
        redis.srem("i:name:Ada", id);

        IntegrityCheck.Report report = check();

        assertThat(report.count(4)).isEqualTo(1);
        assertThat(report.violations().getFirst().key()).isEqualTo(id);
    }

    @Test
    void rule4StaleIndexMember() {
        String id = createUnderRoot("Ada");
        redis.sadd("i:name:Bea", id);

        IntegrityCheck.Report report = check();

        assertThat(report.count(4)).isEqualTo(1);
        assertThat(report.violations().getFirst().message()).contains("i:name:Bea").contains("name = 'Ada'");
    }

    @Test
    void rule4IndexMemberWithoutEntity() {
        createUnderRoot("Ada");
        redis.sadd("i:name:Ada", "ghost");

        IntegrityCheck.Report report = check();

        assertThat(report.count(4)).isEqualTo(1);
        assertThat(report.violations().getFirst().message()).contains("'ghost'").contains("not an entity");
    }

    @Test
    void rule4IndexKeyWithColonsInValue() {
        store.create(HotcoreStore.ROOT, attributes("name", "meeting", "starts", "12:30:00"));

        IntegrityCheck.Report report = TestStores.assertValid(store);

        assertThat(report.indexSets()).isEqualTo(2);
    }

    @Test
    void rule4LargeEntityCheckedByHscan() {
        String[] pairs = new String[2 * 1_500];
        for (int i = 0; i < 1_500; i++) {
            pairs[2 * i] = "field" + i;
            pairs[2 * i + 1] = "value" + i;
        }
        String id = store.create(HotcoreStore.ROOT, attributes(pairs));
        TestStores.assertValid(store);
        redis.srem("i:field1234:value1234", id);

        IntegrityCheck.Report report = check();

        assertThat(report.count(4)).isEqualTo(1);
        assertThat(report.violations().getFirst().message()).contains("i:field1234:value1234");
    }

    @Test
    void rule5LeftoverKeysOfDeletedEntity() {
        redis.set("p:gone", "root");
        redis.set("w:gone", "");

        IntegrityCheck.Report report = check();

        assertThat(report.count(5)).isEqualTo(2);
        assertThat(report.violations()).extracting(IntegrityCheck.Violation::key)
                .containsExactlyInAnyOrder("p:gone", "w:gone");
    }

    @Test
    void rule5OrphanChildrenSet() {
        String a = createUnderRoot("a");
        redis.sadd("c:deleted", a);

        IntegrityCheck.Report report = check();

        assertThat(report.count(5)).isEqualTo(1);
        assertThat(report.count(2)).as("its member points to root").isEqualTo(1);
    }

    @Test
    void rule6EntityMissingFromGeoSet() {
        String id = store.create(HotcoreStore.ROOT, attributes("name", "Oslo", "type", "office", "lat", "59.91",
                "long", "10.75"));
        redis.zrem("geo:office", id);

        IntegrityCheck.Report report = check();

        assertThat(report.count(6)).isEqualTo(1);
        assertThat(report.violations().getFirst().message()).contains("geo:office");
    }

    @Test
    void rule6GeoMemberWithoutEntity() {
        redis.geoadd("geo:office", 10.75, 59.91, "ghost");

        IntegrityCheck.Report report = check();

        assertThat(report.count(6)).isEqualTo(1);
        assertThat(report.violations().getFirst().key()).isEqualTo("geo:office");
    }

    @Test
    void wrongKeyTypeReportedNotThrown() {
        String id = createUnderRoot("a");
        redis.del("c:root");
        redis.set("c:root", id);

        IntegrityCheck.Report report = check();

        assertThat(report.count(2)).as("c:root read as a set").isEqualTo(1);
        assertThat(report.count(1)).as("the entity cannot be listed in c:root").isEqualTo(1);
    }

    @Test
    void progressReachesTotalKeys() {
        try (RawTree tree = new RawTree(redis)) {
            for (int i = 0; i < 500; i++) {
                tree.add(HotcoreStore.ROOT, "name", "n" + i);
            }
        }
        long keys = redis.dbSize();
        List<long[]> updates = new ArrayList<>();
        IntegrityCheck.Options options = new IntegrityCheck.Options(1_000, 100, 5_000);

        IntegrityCheck.run(store, options, (done, total) -> updates.add(new long[] {done, total}), Cancellation.NEVER);

        assertThat(updates.size()).isGreaterThan(2);
        assertThat(updates.getLast()).containsExactly(keys, keys);
        for (int i = 1; i < updates.size(); i++) {
            assertThat(updates.get(i)[0]).isGreaterThanOrEqualTo(updates.get(i - 1)[0]);
        }
    }

    @Test
    void cancelledCheckReturnsPartialReport() {
        try (RawTree tree = new RawTree(redis)) {
            for (int i = 0; i < 500; i++) {
                tree.add(HotcoreStore.ROOT, "name", "n" + i);
            }
        }
        AtomicInteger pages = new AtomicInteger();
        IntegrityCheck.Options options = new IntegrityCheck.Options(1_000, 50, 5_000);

        IntegrityCheck.Report report = IntegrityCheck.run(store, options, (done, total) -> pages.incrementAndGet(),
                () -> pages.get() >= 3);

        assertThat(report.cancelled()).isTrue();
        assertThat(report.valid()).isFalse();
        assertThat(report.keysScanned()).isLessThan(redis.dbSize());
    }

    @Test
    void pipelinesStayWithinCommandLimit() {
        try (RawTree tree = new RawTree(redis)) {
            for (int i = 0; i < 300; i++) {
                tree.add(HotcoreStore.ROOT, "name", "n" + i, "type", "t", "a", "1", "b", "2");
            }
        }
        HotcoreStore small = TestStores.open(org.hotcore.explorer.testing.RedisTestServer.url(), 40, 2, 3);
        try {
            IntegrityCheck.Report report = TestStores.assertValid(small);

            assertThat(report.entities()).isEqualTo(300);
            assertThat(small.guard().snapshot().maxQueued()).isLessThanOrEqualTo(40);
            assertThat(small.guard().snapshot().rejected()).isZero();
        } finally {
            small.connection().close();
        }
    }
}
