package org.hotcore.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.cli.TestTrees.attributes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.testing.RedisSnapshot;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Every writing command with {@code --read-only}: exit code 1, one error line that names the option, no standard
 * output, and every key of the database byte for byte as before, with no change counted by the server. The tree:
 * root › Parent › (Child › Grandchild, Office with coordinates), root › Other, and a lost entity whose parent
 * pointer names root while c:root does not list it, so {@code check --repair} has something to fix.
 */
@ExtendWith(RedisTestServer.class)
class ReadOnlyCommandsTest {

    /** The writing commands that take --json; set, unset and move print nothing on success. */
    private static final Set<String> JSON_COMMANDS = Set.of("create", "delete", "check");

    private HotcoreStore store;
    private String url;
    private String parent;
    private String child;
    private String grandchild;
    private String other;
    private String lost;

    @BeforeEach
    void createTree() {
        url = RedisTestServer.url();
        store = TestTrees.open(url);
        parent = store.create(HotcoreStore.ROOT, attributes("name", "Parent", "type", "container"));
        child = store.create(parent, attributes("name", "Child", "type", "team"));
        grandchild = store.create(child, attributes("name", "Grandchild", "type", "user"));
        store.create(parent, attributes("name", "Office", "type", "office", "lat", "59.91", "long", "10.75"));
        // An update leaves the empty w: lock, which a write would SET again to the same value.
        store.apply(child, attributes("status", "active"));
        other = store.create(HotcoreStore.ROOT, attributes("name", "Other"));
        lost = store.create(HotcoreStore.ROOT, attributes("name", "Lost"));
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.srem("c:" + HotcoreStore.ROOT, lost);
        }
    }

    @AfterEach
    void closeStore() {
        store.connection().close();
    }

    /** Returns the writing commands, each with arguments that would change the tree without --read-only. */
    private List<String[]> writes() {
        return List.of(
                new String[] {"create", parent, "name=New", "type=team"},
                new String[] {"create", HotcoreStore.ROOT, "name=Top"},
                new String[] {"set", child, "name=Renamed", "lat=1", "long=2"},
                new String[] {"unset", child, "type"},
                new String[] {"move", child, other},
                new String[] {"move", lost, HotcoreStore.ROOT},
                new String[] {"delete", child, "--lift-children"},
                new String[] {"delete", parent, "--lift-children", "--batch-size", "1"},
                new String[] {"delete", child, "--cascade"},
                new String[] {"delete", HotcoreStore.ROOT, "--cascade", "--batch-size", "1"},
                new String[] {"check", "--repair"},
                new String[] {"check", parent, "--repair"});
    }

    private static String[] with(String[] command, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(command));
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }

    @Test
    void readOnlyWritesChangeNothing() {
        RedisSnapshot before = RedisSnapshot.ofSharedServer();
        assertThat(before.keys()).containsKeys("e:" + child, "p:" + child, "c:" + parent, "i:name:Child",
                "geo:office", "w:" + child);

        for (String[] write : writes()) {
            List<String[]> variants = new ArrayList<>(List.of(with(write, "--read-only"),
                    with(new String[] {write[0], "--read-only"}, Arrays.copyOfRange(write, 1, write.length))));
            if (JSON_COMMANDS.contains(write[0])) {
                variants.add(with(write, "--read-only", "--json"));
            }
            for (String[] args : variants) {
                CliRun run = CliRun.on(url, args);

                String commandLine = String.join(" ", args);
                assertThat(run.exitCode()).as(commandLine + "\n" + run).isEqualTo(1);
                assertThat(run.out()).as(commandLine).isEmpty();
                assertThat(run.err()).as(commandLine).startsWith("hotcore-explorer: error: ")
                        .contains("read-only").contains("--read-only").contains("nothing was written");
                assertThat(run.err().lines().count()).as(commandLine + "\n" + run).isEqualTo(1);
                RedisSnapshot after = RedisSnapshot.ofSharedServer();
                assertThat(after.keys()).as(commandLine).isEqualTo(before.keys());
                assertThat(after.changes()).as("changes counted by the server after " + commandLine)
                        .isEqualTo(before.changes());
            }
        }

        // The same database is still damaged and readable, and the commands write without the option.
        CliRun check = CliRun.on(url, "check", "--read-only");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("[not-listed-by-parent]");
        assertThat(CliRun.on(url, "count", parent, "--read-only").lines()).containsExactly("4");
        assertThat(RedisSnapshot.ofSharedServer()).isEqualTo(before);

        CliRun set = CliRun.on(url, "set", child, "name=Renamed");
        assertThat(set.exitCode()).as(set.toString()).isZero();
        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(jedis.hget("e:" + child, "name")).isEqualTo("Renamed");
            assertThat(jedis.get("p:" + grandchild)).isEqualTo(child);
        }
    }

    @Test
    void launcherReadOnlyExitsOne(@TempDir Path folder) throws Exception {
        RedisSnapshot before = RedisSnapshot.ofSharedServer();
        for (String[] write : List.of(new String[] {"delete", parent, "--cascade"},
                new String[] {"check", "--repair"})) {
            Path runFolder = Files.createTempDirectory(folder, write[0]);
            LauncherProcess process = LauncherProcess.start(runFolder, LauncherProcess.JAR_LOGGING,
                    CliRun.withUrl(url, with(write, "--read-only")));

            assertThat(process.waitFor(60)).as(process.err()).isEqualTo(1);
            assertThat(process.out()).isEmpty();
            assertThat(process.err().lines().toList()).singleElement().asString()
                    .startsWith("hotcore-explorer: error: ").contains("--read-only").contains("nothing was written");
        }
        assertThat(RedisSnapshot.ofSharedServer()).isEqualTo(before);
    }
}
