package org.hotcore.explorer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotcore.explorer.core.Bytes;
import org.hotcore.explorer.core.CommandGuard;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.Keys;
import org.hotcore.explorer.core.RedisConnection;
import org.hotcore.explorer.core.RedisSettings;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

@ExtendWith(RedisTestServer.class)
class DemoDatabaseTest {

    private RedisConnection connection;
    private HotcoreStore store;

    @BeforeEach
    void connect() {
        connection = new RedisConnection(RedisSettings.parse(RedisTestServer.url()).build(),
                new CommandGuard(CommandGuard.DEFAULT_LIMIT));
        store = new HotcoreStore(connection);
    }

    @AfterEach
    void disconnect() {
        connection.close();
    }

    @Test
    void fillWritesAValidTreeInHotcoreLayout() {
        List<long[]> updates = new ArrayList<>();
        DemoDatabase.Stats stats = DemoDatabase.fill(store, (done, total) -> updates.add(new long[] {done, total}),
                () -> false);

        long total = DemoDatabase.totalEntities();
        assertThat(stats.cancelled()).isFalse();
        assertThat(stats.entities()).isEqualTo(total);
        assertThat(stats.total()).isEqualTo(total);
        assertThat(total).isBetween(2_000L + DemoDatabase.EVENT_COUNT, 5_000L + DemoDatabase.EVENT_COUNT);
        assertThat(updates.getFirst()).containsExactly(0, total);
        assertThat(updates.getLast()).containsExactly(total, total);
        for (int i = 1; i < updates.size(); i++) {
            assertThat(updates.get(i)[0]).isGreaterThan(updates.get(i - 1)[0]);
        }
        assertThat(connection.guard().snapshot().maxQueued()).isLessThanOrEqualTo(
                DemoDatabase.MAX_COMMANDS_PER_PIPELINE);
        assertThat(connection.guard().snapshot().rejected()).isZero();

        TreeLayout layout;
        try (Jedis jedis = RedisTestServer.jedis()) {
            layout = TreeLayout.read(jedis);
            assertThat(jedis.exists("c:root")).isTrue();
            assertThat(jedis.exists("e:root")).isFalse();
        }
        assertThat(layout.problems()).isEmpty();
        assertThat(layout.entities).hasSize((int) total);
        assertThat(layout.topLevelIds()).containsExactlyInAnyOrder(HotcoreStore.ROOT, DemoDatabase.ARCHIVE);

        List<String> eventLog = layout.find("name", DemoDatabase.EVENT_LOG_NAME);
        assertThat(eventLog).hasSize(1);
        assertThat(layout.children.get(eventLog.getFirst())).hasSize(DemoDatabase.EVENT_COUNT);
        assertThat(layout.parents.get(eventLog.getFirst())).isEqualTo(HotcoreStore.ROOT);
        assertThat(layout.find("name", "Event 000001")).hasSize(1);
        assertThat(layout.find("name", "Event 100000")).hasSize(1);
        assertThat(layout.find("type", "event")).hasSize(DemoDatabase.EVENT_COUNT);

        List<String> offices = layout.find("type", DemoDatabase.OFFICE_TYPE);
        assertThat(offices).hasSizeGreaterThanOrEqualTo(3);
        assertThat(layout.geo.get(DemoDatabase.OFFICE_TYPE)).containsExactlyInAnyOrderElementsOf(offices);
        assertThat(layout.find("type", "person")).hasSizeGreaterThan(1_000);
        String person = layout.find("type", "person").getFirst();
        assertThat(layout.entities.get(person).keySet()).extracting(Bytes::utf8)
                .contains("name", "type", "email", "role", "title");

        Map<Bytes, Bytes> latin1 = layout.entities.values().stream()
                .filter(attributes -> !attributes.get(Keys.NAME).isUtf8()).findFirst().orElseThrow();
        assertThat(latin1.get(Keys.NAME).toByteArray())
                .isEqualTo("Caf\u00e9 M\u00fcller (ISO-8859-1)".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(layout.entities.values()).anyMatch(attributes -> attributes.values().stream()
                .anyMatch(value -> value.length() == DemoDatabase.LARGE_VALUE_BYTES));
        assertThat(layout.entities.values()).anyMatch(attributes -> attributes.size() == DemoDatabase.MANY_FIELDS);
        // Unindexed attributes get no index set.
        assertThat(layout.indexes.keySet()).noneMatch(key -> key.utf8().startsWith("i:raw_data:")
                || key.utf8().startsWith("i:metadata:") || key.utf8().startsWith("i:status_history:"));
    }

    @Test
    void fillIsDeterministic() {
        DemoDatabase.Generator first = new DemoDatabase.Generator();
        DemoDatabase.Generator second = new DemoDatabase.Generator();
        assertThat(first.organisation()).isEqualTo(second.organisation());
        assertThat(first.event(1)).isEqualTo(second.event(1));
        assertThat(first.event(2)).isEqualTo(second.event(2)).isNotEqualTo(first.event(1));
    }

    @Test
    void cancellationStopsEarlyAndLeavesAValidTree() {
        AtomicInteger checks = new AtomicInteger();
        DemoDatabase.Stats stats = DemoDatabase.fill(store, (done, total) -> { },
                () -> checks.incrementAndGet() > 4);

        assertThat(stats.cancelled()).isTrue();
        assertThat(stats.entities()).isPositive().isLessThan(stats.total());
        try (Jedis jedis = RedisTestServer.jedis()) {
            TreeLayout layout = TreeLayout.read(jedis);
            assertThat(layout.problems()).isEmpty();
            assertThat(layout.entities).hasSize((int) stats.entities());
            assertThat(jedis.exists("c:root")).isTrue();
        }
    }

    @Test
    void smallGuardLimitShrinksPipelines() {
        try (RedisConnection small = new RedisConnection(RedisSettings.parse(RedisTestServer.url()).build(),
                new CommandGuard(500))) {
            AtomicInteger checks = new AtomicInteger();
            // The edge cases, among them the entity with 3,000 fields, come within the first pipelines.
            DemoDatabase.Stats stats = DemoDatabase.fill(new HotcoreStore(small), (done, total) -> { },
                    () -> checks.incrementAndGet() > 12);

            assertThat(stats.entities()).isPositive();
            assertThat(small.guard().snapshot().rejected()).isZero();
            assertThat(small.guard().snapshot().maxQueued()).isLessThanOrEqualTo(500);
        }
        try (Jedis jedis = RedisTestServer.jedis()) {
            TreeLayout layout = TreeLayout.read(jedis);
            assertThat(layout.problems()).isEmpty();
            assertThat(layout.entities.values()).anyMatch(attributes -> attributes.size() == DemoDatabase.MANY_FIELDS);
        }
    }

    @Test
    void cancellationBeforeTheStartWritesNothing() {
        DemoDatabase.Stats stats = DemoDatabase.fill(store, (done, total) -> { }, () -> true);

        assertThat(stats.cancelled()).isTrue();
        assertThat(stats.entities()).isZero();
        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(jedis.dbSize()).isZero();
        }
    }
}
