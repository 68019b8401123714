package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.hotcore.explorer.core.TestStores.attributes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.GeoCoordinate;

/** Tests create and apply against the keys the Python hotcore library writes. */
class CreateAndApplyTest extends StoreTestBase {

    @Test
    void createWritesExactlyHotcoreKeys() {
        String id = store.create(HotcoreStore.ROOT, attributes("name", "Ada Park", "type", "user",
                "email", "ada.park@example.org"));

        assertThat(TestStores.keys(redis)).containsExactlyInAnyOrder("e:" + id, "p:" + id, "c:root",
                "i:name:Ada Park", "i:type:user", "i:email:ada.park@example.org");
        assertThat(redis.hgetAll("e:" + id)).containsExactlyInAnyOrderEntriesOf(
                Map.of("name", "Ada Park", "type", "user", "email", "ada.park@example.org"));
        assertThat(redis.get("p:" + id)).isEqualTo("root");
        assertThat(redis.smembers("c:root")).containsExactly(id);
        assertThat(redis.smembers("i:name:Ada Park")).containsExactly(id);
        TestStores.assertValid(store);
    }

    @Test
    void createUnderEntityAddsToItsChildrenSet() {
        String parent = store.create(HotcoreStore.ROOT, attributes("name", "Users"));

        String child = store.create(parent, attributes("name", "Bjorn"));

        assertThat(redis.smembers("c:" + parent)).containsExactly(child);
        assertThat(redis.get("p:" + child)).isEqualTo(parent);
        assertThat(redis.smembers("c:root")).containsExactly(parent);
    }

    @Test
    void createLeavesUnindexedAttributesOutOfIndex() {
        String id = store.create(HotcoreStore.ROOT, attributes("name", "station", "status_history", "[]",
                "station_data", "a", "connector_data", "b", "raw_data", "c", "metadata", "{}", "logs", "l",
                "events", "e"));

        assertThat(TestStores.keys(redis)).filteredOn(key -> key.startsWith("i:"))
                .containsExactly("i:name:station");
        assertThat(redis.hlen("e:" + id)).isEqualTo(8);
    }

    @Test
    void createAddsNumericPositionToTypedGeoSet() {
        String id = store.create(HotcoreStore.ROOT, attributes("name", "Oslo office", "type", "office",
                "lat", "59.91", "long", "10.75"));

        List<GeoCoordinate> position = redis.geopos("geo:office", id);
        assertThat(position.getFirst().getLatitude()).isCloseTo(59.91, within(0.001));
        assertThat(position.getFirst().getLongitude()).isCloseTo(10.75, within(0.001));
        assertThat(redis.smembers("i:lat:59.91")).containsExactly(id);
        TestStores.assertValid(store);
    }

    @Test
    void createWithoutTypeUsesDefaultGeoSet() {
        String id = store.create(HotcoreStore.ROOT, attributes("name", "somewhere", "lat", "-12.05",
                "long", "-77.04"));

        assertThat(redis.zscore("geo:default", id)).isNotNull();
    }

    @Test
    void createNonNumericPositionSkipsGeo() {
        store.create(HotcoreStore.ROOT, attributes("name", "vague", "type", "office", "lat", "north",
                "long", "10.75"));

        assertThat(TestStores.keys(redis)).noneMatch(key -> key.startsWith("geo:"));
        TestStores.assertValid(store);
    }

    @Test
    void createRoundTripsNonUtf8Bytes() {
        Bytes name = Bytes.of(new byte[] {'b', 'l', 'o', 'b', (byte) 0xfe});
        Bytes value = Bytes.of(new byte[] {(byte) 0xff, 0, 'x', (byte) 0xc3});
        Map<Bytes, Bytes> written = new LinkedHashMap<>();
        written.put(Bytes.utf8("name"), Bytes.utf8("binary"));
        written.put(name, value);

        String id = store.create(HotcoreStore.ROOT, written);

        Entity read = store.get(id);
        assertThat(read.attributes()).containsEntry(name, value);
        assertThat(redis.hget(Keys.entity(id), name.toByteArray())).isEqualTo(value.toByteArray());
        assertThat(redis.sismember(Keys.index(name, value), TestStores.utf8(id))).isTrue();
        assertThat(Bytes.unescape(value.escaped())).isEqualTo(value);
        TestStores.assertValid(store);
    }

    @Test
    void createUnderMissingParentRejected() {
        assertThatThrownBy(() -> store.create("no-such-parent", attributes("name", "x")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("no-such-parent");

        assertThat(redis.dbSize()).isZero();
    }

    @Test
    void createUnderEmptyRootAllowed() {
        String id = store.create(HotcoreStore.ROOT, attributes("name", "first"));

        assertThat(store.parentOf(id)).isEqualTo(HotcoreStore.ROOT);
    }

    @Test
    void createWithoutAttributesRejected() {
        assertThatThrownBy(() -> store.create(HotcoreStore.ROOT, Map.of()))
                .isInstanceOf(RejectedException.class);

        assertThat(redis.dbSize()).isZero();
    }

    @Test
    void createOverKeyOfWrongTypeWritesNothing() {
        redis.set("i:type:user", "not a set");

        assertThatThrownBy(() -> store.create(HotcoreStore.ROOT, attributes("name", "Ada", "type", "user")))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("i:type:user");

        assertThat(TestStores.keys(redis)).containsExactly("i:type:user");
    }

    @Test
    void applySetsNewAttributeAndIndexesIt() {
        String id = store.create(HotcoreStore.ROOT, attributes("name", "Ada"));

        store.apply(id, attributes("role", "admin"));

        assertThat(redis.hget("e:" + id, "role")).isEqualTo("admin");
        assertThat(redis.smembers("i:role:admin")).containsExactly(id);
        TestStores.assertValid(store);
    }

    @Test
    void applyChangeMovesIndexEntry() {
        String id = store.create(HotcoreStore.ROOT, attributes("name", "Bjorn", "status", "active"));
        String other = store.create(HotcoreStore.ROOT, attributes("name", "Chidi", "status", "active"));

        store.apply(id, attributes("status", "inactive"));

        assertThat(redis.smembers("i:status:active")).containsExactly(other);
        assertThat(redis.smembers("i:status:inactive")).containsExactly(id);
        TestStores.assertValid(store);
    }

    @Test
    void applySetsLockKey() {
        String id = store.create(HotcoreStore.ROOT, attributes("name", "Ada"));

        store.apply(id, attributes("name", "Ada Park"));

        assertThat(redis.get("w:" + id)).isEmpty();
        assertThat(redis.exists("i:name:Ada")).isFalse();
    }

    @Test
    void applyNullRemovesAttributeAndIndexEntry() {
        String id = store.create(HotcoreStore.ROOT, attributes("name", "Ada", "role", "admin"));

        store.apply(id, attributes("role", null));

        assertThat(redis.hexists("e:" + id, "role")).isFalse();
        assertThat(redis.exists("i:role:admin")).isFalse();
        TestStores.assertValid(store);
    }

    @Test
    void applyTypeChangeMovesGeoMembership() {
        String id = store.create(HotcoreStore.ROOT, attributes("name", "Oslo", "type", "office", "lat", "59.91",
                "long", "10.75"));

        store.apply(id, attributes("type", "depot"));

        assertThat(redis.exists("geo:office")).isFalse();
        assertThat(redis.zscore("geo:depot", id)).isNotNull();
        TestStores.assertValid(store);
    }

    @Test
    void applyRemovingLatitudeLeavesGeoSet() {
        String id = store.create(HotcoreStore.ROOT, attributes("name", "Oslo", "type", "office", "lat", "59.91",
                "long", "10.75"));

        store.apply(id, attributes("lat", null));

        assertThat(redis.exists("geo:office")).isFalse();
        TestStores.assertValid(store);
    }

    @Test
    void applyAddingPositionJoinsGeoSet() {
        String id = store.create(HotcoreStore.ROOT, attributes("name", "Lagos"));

        store.apply(id, attributes("lat", "6.52", "long", "3.37"));

        assertThat(redis.zscore("geo:default", id)).isNotNull();
        TestStores.assertValid(store);
    }

    @Test
    void applyRemovingEveryFieldRejected() {
        String id = store.create(HotcoreStore.ROOT, attributes("name", "Ada", "role", "admin"));

        assertThatThrownBy(() -> store.apply(id, attributes("name", null, "role", null)))
                .isInstanceOf(RejectedException.class)
                .hasMessageContaining(id);

        assertThat(redis.hgetAll("e:" + id)).containsOnlyKeys("name", "role");
        TestStores.assertValid(store);
    }

    @Test
    void applyReplacingEveryFieldAllowed() {
        String id = store.create(HotcoreStore.ROOT, attributes("name", "Ada"));

        store.apply(id, attributes("name", null, "title", "Dr"));

        assertThat(redis.hgetAll("e:" + id)).containsExactly(Map.entry("title", "Dr"));
        TestStores.assertValid(store);
    }

    @Test
    void applyToMissingEntityRejected() {
        assertThatThrownBy(() -> store.apply("missing", attributes("name", "x")))
                .isInstanceOf(EntityNotFoundException.class);

        assertThat(redis.dbSize()).isZero();
    }

    @Test
    void applyUnindexedAttributeNotIndexed() {
        String id = store.create(HotcoreStore.ROOT, attributes("name", "station"));

        store.apply(id, attributes("metadata", "{\"a\":1}"));

        assertThat(TestStores.keys(redis)).filteredOn(key -> key.startsWith("i:"))
                .containsExactly("i:name:station");
    }
}
