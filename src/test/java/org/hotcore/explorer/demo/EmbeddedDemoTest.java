package org.hotcore.explorer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hotcore.explorer.core.CommandGuard;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.RedisConnection;
import org.hotcore.explorer.core.RedisSettings;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class EmbeddedDemoTest {

    @Test
    void startServesEmptyCloseDeletesFolder() throws Exception {
        EmbeddedDemo demo = EmbeddedDemo.start();
        Path folder = demo.server().dataDirectory();
        try {
            assertThat(demo.url()).startsWith("redis://127.0.0.1:").isEqualTo(demo.server().url());
            assertThat(folder).isDirectory();
            try (Jedis jedis = new Jedis(demo.server().host(), demo.server().port())) {
                assertThat(jedis.ping()).isEqualTo("PONG");
                assertThat(jedis.dbSize()).isZero();
                assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", "0");
            }
        } finally {
            demo.close();
        }
        assertThat(Files.exists(folder)).isFalse();
        demo.close();
        assertThat(Files.exists(folder)).isFalse();
    }

    @Test
    void fillWritesIntoEmbeddedServer() throws Exception {
        try (EmbeddedDemo demo = EmbeddedDemo.start();
             RedisConnection connection = new RedisConnection(RedisSettings.parse(demo.url()).build(),
                     new CommandGuard(CommandGuard.DEFAULT_LIMIT))) {
            HotcoreStore store = new HotcoreStore(connection);
            // Cancelled after the first pipelines, enough to see the organisation without waiting for the events.
            int[] checks = {0};
            DemoDatabase.Stats stats = DemoDatabase.fill(store, (done, total) -> { }, () -> ++checks[0] > 2);
            assertThat(stats.entities()).isPositive();
            assertThat(store.isTopLevel(HotcoreStore.ROOT)).isTrue();
        }
    }
}
