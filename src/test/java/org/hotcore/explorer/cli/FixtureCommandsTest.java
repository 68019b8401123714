package org.hotcore.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.hotcore.explorer.server.LocalRedisServer;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read commands on databases written by the Python hotcore library: the example application (27 entities under
 * root) and the speed test (99 parents with 49 children each under parent1, which is not an entity). The tests only
 * read, so each fixture server is shared by the class.
 */
class FixtureCommandsTest {

    private static LocalRedisServer example;
    private static LocalRedisServer speedtest;

    @BeforeAll
    static void startServers() throws IOException {
        example = RedisTestServer.startWithFixture("example.rdb");
        speedtest = RedisTestServer.startWithFixture("speedtest.rdb");
    }

    @AfterAll
    static void stopServers() {
        if (example != null) {
            example.close();
        }
        if (speedtest != null) {
            speedtest.close();
        }
    }

    @Test
    void exampleRootsPrintsRoot() {
        CliRun run = CliRun.on(example.url(), "roots");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines()).containsExactly("root");
    }

    @Test
    void exampleCountOfRootIs27() {
        CliRun run = CliRun.on(example.url(), "count", "root");

        assertThat(run.lines()).containsExactly("27");
    }

    @Test
    void exampleProjectsHasTwelveChildren() {
        CliRun found = CliRun.on(example.url(), "find", "name=Projects", "type=container");
        assertThat(found.lines()).hasSize(1);
        String projects = found.lines().getFirst().split("\t")[0];

        CliRun run = CliRun.on(example.url(), "children", projects, "--page-size", "5");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines()).hasSize(12);
        assertThat(run.lines()).allSatisfy(line -> assertThat(line).matches(".+\tProject \\d+\tproject\t0"));
    }

    @Test
    void exampleTreeShowsEveryEntity() {
        CliRun run = CliRun.on(example.url(), "tree");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        // root and its 27 entities, two levels deep, with no line cut off.
        assertThat(run.lines()).hasSize(28);
        assertThat(run.out()).doesNotContain("more");
        assertThat(run.lines()).contains("    Oslo office [office] 0aa3e710-2ad2-464e-9f62-e6e1b2dc1dcd");
    }

    @Test
    void exampleGetShowsLocation() {
        CliRun run = CliRun.on(example.url(), "get", "0aa3e710-2ad2-464e-9f62-e6e1b2dc1dcd", "--json");
        JsonNode attributes = run.json().get("attributes");

        assertThat(attributes.get("name").asText()).isEqualTo("Oslo office");
        assertThat(attributes.has("lat")).isTrue();
        assertThat(attributes.has("long")).isTrue();
    }

    @Test
    void exampleFindGlob() {
        CliRun run = CliRun.on(example.url(), "find", "name=Project *");

        assertThat(run.lines()).hasSize(12);
    }

    @Test
    void speedtestRootsFindsParent1() {
        CliRun run = CliRun.on(speedtest.url(), "roots");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines()).containsExactly("parent1");
    }

    @Test
    void speedtestCountOfParent1Is4950() {
        CliRun run = CliRun.on(speedtest.url(), "count", "parent1");

        assertThat(run.lines()).containsExactly("4950");
    }

    @Test
    void speedtestTreeIsBounded() {
        CliRun run = CliRun.on(speedtest.url(), "tree", "parent1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        // parent1, 50 of its 99 parents with all 49 children each, and one line for the 49 parents not shown.
        assertThat(run.lines()).hasSize(1 + 50 + 50 * 49 + 1);
        assertThat(run.lines().getFirst()).isEqualTo("parent1 (top-level id, 99 children)");
        assertThat(run.lines().getLast()).isEqualTo("  … 49 more");
    }

    @Test
    void speedtestTreeJsonCountsHiddenChildren() {
        JsonNode json = CliRun.on(speedtest.url(), "tree", "parent1", "--json", "--depth", "1",
                "--max-children-per-node", "10").json();

        assertThat(json.get("children")).hasSize(10);
        assertThat(json.get("more").asLong()).isEqualTo(89);
        assertThat(json.get("children").get(0).get("childCount").asLong()).isEqualTo(49);
    }

    @Test
    void speedtestChildrenStreamsAllParents() {
        CliRun run = CliRun.on(speedtest.url(), "children", "parent1", "--page-size", "10");

        assertThat(run.lines()).hasSize(99);
        assertThat(run.lines()).doesNotHaveDuplicates();
    }
}
