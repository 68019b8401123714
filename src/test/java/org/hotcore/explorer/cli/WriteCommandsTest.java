package org.hotcore.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.cli.TestTrees.attributes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/** The write commands on the shared test server, checked through raw keys and the storage core. */
@ExtendWith(RedisTestServer.class)
class WriteCommandsTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private HotcoreStore store;
    private Jedis jedis;
    private String url;

    @BeforeEach
    void open() {
        url = RedisTestServer.url();
        store = TestTrees.open(url);
        jedis = RedisTestServer.jedis();
    }

    @AfterEach
    void close() {
        jedis.close();
        store.connection().close();
    }

    @Test
    void createPrintsNewUuid() {
        CliRun run = CliRun.on(url, "create", "root", "name=Alice Smith", "type=user", "formula=a=b");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String id = run.out().strip();
        assertThat(id).matches(UUID_PATTERN);
        assertThat(jedis.hget("e:" + id, "name")).isEqualTo("Alice Smith");
        assertThat(jedis.hget("e:" + id, "formula")).isEqualTo("a=b");
        assertThat(jedis.get("p:" + id)).isEqualTo("root");
        assertThat(jedis.sismember("c:root", id)).isTrue();
        assertThat(jedis.sismember("i:name:Alice Smith", id)).isTrue();
    }

    @Test
    void createUnescapesBytes() {
        CliRun run = CliRun.on(url, "create", "root", "name=caf\\xe9", "path=C:\\\\dir");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        byte[] key = ("e:" + run.out().strip()).getBytes(StandardCharsets.UTF_8);
        assertThat(jedis.hget(key, "name".getBytes(StandardCharsets.UTF_8))).containsExactly('c', 'a', 'f', 0xe9);
        assertThat(jedis.hget(key, "path".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("C:\\dir".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void createJson() {
        JsonNode json = CliRun.on(url, "create", "root", "name=A", "--json").json();

        assertThat(json.get("id").asText()).matches(UUID_PATTERN);
        assertThat(json.get("parent").asText()).isEqualTo("root");
    }

    @Test
    void createUnderMissingParentIsRejected() {
        CliRun run = CliRun.on(url, "create", "no-such-parent", "name=A");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("'no-such-parent' not found");
        assertThat(jedis.dbSize()).isZero();
    }

    @Test
    void createRejectsMalformedArguments() {
        assertThat(CliRun.on(url, "create", "root", "name").exitCode()).isEqualTo(2);
        assertThat(CliRun.on(url, "create", "root", "=value").exitCode()).isEqualTo(2);
        assertThat(CliRun.on(url, "create", "root", "name=\\x4").exitCode()).isEqualTo(2);
        assertThat(CliRun.on(url, "create", "root").exitCode()).isEqualTo(2);
        assertThat(jedis.dbSize()).isZero();
    }

    @Test
    void setChangesValueAndIndex() {
        String id = store.create("root", attributes("name", "Old", "type", "user"));

        CliRun run = CliRun.on(url, "set", id, "name=New", "email=x@example.org");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(jedis.hget("e:" + id, "name")).isEqualTo("New");
        assertThat(jedis.hget("e:" + id, "email")).isEqualTo("x@example.org");
        assertThat(jedis.exists("i:name:Old")).isFalse();
        assertThat(jedis.sismember("i:name:New", id)).isTrue();
    }

    @Test
    void setOnMissingEntityIsRejected() {
        CliRun run = CliRun.on(url, "set", "no-such-uuid", "name=x");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no-such-uuid");
    }

    @Test
    void unsetRemovesAttributes() {
        String id = store.create("root", attributes("name", "A", "type", "user", "email", "a@example.org"));

        CliRun run = CliRun.on(url, "unset", id, "email", "type");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(jedis.hkeys("e:" + id)).containsExactly("name");
        assertThat(jedis.exists("i:email:a@example.org")).isFalse();
    }

    @Test
    void unsetOfEveryAttributeIsRejected() {
        String id = store.create("root", attributes("name", "A"));

        CliRun run = CliRun.on(url, "unset", id, "name");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(jedis.hget("e:" + id, "name")).isEqualTo("A");
    }

    @Test
    void unsetRejectsAssignment() {
        String id = store.create("root", attributes("name", "A", "type", "user"));

        CliRun run = CliRun.on(url, "unset", id, "type=user");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unset takes names only");
        assertThat(jedis.hget("e:" + id, "type")).isEqualTo("user");
    }

    @Test
    void moveReparents() {
        String a = store.create("root", attributes("name", "A"));
        String b = store.create("root", attributes("name", "B"));

        CliRun run = CliRun.on(url, "move", b, a);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(jedis.get("p:" + b)).isEqualTo(a);
        assertThat(jedis.sismember("c:" + a, b)).isTrue();
        assertThat(jedis.sismember("c:root", b)).isFalse();
    }

    @Test
    void moveToSameParentChangesNothing() {
        String a = store.create("root", attributes("name", "A"));

        CliRun run = CliRun.on(url, "move", a, "root");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("already is under root; nothing changed");
    }

    @Test
    void moveIntoOwnSubtreeIsRejected() {
        String a = store.create("root", attributes("name", "A"));
        String child = store.create(a, attributes("name", "Child"));

        CliRun run = CliRun.on(url, "move", a, child);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("hotcore-explorer: error: ").contains("cycle");
        assertThat(jedis.get("p:" + a)).isEqualTo("root");
    }

    @Test
    void deleteLiftingChildrenMovesThemUp() {
        String a = store.create("root", attributes("name", "A"));
        String child1 = store.create(a, attributes("name", "C1"));
        String child2 = store.create(a, attributes("name", "C2"));

        CliRun run = CliRun.on(url, "delete", a, "--lift-children", "--batch-size", "1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().strip()).isEqualTo("deleted " + a + "; lifted 2 children to root");
        assertThat(jedis.exists("e:" + a)).isFalse();
        assertThat(jedis.smembers("c:root")).containsExactlyInAnyOrder(child1, child2);
        assertThat(jedis.get("p:" + child1)).isEqualTo("root");
    }

    @Test
    void deleteLiftingJson() {
        String a = store.create("root", attributes("name", "A"));
        store.create(a, attributes("name", "C1"));

        JsonNode json = CliRun.on(url, "delete", a, "--lift-children", "--json").json();

        assertThat(json.get("id").asText()).isEqualTo(a);
        assertThat(json.get("parent").asText()).isEqualTo("root");
        assertThat(json.get("liftedChildren").asLong()).isEqualTo(1);
    }

    @Test
    void deleteCascadeRemovesSubtree() {
        String a = store.create("root", attributes("name", "A", "type", "x"));
        String b = store.create(a, attributes("name", "B"));
        store.create(b, attributes("name", "C"));
        String keep = store.create("root", attributes("name", "Keep"));

        CliRun run = CliRun.on(url, "delete", a, "--cascade", "--batch-size", "1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().strip()).isEqualTo("deleted 3 entities in 3 batches");
        assertThat(jedis.smembers("c:root")).containsExactly(keep);
        assertThat(jedis.keys("e:*")).containsExactly("e:" + keep);
        assertThat(jedis.exists("i:name:A", "i:name:B", "i:name:C", "i:type:x")).isZero();
    }

    @Test
    void deleteCascadeJson() {
        String a = store.create("root", attributes("name", "A"));
        store.create(a, attributes("name", "B"));

        JsonNode json = CliRun.on(url, "delete", a, "--cascade", "--json").json();

        assertThat(json.get("deleted").asLong()).isEqualTo(2);
        assertThat(json.get("total").asLong()).isEqualTo(2);
        assertThat(json.get("batches").asInt()).isEqualTo(1);
        assertThat(json.get("cancelled").asBoolean()).isFalse();
    }

    @Test
    void deleteCascadeOfTopLevelIdEmptiesIt() {
        store.create("root", attributes("name", "A"));
        store.create("root", attributes("name", "B"));

        CliRun run = CliRun.on(url, "delete", "root", "--cascade");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().strip()).isEqualTo("deleted 2 entities in 1 batch");
        assertThat(jedis.dbSize()).isZero();
    }

    @Test
    void deleteNeedsExactlyOneMode() {
        String a = store.create("root", attributes("name", "A"));

        CliRun neither = CliRun.on(url, "delete", a);
        CliRun both = CliRun.on(url, "delete", a, "--cascade", "--lift-children");

        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("--lift-children | --cascade");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(jedis.exists("e:" + a)).isTrue();
    }

    @Test
    void deleteRejectsZeroBatchSize() {
        String a = store.create("root", attributes("name", "A"));

        CliRun run = CliRun.on(url, "delete", a, "--cascade", "--batch-size", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("invalid --batch-size 0");
        assertThat(jedis.exists("e:" + a)).isTrue();
    }

    @Test
    void deleteOfMissingEntityIsRejected() {
        CliRun lift = CliRun.on(url, "delete", "no-such-uuid", "--lift-children");
        CliRun cascade = CliRun.on(url, "delete", "no-such-uuid", "--cascade");

        assertThat(lift.exitCode()).as(lift.toString()).isEqualTo(1);
        assertThat(cascade.exitCode()).as(cascade.toString()).isEqualTo(1);
        assertThat(cascade.err()).contains("no-such-uuid");
    }
}
