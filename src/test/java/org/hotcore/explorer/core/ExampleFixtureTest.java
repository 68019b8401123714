package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotcore.explorer.server.LocalRedisServer;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Reads example.rdb, the database of hotcore's example application written by the Python library. The tests only
 * read, so they share one server.
 */
class ExampleFixtureTest {

    private static LocalRedisServer server;
    private static HotcoreStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = RedisTestServer.startWithFixture("example.rdb");
        store = TestStores.open(server.url());
    }

    @AfterAll
    static void stopServer() {
        if (store != null) {
            store.connection().close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Map<String, String> containersByName() {
        Map<String, String> containers = new HashMap<>();
        ChildCursor cursor = store.children(HotcoreStore.ROOT);
        while (!cursor.complete()) {
            for (ChildSummary child : cursor.next(100).children()) {
                containers.put(child.name(), child.id());
            }
        }
        return containers;
    }

    @Test
    void fixtureHasDocumentedShape() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            assertThat(jedis.dbSize()).isEqualTo(136);
        }
        IntegrityCheck.Report report = IntegrityCheck.run(store, Progress.NONE, Cancellation.NEVER);

        assertThat(report.entities()).isEqualTo(27);
        assertThat(report.childrenSets()).isEqualTo(4);
        assertThat(report.indexSets()).isEqualTo(76);
        assertThat(report.topLevelIds()).containsExactly(HotcoreStore.ROOT);
    }

    @Test
    void rootHasThreeContainers() {
        assertThat(store.childCount(HotcoreStore.ROOT)).isEqualTo(3);
        assertThat(containersByName()).containsOnlyKeys("Users", "Projects", "Locations");
    }

    @Test
    void containerChildCounts() {
        Map<String, String> containers = containersByName();

        assertThat(store.childCount(containers.get("Projects"))).isEqualTo(12);
        assertThat(store.childCount(containers.get("Locations"))).isEqualTo(5);
        assertThat(store.childCount(containers.get("Users"))).isEqualTo(7);
        assertThat(store.countSubtree(HotcoreStore.ROOT, Progress.NONE, Cancellation.NEVER)).isEqualTo(27);
    }

    @Test
    void locationsAreInGeoSet() {
        String locations = containersByName().get("Locations");
        List<ChildSummary> offices = new ArrayList<>(store.children(locations).next(10).children());

        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            for (ChildSummary office : offices) {
                assertThat(office.type()).isEqualTo("office");
                assertThat(jedis.zscore("geo:office", office.id())).as(office.name()).isNotNull();
            }
        }
    }

    @Test
    void integrityCheckPasses() {
        IntegrityCheck.Report report = TestStores.assertValid(store);

        assertThat(report.keysScanned()).isEqualTo(136);
    }

    /**
     * Reproduces the Python library's delete of a container, which points the children at the grandparent but
     * never adds them to its children set, then repairs each child with a move to the parent it already has.
     */
    @Test
    void pythonDeleteDamageFoundAndRepairedByMove() throws Exception {
        try (LocalRedisServer own = RedisTestServer.startWithFixture("example.rdb");
             Jedis jedis = new Jedis(own.host(), own.port())) {
            HotcoreStore writable = TestStores.open(own.url());
            try {
                String users = containersByName().get("Users");
                Set<String> members = jedis.smembers("c:" + users);
                for (String user : members) {
                    jedis.set("p:" + user, HotcoreStore.ROOT);
                }
                jedis.srem("c:root", users);
                jedis.del("e:" + users, "p:" + users, "c:" + users, "i:name:Users",
                        "i:description:Root container for all users");
                jedis.srem("i:type:container", users);

                IntegrityCheck.Report damaged = IntegrityCheck.run(writable, Progress.NONE, Cancellation.NEVER);
                assertThat(damaged.violationsByRule()).containsOnlyKeys(1);
                assertThat(damaged.violations()).extracting(IntegrityCheck.Violation::key)
                        .containsExactlyInAnyOrderElementsOf(members);

                for (String user : members) {
                    assertThat(writable.move(user, HotcoreStore.ROOT)).isTrue();
                }

                TestStores.assertValid(writable);
                assertThat(writable.childCount(HotcoreStore.ROOT)).isEqualTo(2 + members.size());
            } finally {
                writable.connection().close();
            }
        }
    }

    @Test
    void findValueWithSpace() {
        FindCursor cursor = store.find(FindQuery.parseLine("name=Project 9"));

        List<String> found = cursor.next(10);

        assertThat(found).hasSize(1);
        assertThat(store.get(found.getFirst()).name()).isEqualTo("Project 9");
        assertThat(cursor.complete()).isTrue();
    }

    @Test
    void findGlobOverProjects() {
        FindCursor cursor = store.find(FindQuery.parseLine("name=Project 1* type=project"));
        List<String> names = new ArrayList<>();

        while (!cursor.complete()) {
            for (String id : cursor.next(2)) {
                names.add(store.get(id).name());
            }
        }

        assertThat(names).containsExactlyInAnyOrder("Project 1", "Project 10", "Project 11");
    }

    @Test
    void pathOfProjectStartsAtRoot() {
        String projects = containersByName().get("Projects");
        String project = store.children(projects).next(1).children().getFirst().id();

        assertThat(store.pathTo(project)).containsExactly(HotcoreStore.ROOT, projects, project);
    }
}
