package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotcore.explorer.core.TestStores.attributes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

/**
 * Tests the optimistic transactions: conflicts are retried and counted, and a connection goes back to the pool with
 * no MULTI and no WATCH left, also after an operation was rejected between WATCH and EXEC.
 */
class TransactionsTest extends StoreTestBase {

    private static final int POOL_SIZE = 3;

    private HotcoreStore pooled;

    @BeforeEach
    void openSmallPool() {
        pooled = TestStores.open(RedisTestServer.url(), CommandGuard.DEFAULT_LIMIT, POOL_SIZE, 3);
    }

    @AfterEach
    void closeSmallPool() {
        pooled.connection().close();
    }

    /** Parses the {@code name=value} fields of one CLIENT INFO or CLIENT LIST line. */
    private static Map<String, String> clientFields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String part : line.strip().split(" ")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                fields.put(part.substring(0, equals), part.substring(equals + 1));
            }
        }
        return fields;
    }

    /**
     * Asserts that no connection of the store's pool is inside MULTI or WATCHes a key. Redis 7.4 and later show
     * {@code watch=<count>} in CLIENT LIST. Older servers only flag {@code d} once a WATCHed key was modified, so
     * callers first modify the keys the failed operation WATCHed. Each connection then must also commit a
     * MULTI/EXEC.
     */
    private void assertPoolClean(HotcoreStore target) {
        for (String line : redis.clientList().split("\n")) {
            Map<String, String> fields = clientFields(line);
            if (!"hotcore-explorer".equals(fields.get("name"))) {
                continue;
            }
            assertThat(fields.get("multi")).as("multi of %s", line).isEqualTo("-1");
            assertThat(fields.get("flags")).as("flags of %s", line).doesNotContain("x").doesNotContain("d");
            if (fields.containsKey("watch")) {
                assertThat(fields.get("watch")).as("watch of %s", line).isEqualTo("0");
            }
        }
        List<Jedis> borrowed = new ArrayList<>();
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                borrowed.add(target.connection().borrow());
            }
            for (Jedis jedis : borrowed) {
                Map<String, String> fields = clientFields(jedis.clientInfo());
                assertThat(fields.get("multi")).isEqualTo("-1");
                assertThat(fields.get("flags")).doesNotContain("x").doesNotContain("d");
                Transaction transaction = jedis.multi();
                transaction.exists("probe");
                assertThat(transaction.exec()).as("EXEC aborted by a leftover WATCH").isNotNull();
            }
        } finally {
            borrowed.forEach(Jedis::close);
        }
    }

    /** Writes each string key again with its own value, which marks any WATCH on it as dirty. */
    private void touch(String... keys) {
        for (String key : keys) {
            String value = redis.get(key);
            if (value != null) {
                redis.set(key, value);
            }
        }
    }

    @Test
    void rejectedMoveLeavesPoolClean() {
        String parent = pooled.create(HotcoreStore.ROOT, attributes("name", "parent"));
        String child = pooled.create(parent, attributes("name", "child"));
        String grandchild = pooled.create(child, attributes("name", "grandchild"));

        for (int i = 0; i < POOL_SIZE + 1; i++) {
            assertThatThrownBy(() -> pooled.move(parent, grandchild)).isInstanceOf(CycleException.class);
        }
        touch("p:" + parent, "p:" + child, "p:" + grandchild);

        assertPoolClean(pooled);
    }

    @Test
    void rejectedApplyLeavesPoolClean() {
        String id = pooled.create(HotcoreStore.ROOT, attributes("name", "only"));

        for (int i = 0; i < POOL_SIZE + 1; i++) {
            assertThatThrownBy(() -> pooled.apply(id, attributes("name", null))).isInstanceOf(RejectedException.class);
        }
        touch("p:" + id);
        redis.hset("e:" + id, "name", "only");

        assertPoolClean(pooled);
    }

    @Test
    void missingParentLeavesPoolClean() {
        String id = pooled.create(HotcoreStore.ROOT, attributes("name", "item"));

        assertThatThrownBy(() -> pooled.move(id, "missing")).isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> pooled.create("missing", attributes("name", "x")))
                .isInstanceOf(EntityNotFoundException.class);
        touch("p:" + id);

        assertPoolClean(pooled);
    }

    @Test
    void commandLimitInsideTransactionLeavesPoolClean() {
        HotcoreStore limited = TestStores.open(RedisTestServer.url(), 20, POOL_SIZE, 3);
        try {
            String[] pairs = new String[60];
            for (int i = 0; i < 30; i++) {
                pairs[2 * i] = "field" + i;
                pairs[2 * i + 1] = "value";
            }

            assertThatThrownBy(() -> limited.create(HotcoreStore.ROOT, attributes(pairs)))
                    .isInstanceOf(CommandLimitExceededException.class);

            assertThat(redis.dbSize()).isZero();
            assertPoolClean(limited);
        } finally {
            limited.connection().close();
        }
    }

    @Test
    void conflictRetriedAndCounted() {
        redis.set("watched", "0");
        AtomicInteger attempts = new AtomicInteger();

        String result = pooled.transactions().run("test write", (jedis, multi) -> {
            jedis.watch("watched");
            if (attempts.incrementAndGet() == 1) {
                redis.set("watched", "changed by another client");
            }
            multi.begin().queue(p -> p.set("written", "yes"));
            return "committed";
        });

        assertThat(result).isEqualTo("committed");
        assertThat(attempts).hasValue(2);
        assertThat(redis.get("written")).isEqualTo("yes");
        CommandGuard.Snapshot counters = pooled.guard().snapshot();
        assertThat(counters.aborted()).isEqualTo(1);
        assertThat(counters.retried()).isEqualTo(1);
        assertThat(counters.committed()).isEqualTo(1);
        assertPoolClean(pooled);
    }

    @Test
    void conflictOnEveryAttemptThrowsConflictException() {
        redis.set("watched", "0");
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> pooled.transactions().run("test write", (jedis, multi) -> {
            jedis.watch("watched");
            redis.set("watched", String.valueOf(attempts.incrementAndGet()));
            multi.begin().queue(p -> p.set("written", "yes"));
            return null;
        }))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("test write")
                .hasMessageContaining("4 times");

        assertThat(attempts).hasValue(4);
        assertThat(redis.exists("written")).isFalse();
        CommandGuard.Snapshot counters = pooled.guard().snapshot();
        assertThat(counters.aborted()).isEqualTo(4);
        assertThat(counters.retried()).isEqualTo(3);
        assertThat(counters.committed()).isZero();
        assertPoolClean(pooled);
    }

    @Test
    void rejectionOnChangedReadsRetried() {
        redis.set("watched", "0");
        AtomicInteger attempts = new AtomicInteger();

        String result = pooled.transactions().run("check then write", (jedis, multi) -> {
            jedis.watch("watched");
            if (attempts.incrementAndGet() == 1) {
                redis.set("watched", "changed between two reads");
                throw new CorruptDataException("decided on two reads of different states");
            }
            multi.begin().queue(p -> p.set("written", "yes"));
            return "committed";
        });

        assertThat(result).isEqualTo("committed");
        assertThat(attempts).hasValue(2);
        assertThat(pooled.guard().snapshot().retried()).isEqualTo(1);
        assertThat(redis.get("written")).isEqualTo("yes");
        assertPoolClean(pooled);
    }

    @Test
    void rejectionOnUnchangedReadsPassedOn() {
        redis.set("watched", "0");
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> pooled.transactions().run("check then write", (jedis, multi) -> {
            jedis.watch("watched");
            attempts.incrementAndGet();
            throw new CycleException("rejected on a consistent state");
        }))
                .isInstanceOf(CycleException.class)
                .hasMessage("rejected on a consistent state");

        assertThat(attempts).hasValue(1);
        assertThat(pooled.guard().snapshot().retried()).isZero();
        assertPoolClean(pooled);
    }

    @Test
    void applyRetriedAfterInterference() {
        String id = pooled.create(HotcoreStore.ROOT, attributes("name", "Ada", "role", "user"));
        AtomicInteger attempts = new AtomicInteger();

        pooled.transactions().run("apply with interference", (jedis, multi) -> {
            Writes.Plan plan = Writes.planApply(jedis, pooled.guard(), id, attributes("role", "admin"));
            if (attempts.incrementAndGet() == 1) {
                redis.hset("e:" + id, "role", "viewer");
                redis.srem("i:role:user", id);
                redis.sadd("i:role:viewer", id);
            }
            plan.queue(multi.begin());
            return null;
        });

        assertThat(attempts).hasValue(2);
        assertThat(redis.hget("e:" + id, "role")).isEqualTo("admin");
        assertThat(Arrays.asList(redis.exists("i:role:user"), redis.exists("i:role:viewer"))).containsOnly(false);
        TestStores.assertValid(pooled);
    }
}
