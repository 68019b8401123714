package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotcore.explorer.core.TestStores.attributes;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotcore.explorer.server.LocalRedisServer;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** A server out of memory, and writers that keep conflicting past the retry limit. */
class FaultsTest extends StoreTestBase {

    @Test
    void fullServerRejectsWrites() throws Exception {
        try (LocalRedisServer server = LocalRedisServer.builder().maxMemoryBytes(8L * 1024 * 1024)
                .argument("--maxmemory-policy", "noeviction").start();
             Jedis raw = new Jedis(server.host(), server.port())) {
            HotcoreStore full = TestStores.open(server.url());
            try {
                String a = full.create(HotcoreStore.ROOT, attributes("name", "a", "type", "office"));
                String b = full.create(a, attributes("name", "b", "lat", "1", "long", "2"));
                String filler = "x".repeat(64 * 1024);
                boolean refused = false;
                for (int i = 0; i < 10_000 && !refused; i++) {
                    try {
                        raw.set("filler:" + i, filler);
                    } catch (JedisDataException e) {
                        assertThat(e.getMessage()).startsWith("OOM");
                        refused = true;
                    }
                }
                assertThat(refused).as("the server reached maxmemory").isTrue();
                // Freed client buffers can take the server just below the limit again; keep it well above.
                raw.configSet("maxmemory", "1mb");
                Map<String, String> before = TestStores.dump(raw);

                assertThatThrownBy(() -> full.create(a, attributes("name", "c")))
                        .isInstanceOf(RejectedException.class).hasMessageContaining("out of memory")
                        .hasMessageContaining("maxmemory").hasMessageContaining("nothing of it was written");
                assertThatThrownBy(() -> full.apply(b, attributes("name", "renamed", "extra", "1")))
                        .isInstanceOf(RejectedException.class).hasMessageContaining("out of memory");
                assertThatThrownBy(() -> full.move(b, HotcoreStore.ROOT))
                        .isInstanceOf(RejectedException.class).hasMessageContaining("out of memory");

                assertThat(TestStores.dump(raw)).isEqualTo(before);
                assertThat(full.get(b).attributes()).containsEntry(Bytes.utf8("name"), Bytes.utf8("b"));
                assertThatThrownBy(() -> full.deleteCascade(a, CascadeDelete.Options.DEFAULT, Progress.NONE,
                        Cancellation.NEVER)).isInstanceOf(RejectedException.class).hasMessageContaining("out of memory");
                assertThat(TestStores.dump(raw)).isEqualTo(before);

                // With room again, the same writes work.
                raw.configSet("maxmemory", "0");
                full.move(b, HotcoreStore.ROOT);
                full.deleteCascade(a, CascadeDelete.Options.DEFAULT, Progress.NONE, Cancellation.NEVER);
                assertThat(raw.exists("e:" + a)).isFalse();
                TestStores.assertValid(full);
            } finally {
                full.connection().close();
            }
        }
    }

    @Test
    void conflictsPastRetryLimit() {
        HotcoreStore impatient = TestStores.open(RedisTestServer.url(), CommandGuard.DEFAULT_LIMIT, 4, 2);
        String id = store.create(HotcoreStore.ROOT, attributes("name", "contended"));
        AtomicInteger attempts = new AtomicInteger();
        try (Jedis other = RedisTestServer.jedis()) {
            assertThatThrownBy(() -> impatient.transactions().run("rename " + id, (jedis, multi) -> {
                attempts.incrementAndGet();
                jedis.watch(Keys.lock(id), Keys.entity(id));
                // Another writer commits between this attempt's WATCH and its EXEC, every time.
                other.set("w:" + id, "");
                multi.begin().queue(p -> p.hset(Keys.entity(id), TestStores.utf8("name"), TestStores.utf8("mine")));
                return null;
            })).isInstanceOf(ConflictException.class)
                    .hasMessageStartingWith("concurrent change, try again")
                    .hasMessageContaining("rename " + id).hasMessageContaining("3 times")
                    .hasMessageContaining("nothing was written").hasMessageContaining("--retries");
        } finally {
            impatient.connection().close();
        }
        assertThat(attempts).hasValue(3);
        assertThat(store.get(id).attributes()).containsEntry(Bytes.utf8("name"), Bytes.utf8("contended"));
        assertThat(impatient.guard().snapshot().aborted()).isEqualTo(3);
    }
}
