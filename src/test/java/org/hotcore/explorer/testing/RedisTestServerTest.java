package org.hotcore.explorer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.hotcore.explorer.server.LocalRedisServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import redis.clients.jedis.Jedis;

/** Tests the shared server of {@link RedisTestServer}: one server per JVM, emptied before each test. */
@ExtendWith(RedisTestServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisTestServerTest {

    @Test
    @Order(1)
    void firstTestWritesKey() {
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.set("left-by-first-test", "1");

            assertThat(jedis.exists("left-by-first-test")).isTrue();
        }
    }

    @Test
    @Order(2)
    void secondTestStartsWithEmptyDatabase() {
        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(jedis.dbSize()).isZero();
        }
    }

    @Test
    @Order(3)
    void parameterResolvesSharedServer(LocalRedisServer server) {
        assertThat(server).isSameAs(RedisTestServer.server());
        assertThat(RedisTestServer.url()).isEqualTo(server.url());
    }
}
