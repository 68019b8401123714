package org.hotcore.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * A cascade delete of 100,000 entities whose process is killed (SIGKILL, no shutdown hook) after a few batches:
 * the stored tree is valid, and running the delete again removes the rest.
 */
@ExtendWith(RedisTestServer.class)
class CascadeKillTest {

    private static final int INNER = 100;
    private static final int LEAVES_PER_INNER = 999;

    @TempDir
    Path folder;

    @Test
    void killedDeleteLeavesValidTree() throws Exception {
        String top = UUID.randomUUID().toString();
        String sibling;
        try (Jedis jedis = RedisTestServer.jedis()) {
            Pipeline pipeline = jedis.pipelined();
            add(pipeline, top, "root", "top");
            sibling = UUID.randomUUID().toString();
            add(pipeline, sibling, "root", "kept");
            for (int i = 0; i < INNER; i++) {
                String inner = UUID.randomUUID().toString();
                add(pipeline, inner, top, "inner");
                for (int j = 0; j < LEAVES_PER_INNER; j++) {
                    add(pipeline, UUID.randomUUID().toString(), inner, "leaf");
                }
                pipeline.sync();
            }
            pipeline.sync();
            long entities = 1 + INNER + (long) INNER * LEAVES_PER_INNER;
            assertThat(jedis.scard("i:type:leaf") + jedis.scard("i:type:inner") + 1).isEqualTo(entities);
            assertThat(entities).isEqualTo(100_001);
            long keysBefore = jedis.dbSize();

            LauncherProcess run = LauncherProcess.start(folder, LauncherProcess.JAR_LOGGING, "delete", top,
                    "--cascade", "--redis", RedisTestServer.url());
            long deadline = System.nanoTime() + 60_000_000_000L;
            // A batch deletes at most 128 entities with about 3 keys each: wait for a few batches.
            while (jedis.dbSize() > keysBefore - 1_500 && run.process().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(run.process().isAlive()).as("still deleting; stderr: %s", run.err()).isTrue();
            run.process().destroyForcibly();
            run.waitFor(30);
            long keysLeft = jedis.dbSize();
            assertThat(keysLeft).as("part of the subtree is deleted").isLessThan(keysBefore - 1_000)
                    .isGreaterThan(3);

            CliRun check = CliRun.on(RedisTestServer.url(), "check");
            assertThat(check.exitCode()).as(check.toString()).isZero();
            assertThat(check.lines()).contains("valid: every rule holds");

            CliRun again = CliRun.on(RedisTestServer.url(), "delete", top, "--cascade");
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.lines().getFirst()).startsWith("deleted ");
            assertThat(jedis.exists("e:" + top)).isFalse();
            assertThat(jedis.smembers("c:root")).containsExactly(sibling);
            assertThat(jedis.keys("e:*")).containsExactly("e:" + sibling);
            CliRun finalCheck = CliRun.on(RedisTestServer.url(), "check");
            assertThat(finalCheck.exitCode()).as(finalCheck.toString()).isZero();
        }
    }

    private static void add(Pipeline pipeline, String id, String parent, String type) {
        pipeline.hset("e:" + id, java.util.Map.of("name", type, "type", type));
        pipeline.set("p:" + id, parent);
        pipeline.sadd("c:" + parent, id);
        pipeline.sadd("i:type:" + type, id);
        pipeline.sadd("i:name:" + type, id);
    }
}
