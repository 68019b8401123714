package org.hotcore.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.cli.TestTrees.attributes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hotcore.explorer.core.Bytes;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/** The read commands against a small tree on the shared test server. */
@ExtendWith(RedisTestServer.class)
class ReadCommandsTest {

    private HotcoreStore store;
    private String url;
    private String users;
    private String alice;
    private String projects;
    private String apollo;

    @BeforeEach
    void createTree() {
        url = RedisTestServer.url();
        store = TestTrees.open(url);
        users = store.create("root", attributes("name", "Users", "type", "container"));
        alice = store.create(users, attributes("name", "Alice", "type", "user", "email", "alice@example.org"));
        store.create(users, attributes("name", "Bob", "type", "user"));
        store.create(users, attributes("name", "Carol", "type", "user"));
        projects = store.create("root", attributes("name", "Projects", "type", "container"));
        apollo = store.create(projects, attributes("name", "Apollo", "type", "project"));
        store.create(apollo, attributes("name", "Task 1", "type", "task"));
        try (Jedis jedis = RedisTestServer.jedis()) {
            // A second top-level id, as real data uses, with one entity below it.
            jedis.set("p:widget-1", "parent1");
            jedis.hset("e:widget-1", "name", "Widget");
            jedis.sadd("c:parent1", "widget-1");
        }
    }

    @AfterEach
    void closeStore() {
        store.connection().close();
    }

    @Test
    void rootsListsRootFirst() {
        CliRun run = CliRun.on(url, "roots");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines()).containsExactly("root", "parent1");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void rootsJsonIsArray() {
        JsonNode json = CliRun.on(url, "roots", "--json").json();

        assertThat(json.isArray()).isTrue();
        assertThat(json).extracting(JsonNode::asText).containsExactly("root", "parent1");
    }

    @Test
    void treeOfRootShowsTwoLevels() {
        CliRun run = CliRun.on(url, "tree", "root");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.lines();
        assertThat(lines.getFirst()).isEqualTo("root (top-level id, 2 children)");
        assertThat(lines).contains("  Users [container] " + users + " (3 children)",
                "    Alice [user] " + alice,
                "  Projects [container] " + projects + " (1 child)",
                "    Apollo [project] " + apollo + " (1 child)");
        // Task 1 is three levels down, below the default depth of 2.
        assertThat(run.out()).doesNotContain("Task 1");
        assertThat(lines).hasSize(1 + 2 + 3 + 1);
    }

    @Test
    void treeWithoutIdWalksEveryTopLevelId() {
        CliRun run = CliRun.on(url, "tree", "--depth", "3");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("      Task 1 [task] ");
        assertThat(run.lines()).contains("parent1 (top-level id, 1 child)", "  Widget widget-1");
    }

    @Test
    void treeBoundsChildrenPerNode() {
        CliRun run = CliRun.on(url, "tree", users, "--max-children-per-node", "2");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines()).hasSize(1 + 2 + 1);
        assertThat(run.lines().getLast()).isEqualTo("  … 1 more");
    }

    @Test
    void treeDepthZeroShowsOnlyTheNode() {
        CliRun run = CliRun.on(url, "tree", users, "--depth", "0");

        assertThat(run.lines()).containsExactly("Users [container] " + users + " (3 children)");
    }

    @Test
    void treeJsonIsNested() {
        CliRun run = CliRun.on(url, "tree", "root", "--json", "--max-children-per-node", "1");
        JsonNode json = run.json();

        assertThat(json.get("id").asText()).isEqualTo("root");
        assertThat(json.get("topLevel").asBoolean()).isTrue();
        assertThat(json.get("childCount").asLong()).isEqualTo(2);
        assertThat(json.get("children")).hasSize(1);
        assertThat(json.get("more").asLong()).isEqualTo(1);
        JsonNode container = json.get("children").get(0);
        assertThat(container.get("type").asText()).isEqualTo("container");
        assertThat(container.get("children")).hasSize(1);
        assertThat(container.get("children").get(0).has("children")).isFalse();
    }

    @Test
    void treeJsonOfDeepChain() throws Exception {
        String parent = "deep-top";
        try (Jedis jedis = RedisTestServer.jedis()) {
            for (int level = 1; level <= 800; level++) {
                String id = "deep-" + level;
                jedis.hset("e:" + id, "name", "level " + level);
                jedis.set("p:" + id, parent);
                jedis.sadd("c:" + parent, id);
                parent = id;
            }
        }

        CliRun run = CliRun.on(url, "tree", "deep-top", "--json", "--depth", "1000");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
                .build();
        JsonNode json = new ObjectMapper(factory).readTree(run.out());
        int depth = 0;
        for (JsonNode node = json; node.has("children"); node = node.get("children").get(0)) {
            depth++;
        }
        assertThat(depth).isEqualTo(800);
    }

    @Test
    void treeWithoutIdJsonIsArray() {
        JsonNode json = CliRun.on(url, "tree", "--json").json();

        assertThat(json).extracting(node -> node.get("id").asText()).containsExactly("root", "parent1");
    }

    @Test
    void treeMarksCycleAndStops() {
        try (Jedis jedis = RedisTestServer.jedis()) {
            // Damaged data: Task 1's children set names Projects, an ancestor.
            String task = store.children(apollo).next(10).children().getFirst().id();
            jedis.sadd("c:" + task, projects);
        }

        CliRun run = CliRun.on(url, "tree", "root", "--depth", "10");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("(cycle: this id is its own ancestor, not expanded again)");
        // root, Users and its 3 users, Projects, Apollo, Task 1, and Projects again with the cycle mark.
        assertThat(run.lines()).hasSize(9);
    }

    @Test
    void treeOfUnknownIdIsRejected() {
        CliRun run = CliRun.on(url, "tree", "no-such-id");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("hotcore-explorer: error: entity 'no-such-id' not found");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void countIncludesTheEntity() {
        assertThat(CliRun.on(url, "count", "root").lines()).containsExactly("7");
        assertThat(CliRun.on(url, "count", users).lines()).containsExactly("4");
        assertThat(CliRun.on(url, "count", alice).lines()).containsExactly("1");
    }

    @Test
    void countJson() {
        JsonNode json = CliRun.on(url, "count", projects, "--json").json();

        assertThat(json.get("id").asText()).isEqualTo(projects);
        assertThat(json.get("count").asLong()).isEqualTo(3);
    }

    @Test
    void countOfUnknownIdIsRejected() {
        CliRun run = CliRun.on(url, "count", "no-such-id");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("'no-such-id' not found");
    }

    @Test
    void getPrintsSortedAttributes() {
        CliRun run = CliRun.on(url, "get", alice);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines()).containsExactly("# parent " + users, "email=alice@example.org", "name=Alice",
                "type=user");
    }

    @Test
    void getEscapesBytesThatAreNotText() {
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.hset("e:" + alice, "photo", "\\");
            jedis.hset(("e:" + alice).getBytes(StandardCharsets.UTF_8), "bio".getBytes(StandardCharsets.UTF_8),
                    new byte[] {'c', 'a', 'f', (byte) 0xe9, '\n', 'x'});
            jedis.hset("e:" + alice, "a=b", "1");
            jedis.hset("e:" + alice, "note", "größer");
        }

        CliRun run = CliRun.on(url, "get", alice);

        assertThat(run.lines()).contains("bio=caf\\xe9\\x0ax", "photo=\\\\", "a\\x3db=1", "note=größer");
    }

    @Test
    void getJsonUsesEscapedForm() {
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.hset(("e:" + alice).getBytes(StandardCharsets.UTF_8), "bio".getBytes(StandardCharsets.UTF_8),
                    new byte[] {'c', 'a', 'f', (byte) 0xe9});
        }

        JsonNode json = CliRun.on(url, "get", alice, "--json").json();

        assertThat(json.get("id").asText()).isEqualTo(alice);
        assertThat(json.get("parent").asText()).isEqualTo(users);
        assertThat(json.get("attributes").get("name").asText()).isEqualTo("Alice");
        assertThat(json.get("attributes").get("bio").asText()).isEqualTo("caf\\xe9");
        assertThat(Bytes.unescape(json.get("attributes").get("bio").asText()).toByteArray())
                .containsExactly('c', 'a', 'f', (byte) 0xe9);
    }

    @Test
    void getOfUnknownUuidIsRejected() {
        CliRun run = CliRun.on(url, "get", "00000000-0000-0000-0000-000000000000");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("'00000000-0000-0000-0000-000000000000' not found");
    }

    @Test
    void childrenStreamsEveryPage() {
        CliRun run = CliRun.on(url, "children", users, "--page-size", "1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines()).hasSize(3);
        assertThat(run.lines()).contains(alice + "\tAlice\tuser\t0");
        assertThat(run.lines()).extracting(line -> line.split("\t")[1]).containsExactlyInAnyOrder("Alice", "Bob",
                "Carol");
    }

    @Test
    void childrenOfTopLevelId() {
        CliRun run = CliRun.on(url, "children", "root");

        assertThat(run.lines()).containsExactlyInAnyOrder(users + "\tUsers\tcontainer\t3",
                projects + "\tProjects\tcontainer\t1");
    }

    @Test
    void childrenJsonIsArray() {
        JsonNode json = CliRun.on(url, "children", users, "--json", "--page-size", "2").json();

        assertThat(json).hasSize(3);
        assertThat(json).extracting(node -> node.get("name").asText()).containsExactlyInAnyOrder("Alice", "Bob",
                "Carol");
        assertThat(json.get(0).get("entity").asBoolean()).isTrue();
        assertThat(json.get(0).get("childCount").asLong()).isZero();
    }

    @Test
    void childrenWarnsAboutMissingEntity() {
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.sadd("c:" + users, "ghost-uuid");
        }

        CliRun run = CliRun.on(url, "children", users);

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).hasSize(4).contains("ghost-uuid\t\t\t0");
        assertThat(run.err()).contains("warning: c:" + users + " lists ghost-uuid, which has no entity e:ghost-uuid");
    }

    @Test
    void childrenOfUnknownIdIsRejected() {
        CliRun run = CliRun.on(url, "children", "no-such-id");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("'no-such-id' not found");
    }

    @Test
    void childrenRejectsZeroPageSize() {
        CliRun run = CliRun.on(url, "children", users, "--page-size", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("invalid --page-size 0");
    }

    @Test
    void findExactValue() {
        CliRun run = CliRun.on(url, "find", "name=Alice");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines()).containsExactly(alice + "\tAlice");
    }

    @Test
    void findGlobAndSecondTerm() {
        CliRun run = CliRun.on(url, "find", "type=user", "name=[AB]*", "--page-size", "1");

        assertThat(run.lines()).extracting(line -> line.split("\t")[1]).containsExactlyInAnyOrder("Alice", "Bob");
    }

    @Test
    void findValueWithSpace() {
        CliRun run = CliRun.on(url, "find", "name=Task 1");

        assertThat(run.lines()).hasSize(1);
        assertThat(run.lines().getFirst()).endsWith("\tTask 1");
    }

    @Test
    void findLimitStopsEarly() {
        CliRun run = CliRun.on(url, "find", "type=user", "--limit", "2");

        assertThat(run.lines()).hasSize(2);
    }

    @Test
    void findJsonIsArray() {
        JsonNode json = CliRun.on(url, "find", "type=container", "--json").json();

        assertThat(json).extracting(node -> node.get("name").asText()).containsExactlyInAnyOrder("Users",
                "Projects");
        assertThat(json).extracting(node -> node.get("id").asText()).containsExactlyInAnyOrder(users, projects);
    }

    @Test
    void findWithoutMatchPrintsNothing() {
        CliRun run = CliRun.on(url, "find", "name=Nobody");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
    }

    @Test
    void findRejectsTermWithoutEquals() {
        CliRun run = CliRun.on(url, "find", "Alice");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("invalid search term 'Alice'");
    }

    @Test
    void progressDrawnOnlyOnTerminal() {
        String[] args = CliRun.withUrl(url, "count", "root");

        CliRun quiet = CliRun.run(Map.of(), Terminal.NONE, args);
        CliRun drawn = CliRun.run(Map.of(), new TestTerminal(null), args);

        assertThat(quiet.err()).isEmpty();
        assertThat(drawn.err()).startsWith("\rcounting entities: ");
        assertThat(drawn.out()).isEqualTo(quiet.out());
    }
}
