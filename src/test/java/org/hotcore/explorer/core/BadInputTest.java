package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unusual names and values, huge values and hashes, and a very deep chain: handled, with no data lost. */
class BadInputTest extends StoreTestBase {

    private static Bytes raw(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return Bytes.wrap(bytes);
    }

    @Test
    void unusualNamesRoundTrip() {
        Map<Bytes, Bytes> attributes = new LinkedHashMap<>();
        attributes.put(Bytes.utf8("name"), Bytes.utf8("caf\u00e9 \uD83D\uDE80 \u4e2d\u6587"));
        attributes.put(raw('b', 0xff, 0xfe), raw(0xe9, 0x00, 0x80));
        attributes.put(Bytes.utf8("time:of:day"), Bytes.utf8("12:30:00"));
        attributes.put(Bytes.utf8("empty"), Bytes.utf8(""));
        attributes.put(Bytes.utf8("\uD83D\uDE00"), Bytes.utf8("emoji name"));
        String id = store.create(HotcoreStore.ROOT, attributes);

        Entity entity = store.get(id);

        assertThat(entity.attributes()).isEqualTo(attributes);
        assertThat(redis.sismember(Keys.index(raw('b', 0xff, 0xfe), raw(0xe9, 0x00, 0x80)),
                id.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(redis.sismember("i:time:of:day:12:30:00", id)).isTrue();
        assertThat(redis.sismember("i:empty:", id)).isTrue();
        TestStores.assertValid(store);
        assertThat(store.find(new FindQuery(java.util.List.of(new FindQuery.Criterion(Bytes.utf8("time:of:day"),
                Bytes.utf8("12:30:00"))))).next(10)).containsExactly(id);

        store.apply(id, Map.of(raw('b', 0xff, 0xfe), Bytes.utf8("plain")));
        assertThat(store.get(id).attributes()).containsEntry(raw('b', 0xff, 0xfe), Bytes.utf8("plain"));
        TestStores.assertValid(store);
    }

    @Test
    void hugeValueAndWideHash() {
        String big = "v".repeat(10 * 1024 * 1024);
        String id = store.create(HotcoreStore.ROOT, TestStores.attributes("name", "big", "blob", big));
        assertThat(store.get(id).attributes().get(Bytes.utf8("blob")).raw()).hasSize(big.length());

        String wide;
        try (RawTree tree = new RawTree(redis)) {
            String[] pairs = new String[2 * 100_000];
            for (int i = 0; i < 100_000; i++) {
                pairs[2 * i] = "f" + i;
                pairs[2 * i + 1] = "v" + (i % 10);
            }
            wide = tree.add(HotcoreStore.ROOT, pairs);
        }
        Entity entity = store.get(wide);
        assertThat(entity.attributes()).hasSize(100_000);
        AttributePage page = store.attributes(wide, "0", 500);
        assertThat(page.totalFields()).isEqualTo(100_000);
        assertThat(page.attributes().size()).isBetween(500, 1_500);
        TestStores.assertValid(store);

        store.deleteLiftingChildren(wide, 1_000, Progress.NONE, Cancellation.NEVER);
        store.deleteCascade(id, CascadeDelete.Options.DEFAULT, Progress.NONE, Cancellation.NEVER);
        assertThat(redis.dbSize()).isZero();
    }

    @Test
    void chainHundredThousandDeep() {
        String[] chain;
        try (RawTree tree = new RawTree(redis)) {
            chain = tree.chain(HotcoreStore.ROOT, 100_000);
        }
        String bottom = chain[chain.length - 1];

        assertThat(store.pathTo(bottom)).hasSize(100_001).startsWith(HotcoreStore.ROOT, chain[0]);
        assertThat(store.countSubtree(chain[0], Progress.NONE, Cancellation.NEVER)).isEqualTo(100_000);
        IntegrityCheck.Report report = TestStores.assertValid(store);
        assertThat(report.entities()).isEqualTo(100_000);
        assertThat(IntegrityCheck.run(store, chain[50_000], IntegrityCheck.Options.DEFAULT, Progress.NONE,
                Cancellation.NEVER).entities()).isEqualTo(50_000);

        CascadeDelete.Result result = store.deleteCascade(chain[0], CascadeDelete.Options.DEFAULT, Progress.NONE,
                Cancellation.NEVER);

        assertThat(result.deleted()).isEqualTo(100_000);
        assertThat(redis.keys("e:*")).isEmpty();
        TestStores.assertValid(store);
    }
}
