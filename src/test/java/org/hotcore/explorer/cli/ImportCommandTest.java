package org.hotcore.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.IntegrityCheck;
import org.hotcore.explorer.core.Progress;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** The import command: JSON Lines in, bulk-created entities in Redis, one uuid per line out. */
@ExtendWith(RedisTestServer.class)
class ImportCommandTest {

    @TempDir
    Path directory;

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

    private Path file(String... lines) throws IOException {
        Path path = directory.resolve("entities.jsonl");
        Files.write(path, List.of(lines), StandardCharsets.UTF_8);
        return path;
    }

    @Test
    void importCreatesTreeWithRefs() throws IOException {
        Path path = file(
                "{\"ref\": \"oslo\", \"parent\": \"root\", \"attributes\": {\"name\": \"Oslo\", \"type\": \"office\"}}",
                "",
                "{\"parentRef\": \"oslo\", \"attributes\": {\"name\": \"Desk 1\", \"floor\": 3}}",
                "{\"attributes\": {\"name\": \"Loose\"}}");

        CliRun run = CliRun.on(url, "import", path.toString(), "--parent", "root");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> ids = run.out().lines().toList();
        assertThat(ids).hasSize(3);
        assertThat(jedis.hgetAll("e:" + ids.get(0))).isEqualTo(Map.of("name", "Oslo", "type", "office"));
        assertThat(jedis.hgetAll("e:" + ids.get(1))).isEqualTo(Map.of("name", "Desk 1", "floor", "3"));
        assertThat(jedis.get("p:" + ids.get(1))).isEqualTo(ids.get(0));
        assertThat(jedis.smembers("c:root")).containsExactlyInAnyOrder(ids.get(0), ids.get(2));
        assertThat(jedis.smembers("i:floor:3")).containsExactly(ids.get(1));
        assertThat(run.err()).contains("created 3 entities");
        assertThat(IntegrityCheck.run(store, Progress.NONE, Cancellation.NEVER).valid()).isTrue();
    }

    @Test
    void importJsonNamesLinesAndRefs() throws IOException {
        Path path = file("{\"ref\": \"a\", \"parent\": \"root\", \"attributes\": {\"name\": \"A\"}}");

        CliRun run = CliRun.on(url, "import", path.toString(), "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonLine line = JsonLine.of(run.out().strip());
        assertThat(line.text()).contains("\"line\":1", "\"ref\":\"a\"");
        assertThat(jedis.exists("e:" + line.id())).isTrue();
    }

    @Test
    void importAcrossSlicesResolvesEarlierRefs() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("{\"ref\": \"top\", \"parent\": \"root\", \"attributes\": {\"name\": \"top\"}}");
        for (int i = 0; i < ImportCommand.SLICE_LINES + 500; i++) {
            lines.add("{\"parentRef\": \"top\", \"attributes\": {\"name\": \"child " + i + "\", \"type\": \"leaf\"}}");
        }
        Path path = file(lines.toArray(String[]::new));

        CliRun run = CliRun.on(url, "import", path.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String top = run.out().lines().findFirst().orElseThrow();
        assertThat(jedis.scard("c:" + top)).isEqualTo(ImportCommand.SLICE_LINES + 500);
        assertThat(jedis.scard("i:type:leaf")).isEqualTo(ImportCommand.SLICE_LINES + 500);
        assertThat(IntegrityCheck.run(store, Progress.NONE, Cancellation.NEVER).valid()).isTrue();
    }

    @Test
    void invalidLineIsRejectedWithItsNumber() throws IOException {
        Path path = file(
                "{\"parent\": \"root\", \"attributes\": {\"name\": \"fine\"}}",
                "{\"parent\": \"root\", \"attributes\": {\"name\": ");

        CliRun run = CliRun.on(url, "import", path.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("line 2: invalid JSON at column").doesNotContain("Source:");
        assertThat(jedis.dbSize()).as("nothing of the slice is written").isZero();
    }

    @Test
    void unknownParentRefIsRejected() throws IOException {
        Path path = file("{\"parentRef\": \"nowhere\", \"attributes\": {\"name\": \"x\"}}");

        CliRun run = CliRun.on(url, "import", path.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("line 1", "\"nowhere\" names no earlier line");
        assertThat(jedis.dbSize()).isZero();
    }

    @Test
    void missingParentIsRejected() throws IOException {
        Path path = file("{\"parent\": \"no-such-parent\", \"attributes\": {\"name\": \"x\"}}");

        CliRun run = CliRun.on(url, "import", path.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("line 1: parent 'no-such-parent' is neither an entity nor a top-level id");
        assertThat(jedis.dbSize()).isZero();
    }

    @Test
    void missingFileIsUsageError() {
        CliRun run = CliRun.on(url, "import", directory.resolve("absent.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("file not found", "absent.jsonl");
    }

    @Test
    void readOnlyImportWritesNothing() throws IOException {
        Path path = file("{\"parent\": \"root\", \"attributes\": {\"name\": \"x\"}}");

        CliRun run = CliRun.on(url, "import", path.toString(), "--read-only");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--read-only");
        assertThat(jedis.dbSize()).isZero();
    }

    /** One line of --json output. */
    private record JsonLine(String text, String id) {
        static JsonLine of(String text) {
            String id = text.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            return new JsonLine(text, id);
        }
    }
}
