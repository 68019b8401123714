package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotcore.explorer.core.TestStores.attributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.Test;

/** Tests the bulk create: the same keys as single creates, chunked transactions, and rejected input. */
class BulkCreateTest extends StoreTestBase {

    @Test
    void bulkWritesSameKeysAsSingleCreates() {
        String single = store.create(HotcoreStore.ROOT, attributes("name", "Oslo", "type", "office", "lat", "59.9",
                "long", "10.7", "metadata", "{}"));
        Map<String, String> singleHash = redis.hgetAll("e:" + single);

        List<String> ids = store.createAll(List.of(
                HotcoreStore.NewEntity.under(HotcoreStore.ROOT, attributes("name", "Oslo", "type", "office", "lat",
                        "59.9", "long", "10.7", "metadata", "{}")),
                HotcoreStore.NewEntity.underNew(0, attributes("name", "Desk", "type", "desk"))),
                Progress.NONE, Cancellation.NEVER);

        String office = ids.get(0);
        String desk = ids.get(1);
        assertThat(redis.hgetAll("e:" + office)).isEqualTo(singleHash);
        assertThat(redis.get("p:" + office)).isEqualTo("root");
        assertThat(redis.get("p:" + desk)).isEqualTo(office);
        assertThat(redis.smembers("c:root")).containsExactlyInAnyOrder(single, office);
        assertThat(redis.smembers("c:" + office)).containsExactly(desk);
        assertThat(redis.smembers("i:name:Oslo")).containsExactlyInAnyOrder(single, office);
        assertThat(redis.smembers("i:type:office")).containsExactlyInAnyOrder(single, office);
        assertThat(redis.smembers("i:type:desk")).containsExactly(desk);
        assertThat(redis.exists("i:metadata:{}")).isFalse();
        assertThat(redis.zrange("geo:office", 0, -1)).containsExactlyInAnyOrder(single, office);
        TestStores.assertValid(store);
    }

    @Test
    void manyEntitiesSpanSeveralTransactions() {
        List<HotcoreStore.NewEntity> entities = new ArrayList<>();
        for (int p = 0; p < 30; p++) {
            int parent = entities.size();
            entities.add(HotcoreStore.NewEntity.under(HotcoreStore.ROOT, attributes("name", "parent " + p)));
            for (int c = 0; c < 99; c++) {
                entities.add(HotcoreStore.NewEntity.underNew(parent, attributes("name", "child " + c,
                        "serial", p + "-" + c, "type", "leaf")));
            }
        }
        AtomicLong lastDone = new AtomicLong();
        long commitsBefore = store.guard().snapshot().committed();

        List<String> ids = store.createAll(entities, (done, total) -> lastDone.set(done), Cancellation.NEVER);

        assertThat(ids).hasSize(3_000).doesNotHaveDuplicates();
        assertThat(lastDone.get()).isEqualTo(3_000);
        assertThat(store.guard().snapshot().committed() - commitsBefore).as("transactions").isGreaterThan(1);
        assertThat(store.countSubtree(HotcoreStore.ROOT, Progress.NONE, Cancellation.NEVER)).isEqualTo(3_000);
        assertThat(redis.scard("i:type:leaf")).isEqualTo(2_970);
        assertThat(redis.scard("i:name:child 7")).isEqualTo(30);
        assertThat(redis.scard("c:" + ids.get(100))).isEqualTo(99);
        TestStores.assertValid(store);
    }

    @Test
    void chunksDoubleFromSmallFirst() {
        List<HotcoreStore.NewEntity> entities = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            entities.add(HotcoreStore.NewEntity.under(HotcoreStore.ROOT, attributes("name", "item " + i)));
        }
        List<Integer> committed = new ArrayList<>();

        store.createAll(entities, Progress.NONE, Cancellation.NEVER, ids -> committed.add(ids.size()));

        assertThat(committed).containsExactly(250, 500, 1_000, 2_000, 1_250);
        assertThat(redis.scard("c:" + HotcoreStore.ROOT)).isEqualTo(5_000);
        TestStores.assertValid(store);
    }

    @Test
    void chunksStayUnderSmallCommandLimit() {
        HotcoreStore small = TestStores.open(RedisTestServer.url(), 200, 2,
                HotcoreStore.DEFAULT_RETRIES);
        try {
            List<HotcoreStore.NewEntity> entities = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                entities.add(HotcoreStore.NewEntity.under(HotcoreStore.ROOT, attributes("name", "entity " + i,
                        "serial", "s" + i, "type", "item")));
            }

            // The guard rejects any pipeline or transaction over 200 commands, which would fail the call.
            List<String> ids = small.createAll(entities, Progress.NONE, Cancellation.NEVER);

            assertThat(ids).hasSize(500);
            assertThat(small.guard().snapshot().committed()).as("transactions").isGreaterThan(5);
            assertThat(redis.scard("c:root")).isEqualTo(500);
            TestStores.assertValid(store);
        } finally {
            small.connection().close();
        }
    }

    @Test
    void failedChunkLeavesExactlyEarlierChunks() {
        redis.set("i:type:broken", "a string");
        HotcoreStore small = TestStores.open(RedisTestServer.url(), 200, 4, HotcoreStore.DEFAULT_RETRIES);
        try {
            List<HotcoreStore.NewEntity> entities = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                entities.add(HotcoreStore.NewEntity.under(HotcoreStore.ROOT, attributes("name", "entity " + i,
                        "type", i == 300 ? "broken" : "item")));
            }
            List<String> committed = new ArrayList<>();

            assertThatThrownBy(() -> small.createAll(entities, Progress.NONE, Cancellation.NEVER, committed::addAll))
                    .isInstanceOf(CorruptDataException.class)
                    .hasMessageContaining("i:type:broken");

            assertThat(committed).isNotEmpty().hasSizeLessThanOrEqualTo(300);
            assertThat(redis.smembers("c:root")).containsExactlyInAnyOrderElementsOf(committed);
            assertThat(TestStores.keys(redis).stream().filter(key -> key.startsWith("e:")).count())
                    .isEqualTo(committed.size());
            assertThat(redis.type("i:type:broken")).isEqualTo("string");
            assertThat(IntegrityCheck.run(store, Progress.NONE, Cancellation.NEVER).violationCount())
                    .as("only the key of the wrong type").isEqualTo(1);
        } finally {
            small.connection().close();
        }
    }

    @Test
    void missingParentWritesNothing() {
        Map<String, String> before = TestStores.dump(redis);

        assertThatThrownBy(() -> store.createAll(List.of(
                HotcoreStore.NewEntity.under("no-such-parent", attributes("name", "orphan"))),
                Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("no-such-parent");
        assertThat(TestStores.dump(redis)).isEqualTo(before);
    }

    @Test
    void wrongKeyTypeWritesNothing() {
        redis.set("i:type:broken", "a string");
        Map<String, String> before = TestStores.dump(redis);

        assertThatThrownBy(() -> store.createAll(List.of(
                HotcoreStore.NewEntity.under(HotcoreStore.ROOT, attributes("name", "fine")),
                HotcoreStore.NewEntity.under(HotcoreStore.ROOT, attributes("name", "x", "type", "broken"))),
                Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("i:type:broken");
        assertThat(TestStores.dump(redis)).isEqualTo(before);
    }

    @Test
    void parentAfterChildIsRejected() {
        assertThatThrownBy(() -> store.createAll(List.of(
                HotcoreStore.NewEntity.underNew(1, attributes("name", "child")),
                HotcoreStore.NewEntity.under(HotcoreStore.ROOT, attributes("name", "parent"))),
                Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before its children");
        assertThat(TestStores.keys(redis)).isEmpty();
    }

    @Test
    void readOnlyStoreRejectsBulkCreate() {
        store.setReadOnly(true, "read-only for the test");

        assertThatThrownBy(() -> store.createAll(List.of(
                HotcoreStore.NewEntity.under(HotcoreStore.ROOT, attributes("name", "a"))),
                Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(ReadOnlyException.class);
        assertThat(TestStores.keys(redis)).isEmpty();
    }
}
