package org.hotcore.explorer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hotcore.explorer.cli.Cli;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** The bench command on tiny sizes: its JSON lines, its docs table, and its checks of input. No timing is asserted. */
@ExtendWith(RedisTestServer.class)
class BenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Options that make every figure run in well under a second. */
    private static final List<String> TINY = List.of("--sizes", "40", "--children", "20,60", "--depths", "1,3",
            "--limit-commands", "2000", "--samples", "3", "--warmup", "0", "--speedtest", "3,2,4", "--threads", "2",
            "--integrity-size", "30");

    @TempDir
    Path folder;

    private record Run(int exitCode, String out, String err) {

        List<JsonNode> jsonLines() throws Exception {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.lines().filter(line -> !line.isBlank()).toList()) {
                lines.add(JSON.readTree(line));
            }
            return lines;
        }
    }

    private static Run bench(List<String> options, String... more) {
        List<String> args = new ArrayList<>(List.of("bench", "--redis", RedisTestServer.url()));
        args.addAll(options);
        args.addAll(List.of(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = Cli.commandLine(outStream, errStream, Map.of()).execute(args.toArray(String[]::new));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyFigurePrintsJsonLines() throws Exception {
        Run run = bench(TINY);

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        List<JsonNode> lines = run.jsonLines();
        JsonNode first = lines.getFirst();
        assertThat(first.get("figure").asText()).isEqualTo("run");
        assertThat(first.get("command").asText()).startsWith("bench --redis redis://127.0.0.1:");
        assertThat(first.get("cores").asInt()).isPositive();
        assertThat(first.get("memoryMiB").asLong()).isPositive();
        assertThat(first.get("redisVersion").asText()).matches("\\d+\\.\\d+.*");
        assertThat(first.get("jvm").asText()).isNotBlank();
        assertThat(first.get("maxHeapMiB").asLong()).isPositive();
        assertThat(lines.getLast().get("figure").asText()).isEqualTo("summary");

        Set<String> figures = new TreeSet<>();
        for (JsonNode line : lines.subList(1, lines.size() - 1)) {
            figures.add(line.get("figure").asText());
            assertThat(line.get("case").asText()).isNotBlank();
            assertThat(line.get("targets").isArray()).isTrue();
            for (JsonNode target : line.get("targets")) {
                assertThat(target.get("target").asText()).isNotBlank();
                assertThat(target.get("pass").isBoolean()).isTrue();
            }
        }
        assertThat(figures).containsExactlyInAnyOrderElementsOf(BenchCommand.FIGURES);
        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(jedis.dbSize()).as("keys left by the run").isZero();
        }
    }

    @Test
    void figuresReportTheirMeasurements() throws Exception {
        Run run = bench(TINY, "--only", "cascade,children,move,create,integrity");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        List<JsonNode> lines = run.jsonLines();
        JsonNode limit = find(lines, "limit", "batches of 1,000 commands");
        assertThat(limit.get("commands").asLong()).isEqualTo(2_000);
        assertThat(limit.get("commandsPerSecond").asLong()).isPositive();

        JsonNode cascade = find(lines, "cascade", "40 entities");
        assertThat(cascade.get("deleted").asLong()).isEqualTo(40);
        assertThat(cascade.get("complete").asBoolean()).isTrue();
        assertThat(cascade.get("commands").asLong()).isPositive();
        assertThat(cascade.get("shareOfLimit").asDouble()).isPositive();
        assertThat(cascade.get("peakHeapUsedMiB").asLong()).isPositive();
        assertThat(cascade.get("targets")).hasSize(2);

        JsonNode wide = find(lines, "children", "60 children");
        assertThat(wide.get("childrenPerPage").asDouble()).isEqualTo(60.0);
        assertThat(wide.get("samples").asInt()).isEqualTo(3);
        assertThat(find(lines, "children", "median ratio 60 / 20 children").get("ratio").asDouble()).isPositive();

        assertThat(find(lines, "move", "depth 3").get("roundTripsPerMove").asDouble()).isPositive();
        assertThat(find(lines, "move", "depth 1").get("targets")).isEmpty();

        List<JsonNode> creates = lines.stream().filter(line -> line.get("figure").asText().equals("create")).toList();
        assertThat(creates).hasSize(4);
        assertThat(creates.get(0).get("entities").asLong()).as("3 parents x 3 entities, the first parent seeded")
                .isEqualTo(8);
        assertThat(creates.get(1).get("threads").asInt()).isEqualTo(2);
        assertThat(creates.get(1).get("bulkPath").asBoolean()).isFalse();
        assertThat(creates.get(1).get("complete").asBoolean()).isTrue();
        JsonNode bulk = creates.get(2);
        assertThat(bulk.get("bulkPath").asBoolean()).isTrue();
        assertThat(bulk.get("entities").asLong()).isEqualTo(8);
        assertThat(bulk.get("complete").asBoolean()).isTrue();
        assertThat(bulk.get("targets").get(0).get("target").asText()).isEqualTo(">= 15,000 entities/s");

        JsonNode integrity = find(lines, "integrity", "30 entities");
        assertThat(integrity.get("entities").asLong()).isEqualTo(30);
        assertThat(integrity.get("violations").asLong()).isZero();
        assertThat(integrity.get("pass").isNull()).isTrue();
    }

    @Test
    void writeDocsReplacesOnlyTheSection() throws Exception {
        Path docs = folder.resolve("benchmarks.md");
        Files.writeString(docs, "# Benchmarks\n\nBefore.\n\n<!-- bench:begin -->\nold table\n<!-- bench:end -->\n\nAfter.\n");

        Run run = bench(TINY, "--only", "move", "--write-docs", docs.toString());

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        String text = Files.readString(docs);
        assertThat(text).startsWith("# Benchmarks\n\nBefore.\n\n<!-- bench:begin -->\nRun of ");
        assertThat(text).endsWith("<!-- bench:end -->\n\nAfter.\n");
        assertThat(text).doesNotContain("old table");
        assertThat(text).contains("`bench --redis redis://127.0.0.1:");
        assertThat(text).contains("| figure | case | result | target | met |");
        assertThat(text).contains("| move | depth 1 | median ");
        assertThat(text).containsPattern("\\| move \\| depth 3 \\| median [0-9.]+ ms, p95 [0-9.]+ ms .* \\| - \\| - \\|");
    }

    @Test
    void writeDocsWithoutMarkersRejectedBeforeRun() throws Exception {
        Path docs = folder.resolve("plain.md");
        Files.writeString(docs, "# No markers\n");

        Run run = bench(TINY, "--only", "move", "--write-docs", docs.toString());

        assertThat(run.exitCode()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(run.err()).contains("lacks the marker <!-- bench:begin -->");
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(docs)).isEqualTo("# No markers\n");
    }

    @Test
    void nonEmptyDatabaseRejected() {
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.set("someone-else", "data");
        }

        Run run = bench(TINY, "--only", "move");

        assertThat(run.exitCode()).isEqualTo(Cli.EXIT_REJECTED);
        assertThat(run.err()).contains("contains 1 key, but bench needs an empty one");
        try (Jedis jedis = RedisTestServer.jedis()) {
            assertThat(jedis.get("someone-else")).isEqualTo("data");
            assertThat(jedis.dbSize()).isEqualTo(1);
        }
    }

    @Test
    void unknownFigureRejected() {
        Run run = bench(TINY, "--only", "move,speed");

        assertThat(run.exitCode()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(run.err()).contains("invalid --only figure 'speed'");
    }

    @Test
    void sectionReplacedBetweenMarkers() {
        String text = "a\n<!-- x:begin -->\nold\n<!-- x:end -->\nb\n";

        assertThat(DocsTable.replace(text, "x", "new", "f")).isEqualTo("a\n<!-- x:begin -->\nnew\n<!-- x:end -->\nb\n");
        assertThat(DocsTable.replace(text, "x", "", "f")).isEqualTo("a\n<!-- x:begin -->\n<!-- x:end -->\nb\n");
    }

    @Test
    void brokenMarkersRejected() {
        assertThatThrownBy(() -> DocsTable.replace("<!-- x:begin -->\n", "x", "new", "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lacks the marker <!-- x:end -->");
        assertThatThrownBy(() -> DocsTable.replace("<!-- x:end -->\n<!-- x:begin -->\n", "x", "new", "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("comes before");
        assertThatThrownBy(() -> DocsTable.replace("<!-- x:begin --><!-- x:end --><!-- x:begin -->", "x", "", "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than once");
    }

    @Test
    void percentilesByNearestRank() {
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (100 - i) * 1_000_000L;
        }

        Latencies latencies = Latencies.ofNanos(nanos);

        assertThat(latencies.medianMillis()).isEqualTo(50.0);
        assertThat(latencies.p95Millis()).isEqualTo(95.0);
        assertThat(latencies.maxMillis()).isEqualTo(100.0);
        assertThat(Latencies.ofNanos(new long[] {7}).p95Millis()).isEqualTo(7e-6);
    }

    private static JsonNode find(List<JsonNode> lines, String figure, String caseName) {
        return lines.stream()
                .filter(line -> line.get("figure").asText().equals(figure) && line.get("case").asText().equals(caseName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + figure + " / " + caseName + " in " + lines));
    }
}
