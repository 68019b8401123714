package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.hotcore.explorer.core.TestStores.attributes;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Tests that the command guard bounds every pipeline and transaction and counts what was sent. */
class CommandGuardTest extends StoreTestBase {

    private static long heapUsedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long usedMemory(Jedis jedis) {
        for (String line : jedis.info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).strip());
            }
        }
        throw new AssertionError("INFO memory has no used_memory line");
    }

    @Test
    void millionCommandTransactionRejectedAtLimit() {
        CommandGuard guard = store.guard();
        long heapBefore = heapUsedAfterGc();
        CommandLimitExceededException rejection;

        try (Jedis jedis = store.connection().borrow()) {
            try (CommandBatch transaction = guard.transaction(jedis, "tag a million members")) {
                rejection = assertThrows(CommandLimitExceededException.class, () -> {
                    for (int i = 0; i < 1_000_000; i++) {
                        String member = "member" + i;
                        transaction.queue(p -> p.sadd("tagged", member));
                    }
                });
            }

            assertThat(jedis.ping()).isEqualTo("PONG");
            jedis.set("after", "usable");
            assertThat(jedis.get("after")).isEqualTo("usable");
        }

        assertThat(rejection.operation()).isEqualTo("tag a million members");
        assertThat(rejection.count()).isEqualTo(10_001);
        assertThat(rejection.limit()).isEqualTo(10_000);
        assertThat(rejection.getMessage()).contains("tag a million members").contains("10001").contains("10000");
        assertThat(redis.exists("tagged")).as("nothing of the transaction stored").isFalse();
        CommandGuard.Snapshot counters = guard.snapshot();
        assertThat(counters.maxQueued()).isEqualTo(10_000);
        assertThat(counters.queuedNow()).isZero();
        assertThat(counters.rejected()).isEqualTo(1);
        assertThat(heapUsedAfterGc() - heapBefore).as("heap growth in bytes").isLessThan(64L << 20);
        assertThat(redis.ping()).isEqualTo("PONG");
        assertThat(usedMemory(redis)).as("server used_memory in bytes").isLessThan(64L << 20);
    }

    @Test
    void pipelineOverLimitRejected() {
        HotcoreStore limited = TestStores.open(RedisTestServer.url(), 100, 2, 3);
        try (Jedis jedis = limited.connection().borrow()) {
            CommandBatch pipeline = limited.guard().pipeline(jedis, "read many");
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1_000; i++) {
                    String key = "key" + i;
                    pipeline.queue(p -> p.get(key));
                }
            })
                    .isInstanceOf(CommandLimitExceededException.class)
                    .hasMessageContaining("read many")
                    .hasMessageContaining("101");
            pipeline.close();

            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(limited.guard().snapshot().queuedNow()).isZero();
        } finally {
            limited.connection().close();
        }
    }

    @Test
    void createOverLimitStoresNothing() {
        HotcoreStore limited = TestStores.open(RedisTestServer.url(), 50, 2, 3);
        try {
            String[] pairs = new String[2 * 60];
            for (int i = 0; i < 60; i++) {
                pairs[2 * i] = "field" + i;
                pairs[2 * i + 1] = "value";
            }

            assertThatThrownBy(() -> limited.create(HotcoreStore.ROOT, attributes(pairs)))
                    .isInstanceOf(CommandLimitExceededException.class);

            assertThat(redis.dbSize()).isZero();
            assertThat(limited.guard().snapshot().maxQueued()).isLessThanOrEqualTo(50);
        } finally {
            limited.connection().close();
        }
    }

    @Test
    void countersCountCommittedTransactions() {
        CommandGuard.Snapshot before = store.guard().snapshot();

        String id = store.create(HotcoreStore.ROOT, attributes("name", "a", "type", "t"));
        store.apply(id, attributes("name", "b"));

        CommandGuard.Snapshot after = store.guard().snapshot();
        assertThat(after.committed() - before.committed()).isEqualTo(2);
        assertThat(after.sent()).isGreaterThan(before.sent() + 10);
        assertThat(after.roundTrips()).isGreaterThan(before.roundTrips());
        assertThat(after.queuedNow()).isZero();
        assertThat(after.aborted()).isZero();
    }

    @Test
    void invalidLimitRejected() {
        assertThatThrownBy(() -> new CommandGuard(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
