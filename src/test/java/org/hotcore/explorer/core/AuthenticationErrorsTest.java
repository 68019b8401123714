package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.hotcore.explorer.server.LocalRedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Login failures and a database number the server lacks give messages that say what to change. */
class AuthenticationErrorsTest {

    private static LocalRedisServer server;

    @BeforeAll
    static void startServerWithPassword() throws IOException {
        server = LocalRedisServer.builder().start();
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            jedis.configSet("requirepass", "s3cret-pw");
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static HotcoreException failureOf(String url) {
        RedisSettings settings = RedisSettings.parse(url).build();
        try (RedisConnection connection = new RedisConnection(settings, new CommandGuard(100))) {
            HotcoreStore store = new HotcoreStore(connection);
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> store.topLevelIds(Progress.NONE,
                    Cancellation.NEVER));
            assertThat(thrown).isInstanceOf(RedisUnavailableException.class);
            return (HotcoreException) thrown;
        }
    }

    @Test
    void missingPasswordSaysHowToGiveOne() {
        HotcoreException error = failureOf("redis://127.0.0.1:" + server.port() + "/0");

        assertThat(error.getMessage())
                .contains("requires a password")
                .contains("REDISCLI_AUTH")
                .contains("--ask-password")
                .doesNotContain(".;");
    }

    @Test
    void wrongPasswordShowsStarsNotPassword() {
        HotcoreException error = failureOf("redis://:wrong-pw@127.0.0.1:" + server.port() + "/0");

        assertThat(error.getMessage())
                .contains("authentication to redis://:***@127.0.0.1:" + server.port() + "/0 failed")
                .doesNotContain("wrong-pw");
    }

    @Test
    void databaseOutOfRangeSaysWhatToChange() {
        RedisSettings settings = RedisSettings.parse("redis://:s3cret-pw@127.0.0.1:" + server.port() + "/99").build();
        try (RedisConnection connection = new RedisConnection(settings, new CommandGuard(100))) {
            assertThatThrownBy(connection::ping)
                    .isInstanceOf(RedisUnavailableException.class)
                    .hasMessageContaining("cannot select database 99")
                    .hasMessageNotContaining("s3cret-pw");
        }
    }
}
