package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hotcore.explorer.server.LocalRedisServer;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Works on speedtest.rdb: 99 parents under the top-level id parent1, which is not an entity, with 49 children each.
 * Each test gets a fresh server because some of them write.
 */
class SpeedtestFixtureTest {

    private LocalRedisServer server;
    private HotcoreStore store;
    private Jedis redis;

    @BeforeEach
    void startServer() throws Exception {
        server = RedisTestServer.startWithFixture("speedtest.rdb");
        store = TestStores.open(server.url());
        redis = new Jedis(server.host(), server.port());
    }

    @AfterEach
    void stopServer() {
        redis.close();
        store.connection().close();
        server.close();
    }

    private List<String> parents() {
        List<String> parents = new ArrayList<>();
        ChildCursor cursor = store.children("parent1");
        while (!cursor.complete()) {
            cursor.next(50).children().forEach(child -> parents.add(child.id()));
        }
        return parents;
    }

    @Test
    void topLevelIdIsParent1() {
        assertThat(store.topLevelIds(Progress.NONE, Cancellation.NEVER)).containsExactly("parent1");
        assertThat(redis.exists("e:parent1")).isFalse();
        assertThat(redis.exists("c:root")).isFalse();
    }

    @Test
    void subtreeOfParent1Counts4950() {
        assertThat(store.countSubtree("parent1", Progress.NONE, Cancellation.NEVER)).isEqualTo(4_950);
        assertThat(parents()).hasSize(99);
    }

    @Test
    void integrityCheckPasses() {
        IntegrityCheck.Report report = TestStores.assertValid(store);

        assertThat(report.entities()).isEqualTo(4_950);
        assertThat(report.keysScanned()).isGreaterThanOrEqualTo(17_400);
        assertThat(report.topLevelIds()).containsExactly("parent1");
    }

    @Test
    void cascadeOfOneParentRemovesExactlyItsKeys() {
        String parent = parents().getFirst();
        List<String> victims = new ArrayList<>();
        victims.add(parent);
        victims.addAll(redis.smembers("c:" + parent));
        assertThat(victims).hasSize(50);
        TreeSet<String> keysBefore = TestStores.keys(redis);
        Set<String> expectedGone = new HashSet<>();
        for (String id : victims) {
            for (String prefix : List.of("e:", "p:", "c:", "w:")) {
                if (keysBefore.contains(prefix + id)) {
                    expectedGone.add(prefix + id);
                }
            }
        }
        for (String key : keysBefore) {
            if (key.startsWith("i:") && victims.containsAll(redis.smembers(key))) {
                expectedGone.add(key);
            }
        }

        CascadeDelete.Result result = store.deleteCascade(parent, new CascadeDelete.Options(20, 100), Progress.NONE,
                Cancellation.NEVER);

        assertThat(result.deleted()).isEqualTo(50);
        TreeSet<String> keysAfter = TestStores.keys(redis);
        Set<String> gone = new TreeSet<>(keysBefore);
        gone.removeAll(keysAfter);
        assertThat(gone).isEqualTo(expectedGone);
        assertThat(keysAfter).isSubsetOf(keysBefore);
        assertThat(redis.dbSize()).isEqualTo(keysBefore.size() - expectedGone.size());
        for (String key : keysAfter) {
            if (key.startsWith("i:")) {
                assertThat(redis.smembers(key)).as(key).doesNotContainAnyElementsOf(victims);
            }
        }
        assertThat(redis.scard("c:parent1")).isEqualTo(98);
        TestStores.assertValid(store);
    }

    @Test
    void moveBetweenParentsVisibleFromBothSides() {
        List<String> parents = parents();
        String from = parents.get(0);
        String to = parents.get(1);
        String child = redis.srandmember("c:" + from);

        store.move(child, to);

        assertThat(redis.sismember("c:" + from, child)).isFalse();
        assertThat(redis.scard("c:" + from)).isEqualTo(48);
        assertThat(redis.sismember("c:" + to, child)).isTrue();
        assertThat(redis.scard("c:" + to)).isEqualTo(50);
        assertThat(store.parentOf(child)).isEqualTo(to);
        assertThat(store.pathTo(child)).containsExactly("parent1", to, child);
        TestStores.assertValid(store);
    }
}
