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
}
