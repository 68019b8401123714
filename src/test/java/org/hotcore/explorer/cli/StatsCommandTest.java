package org.hotcore.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.hotcore.explorer.server.LocalRedisServer;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/** The stats command against the shared test server. */
@ExtendWith(RedisTestServer.class)
class StatsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonHasEveryFieldInEachSample() throws IOException {
        CliRun run = CliRun.on(RedisTestServer.url(), "stats", "--json", "--count", "2", "--interval", "0.2");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.lines();
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            JsonNode sample = JSON.readTree(line);
            assertThat(fieldNames(sample)).containsExactly("time", "intervalSeconds", "jvm", "redis",
                    "ownConnections", "queue", "jobs", "warnings");
            assertThat(fieldNames(sample.get("jvm"))).containsExactly("heapUsed", "heapCommitted", "heapMax",
                    "gcCount", "gcTimeMillis", "gcPerSecond", "gcMillisPerSecond");
            assertThat(fieldNames(sample.get("redis"))).containsExactly("status", "error", "usedMemory",
                    "usedMemoryPeak", "maxmemory", "memFragmentationRatio", "instantaneousOpsPerSec",
                    "connectedClients");
            assertThat(fieldNames(sample.get("ownConnections"))).containsExactly("status", "error", "connections",
                    "queryBuffer", "multiQueued");
            assertThat(fieldNames(sample.get("queue"))).containsExactly("limit", "queuedNow", "maxQueued", "sent",
                    "sentPerSecond", "roundTrips", "roundTripsPerSecond", "committed", "aborted", "retried",
                    "rejected");
            assertThat(fieldNames(sample.get("jobs"))).containsExactly("running", "waiting");
            assertThat(sample.get("warnings").isArray()).isTrue();

            assertThat(sample.at("/jvm/heapUsed").asLong()).isPositive();
            assertThat(sample.at("/redis/status").asText()).isEqualTo("available");
            assertThat(sample.at("/redis/usedMemory").asLong()).isPositive();
            assertThat(sample.at("/redis/connectedClients").asLong()).isPositive();
            assertThat(sample.at("/redis/memFragmentationRatio").isNumber()).isTrue();
            assertThat(sample.at("/ownConnections/status").asText()).isEqualTo("available");
            assertThat(sample.at("/ownConnections/connections").isNumber()).isTrue();
            assertThat(sample.at("/queue/limit").asInt()).isEqualTo(10_000);
        }
        assertThat(JSON.readTree(lines.get(1)).get("intervalSeconds").asDouble()).isGreaterThanOrEqualTo(0.15);
    }

    @Test
    void textPrintsOneLinePerSample() {
        CliRun run = CliRun.on(RedisTestServer.url(), "stats", "--count", "1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines()).singleElement().asString().contains(" heap ", " redis ", " own connections 0 ",
                " queue 0 of 10,000 ", " jobs 0 running, 0 waiting");
    }

    @Test
    void userWithoutClientPermissionGetsUnavailable(LocalRedisServer server) {
        try (Jedis admin = RedisTestServer.jedis()) {
            admin.aclSetUser("mon", "reset", "on", ">pw", "~*", "+@all", "-client");
        }
        try {
            String url = "redis://mon:pw@" + server.host() + ":" + server.port() + "/0";
            CliRun json = CliRun.on(url, "stats", "--json", "--count", "1");
            CliRun text = CliRun.on(url, "stats", "--count", "1");

            assertThat(json.exitCode()).as(json.toString()).isZero();
            JsonNode sample = json.json();
            assertThat(sample.at("/ownConnections/status").asText()).isEqualTo("unavailable");
            assertThat(sample.at("/ownConnections/error").asText()).startsWith("NOPERM");
            assertThat(sample.at("/ownConnections/connections").isNull()).isTrue();
            assertThat(sample.at("/redis/status").asText()).isEqualTo("available");
            assertThat(sample.at("/redis/usedMemory").asLong()).isPositive();
            assertThat(text.exitCode()).as(text.toString()).isZero();
            assertThat(text.out()).contains("own connections unavailable");
            assertThat(text.err()).doesNotContain("error");
        } finally {
            try (Jedis admin = RedisTestServer.jedis()) {
                admin.aclDelUser("mon");
            }
        }
    }

    @Test
    void invalidIntervalIsUsageError() {
        CliRun run = CliRun.on(RedisTestServer.url(), "stats", "--interval", "0");

        assertThat(run.exitCode()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(run.err()).contains("--interval");
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(java.util.Map.Entry::getKey).toList();
    }
}
