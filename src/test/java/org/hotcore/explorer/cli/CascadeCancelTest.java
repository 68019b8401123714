package org.hotcore.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.Progress;
import org.hotcore.explorer.server.LocalRedisServer;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * A shutdown signal during a cascade delete, in a separate JVM: the delete stops after the batch in flight, reports
 * how many entities it deleted, and leaves a smaller valid tree. SIGTERM runs the same shutdown hooks as Ctrl+C
 * (SIGINT), and unlike SIGINT it is not ignored by processes started in the background.
 */
class CascadeCancelTest {

    private static final Pattern REPORT = Pattern.compile("cancelled after deleting (\\d+) of 4950 entities");

    @TempDir
    Path folder;

    @Test
    void signalStopsBetweenBatches() throws Exception {
        try (LocalRedisServer server = RedisTestServer.startWithFixture("speedtest.rdb");
             Jedis jedis = new Jedis(server.host(), server.port())) {
            long keysBefore = jedis.dbSize();

            LauncherProcess run = LauncherProcess.start(folder, LauncherProcess.JAR_LOGGING, "delete", "parent1",
                    "--cascade", "--batch-size", "1", "--redis", server.url());
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (jedis.dbSize() == keysBefore && run.process().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(run.process().isAlive()).as("still deleting; stderr: %s", run.err()).isTrue();
            run.process().destroy();
            int code = run.waitFor(60);

            // 128 + 15: the JVM exits with the signal's status once the shutdown hook returns.
            assertThat(code).as("exit code; stderr: %s", run.err()).isEqualTo(143);
            Matcher report = REPORT.matcher(run.err());
            assertThat(report.find()).as("stderr: %s", run.err()).isTrue();
            long deleted = Long.parseLong(report.group(1));
            assertThat(deleted).isBetween(1L, 4949L);
            String entities = deleted == 1 ? " entity in 1 batch\n" : " entities in " + deleted + " batches\n";
            assertThat(run.out()).isEqualTo("deleted " + deleted + entities);

            HotcoreStore store = TestTrees.open(server.url());
            try {
                assertThat(store.countSubtree("parent1", Progress.NONE, Cancellation.NEVER)).isEqualTo(4950 - deleted);
                assertThat(jedis.keys("e:*")).hasSize((int) (4950 - deleted));
                assertThat(jedis.keys("p:*")).hasSize((int) (4950 - deleted));
            } finally {
                store.connection().close();
            }
        }
    }
}
