package org.hotcore.explorer.core;

import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/**
 * Base of the storage tests: an empty database on the shared test server, a store on it with the default command
 * limit, and a separate raw connection for setting up data and asserting stored keys.
 */
@ExtendWith(RedisTestServer.class)
abstract class StoreTestBase {

    protected HotcoreStore store;
    protected Jedis redis;

    @BeforeEach
    void openStore() {
        store = TestStores.open(RedisTestServer.url());
        redis = RedisTestServer.jedis();
    }

    @AfterEach
    void closeStore() {
        redis.close();
        store.connection().close();
    }
}
