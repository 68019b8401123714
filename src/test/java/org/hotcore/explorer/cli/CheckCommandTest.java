package org.hotcore.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/** The check command on a valid tree and on one with the damage the Python library's delete leaves. */
@ExtendWith(RedisTestServer.class)
class CheckCommandTest {

    private static String createUnder(String parent, String name) {
        CliRun run = CliRun.on(RedisTestServer.url(), "create", parent, "name=" + name);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.lines().getFirst();
    }

    @Test
    void validTreeExitsZero() {
        String parent = createUnder("root", "parent");
        createUnder(parent, "child");

        CliRun run = CliRun.on(RedisTestServer.url(), "check");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines()).contains("valid: every rule holds");
    }

    @Test
    void lostChildIsReportedUnderRuleOne() {
        String parent = createUnder("root", "parent");
        String child = createUnder(parent, "child");
        try (Jedis jedis = RedisTestServer.jedis()) {
            // What the Python library's delete of the parent leaves: the pointer moved up, the set entry missing.
            jedis.set("p:" + child, "root");
            jedis.srem("c:" + parent, child);
        }

        CliRun run = CliRun.on(RedisTestServer.url(), "check", "--json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        JsonNode report = run.json();
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("violationsByRule").get("1").asLong()).isEqualTo(1);
        assertThat(report.get("violations").get(0).get("message").asText()).contains(child);
    }

    @Test
    void repairFixesLostChild() {
        String parent = createUnder("root", "parent");
        String child = createUnder(parent, "child");
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.set("p:" + child, "root");
            jedis.srem("c:" + parent, child);
        }

        CliRun check = CliRun.on(RedisTestServer.url(), "check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("rule 1 [not-listed-by-parent]").contains("keys: p:" + child + " c:root")
                .contains("fix: add '" + child + "' to c:root").contains("run again with --repair");

        CliRun readOnly = CliRun.on(RedisTestServer.url(), "check", "--repair", "--read-only");
        assertThat(readOnly.exitCode()).as(readOnly.toString()).isEqualTo(1);
        assertThat(readOnly.err()).contains("--read-only").contains("nothing was written");
        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(jedis.sismember("c:root", child)).isFalse();
        }

        CliRun repair = CliRun.on(RedisTestServer.url(), "check", "--repair");
        assertThat(repair.exitCode()).as(repair.toString()).isZero();
        assertThat(repair.out()).contains("fixed [not-listed-by-parent] added '" + child + "' to c:root")
                .contains("repair: 1 found, 1 fixed").contains("valid: every rule holds");
        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(jedis.sismember("c:root", child)).isTrue();
        }
        assertThat(CliRun.on(RedisTestServer.url(), "check").exitCode()).isZero();
    }

    @Test
    void subtreeCheckAndRepairAsJson() {
        String parent = createUnder("root", "parent");
        String child = createUnder(parent, "child");
        String other = createUnder("root", "other");
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.sadd("c:" + parent, "ghost");
            jedis.srem("i:name:other", other);
        }

        CliRun subtree = CliRun.on(RedisTestServer.url(), "check", parent, "--json");
        assertThat(subtree.exitCode()).as(subtree.toString()).isEqualTo(1);
        JsonNode report = subtree.json();
        assertThat(report.get("subtree").asText()).isEqualTo(parent);
        assertThat(report.get("entities").asLong()).isEqualTo(2);
        assertThat(report.get("violationCount").asLong()).isEqualTo(1);
        JsonNode violation = report.get("violations").get(0);
        assertThat(violation.get("kind").asText()).isEqualTo("child-without-entity");
        assertThat(violation.get("keys").toString()).contains("c:" + parent).contains("e:ghost");
        assertThat(violation.get("fix").asText()).isEqualTo("remove 'ghost' from c:" + parent);

        CliRun repair = CliRun.on(RedisTestServer.url(), "check", parent, "--repair", "--json");
        assertThat(repair.exitCode()).as(repair.toString()).isZero();
        JsonNode repaired = repair.json();
        assertThat(repaired.get("valid").asBoolean()).isTrue();
        assertThat(repaired.get("repair").get("fixed").asLong()).isEqualTo(1);
        assertThat(repaired.get("repair").get("repairs").get(0).get("outcome").asText()).isEqualTo("fixed");
        assertThat(child).isNotBlank();

        CliRun whole = CliRun.on(RedisTestServer.url(), "check");
        assertThat(whole.exitCode()).as("the index damage outside the subtree is left").isEqualTo(1);
        assertThat(whole.out()).contains("[index-missing]");

        CliRun missing = CliRun.on(RedisTestServer.url(), "check", "no-such-id");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("'no-such-id' not found");
    }

    @Test
    void readOnlyRejectsWriteCommands() {
        String parent = createUnder("root", "parent");
        String child = createUnder(parent, "child");
        String[][] writes = {
            {"create", "root", "name=x"},
            {"set", child, "name=y"},
            {"unset", child, "name"},
            {"move", child, "root"},
            {"delete", child, "--lift-children"},
            {"delete", parent, "--cascade"},
        };
        for (String[] write : writes) {
            String[] args = java.util.Arrays.copyOf(write, write.length + 1);
            args[write.length] = "--read-only";
            CliRun run = CliRun.on(RedisTestServer.url(), args);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).startsWith("hotcore-explorer: error: ").contains("--read-only")
                    .contains("nothing was written");
            assertThat(run.err().lines().count()).isEqualTo(1);
        }
        CliRun read = CliRun.on(RedisTestServer.url(), "get", child, "--read-only");
        assertThat(read.exitCode()).as(read.toString()).isZero();
        assertThat(read.out()).contains("name=child");
        assertThat(CliRun.on(RedisTestServer.url(), "count", "root", "--read-only").lines()).containsExactly("2");
    }
}
