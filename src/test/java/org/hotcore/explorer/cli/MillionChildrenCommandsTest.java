package org.hotcore.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hotcore.explorer.Launcher;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.args.FlushMode;

/**
 * {@code count} and {@code children} on the top-level id {@code huge} with 1,000,000 children, the first of which
 * has 3 children of its own. The commands run in JVMs of their own with a small heap, and the test reads their
 * standard output through a pipe. The server's command statistics show how they read the set.
 */
class MillionChildrenCommandsTest {

    private static final int MILLION = 1_000_000;
    private static final int BATCH = 10_000;
    private static final String HUGE = "huge";
    private static final String NAME_PREFIX = "huge child ";
    private static final int GRANDCHILDREN = 3;

    private static String first;

    @TempDir
    Path folder;

    @BeforeAll
    static void fill() {
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.flushAll();
            for (int start = 0; start < MILLION; start += BATCH) {
                Pipeline pipeline = jedis.pipelined();
                for (int i = start; i < start + BATCH; i++) {
                    String id = UUID.randomUUID().toString();
                    if (i == 0) {
                        first = id;
                    }
                    pipeline.hset("e:" + id, "name", NAME_PREFIX + i);
                    pipeline.set("p:" + id, HUGE);
                    pipeline.sadd("c:" + HUGE, id);
                }
                pipeline.sync();
            }
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < GRANDCHILDREN; i++) {
                String id = UUID.randomUUID().toString();
                pipeline.hset("e:" + id, Map.of("name", "grandchild " + i, "type", "leaf"));
                pipeline.set("p:" + id, first);
                pipeline.sadd("c:" + first, id);
            }
            pipeline.sync();
            assertThat(jedis.scard("c:" + HUGE)).isEqualTo(MILLION);
        }
    }

    @AfterAll
    static void empty() {
        // The shared server stays up for the other classes of this JVM; a million entities would only cost them.
        // ASYNC frees them on a server thread, as a plain FLUSHALL takes longer than the client's read timeout.
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.flushAll(FlushMode.ASYNC);
        }
    }

    @Test
    void countReadsTheSetInPages() throws Exception {
        Map<String, Long> before = commandCalls();
        Command count = Command.start(folder, "-Xmx32m", "count", HUGE);
        String out = count.readAll();
        assertThat(count.waitFor()).as(count.err()).isZero();
        assertThat(out).isEqualTo(MILLION + GRANDCHILDREN + "\n");
        assertThat(count.err()).isEmpty();
        Map<String, Long> calls = delta(before, commandCalls());
        assertThat(calls.getOrDefault("smembers", 0L)).isZero();
        // SSCAN with COUNT 1000 returns about a thousand members a call, so the set takes about a thousand calls.
        assertThat(calls.getOrDefault("sscan", 0L)).isBetween(MILLION / 5_000L, MILLION / 100L);

        Command json = Command.start(folder, "-Xmx32m", "count", HUGE, "--json");
        String document = json.readAll();
        assertThat(json.waitFor()).as(json.err()).isZero();
        JsonNode parsed = new ObjectMapper().readTree(document);
        assertThat(parsed.get("id").asText()).isEqualTo(HUGE);
        assertThat(parsed.get("count").asLong()).isEqualTo(MILLION + GRANDCHILDREN);

        CliRun subtree = CliRun.on(RedisTestServer.url(), "count", first);
        assertThat(subtree.lines()).containsExactly(Integer.toString(1 + GRANDCHILDREN));
    }

    @Test
    void childrenStreamsEveryChildOnce() throws Exception {
        Map<String, Long> before = commandCalls();
        Command children = Command.start(folder, "-Xmx256m", "children", HUGE, "--page-size", "1000");

        BitSet seen = new BitSet(MILLION);
        int lines = 0;
        try (BufferedReader reader = children.reader()) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (lines == 0) {
                    // The first line is here before the command has read a tenth of the set.
                    assertThat(delta(before, commandCalls()).getOrDefault("hmget", 0L)).isLessThan(MILLION / 10);
                }
                lines++;
                String[] fields = line.split("\t", -1);
                assertThat(fields).as(line).hasSize(4);
                assertThat(fields[1]).startsWith(NAME_PREFIX);
                int index = Integer.parseInt(fields[1].substring(NAME_PREFIX.length()));
                assertThat(seen.get(index)).as("listed twice: %s", line).isFalse();
                seen.set(index);
                assertThat(fields[2]).isEmpty();
                assertThat(fields[3]).isEqualTo(index == 0 ? Integer.toString(GRANDCHILDREN) : "0");
                if (index == 0) {
                    assertThat(fields[0]).isEqualTo(first);
                }
            }
        }

        assertThat(children.waitFor()).as(children.err()).isZero();
        assertThat(children.err()).isEmpty();
        assertThat(lines).isEqualTo(MILLION);
        assertThat(seen.cardinality()).isEqualTo(MILLION);
        Map<String, Long> calls = delta(before, commandCalls());
        assertThat(calls.getOrDefault("smembers", 0L)).isZero();
        assertThat(calls.getOrDefault("sscan", 0L)).isGreaterThanOrEqualTo(MILLION / 1_000L);
        // One HMGET per child, and at most one for the summary of huge itself.
        assertThat(calls.get("hmget")).isBetween((long) MILLION, MILLION + 1L);
    }

    @Test
    void childrenJsonIsOneArrayOfEveryChild() throws Exception {
        Command children = Command.start(folder, "-Xmx256m", "children", HUGE, "--json", "--page-size", "2000");
        BitSet seen = new BitSet(MILLION);
        int objects = 0;
        try (InputStream in = children.process.getInputStream();
             JsonParser parser = new JsonFactory().createParser(in)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                Map<String, String> fields = new HashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    fields.put(name, parser.currentToken() == JsonToken.VALUE_NULL ? null : parser.getText());
                }
                objects++;
                assertThat(fields.keySet()).containsExactlyInAnyOrder("id", "name", "type", "childCount", "entity");
                int index = Integer.parseInt(fields.get("name").substring(NAME_PREFIX.length()));
                assertThat(seen.get(index)).isFalse();
                seen.set(index);
                assertThat(fields.get("type")).isNull();
                assertThat(fields.get("entity")).isEqualTo("true");
                assertThat(fields.get("childCount")).isEqualTo(index == 0 ? Integer.toString(GRANDCHILDREN) : "0");
            }
            assertThat(parser.currentToken()).isEqualTo(JsonToken.END_ARRAY);
            assertThat(parser.nextToken()).isNull();
        }
        assertThat(children.waitFor()).as(children.err()).isZero();
        assertThat(objects).isEqualTo(MILLION);
        assertThat(seen.cardinality()).isEqualTo(MILLION);
    }

    @Test
    void childrenStopsWhenReaderLeaves() throws Exception {
        Map<String, Long> before = commandCalls();
        Command children = Command.start(folder, "-Xmx64m", "children", HUGE, "--page-size", "100");
        List<String> head = new ArrayList<>();
        BufferedReader reader = children.reader();
        while (head.size() < 10) {
            head.add(reader.readLine());
        }
        // What "| head" does: the reader closes the pipe and goes away.
        reader.close();

        assertThat(children.waitFor()).as(children.err()).isZero();
        assertThat(head).allSatisfy(line -> assertThat(line).contains("\t" + NAME_PREFIX));
        assertThat(delta(before, commandCalls()).getOrDefault("hmget", 0L)).isLessThan(MILLION / 10);
    }

    @Test
    void pageOverQueueLimitSplitsPipelines() {
        // 1,001 children need 3,003 commands, and SSCAN can return almost twice the page size: the summaries are
        // read in several pipelines under the limit.
        CliRun run = CliRun.on(RedisTestServer.url(), "children", HUGE, "--page-size", "1001", "--queue-limit",
                "3000");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).hasSize(MILLION);
    }

    /** Returns the calls of each command since the server started, from INFO commandstats. */
    private static Map<String, Long> commandCalls() {
        Map<String, Long> calls = new HashMap<>();
        try (Jedis jedis = RedisTestServer.jedis()) {
            for (String line : jedis.info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_")) {
                    String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                    String value = line.substring(line.indexOf("calls=") + "calls=".length());
                    calls.put(name, Long.parseLong(value.substring(0, value.indexOf(','))));
                }
            }
        }
        return calls;
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new HashMap<>();
        after.forEach((name, calls) -> delta.put(name, calls - before.getOrDefault(name, 0L)));
        return delta;
    }

    /** The launcher in a JVM of its own with a maximum heap, its standard output a pipe and its errors a file. */
    private record Command(Process process, Path errFile) {

        static Command start(Path folder, String maxHeap, String... args) throws IOException {
            String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"),
                    "bin", "java").toString());
            List<String> command = new ArrayList<>(List.of(java, maxHeap));
            command.addAll(LauncherProcess.JAR_LOGGING);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
            command.addAll(List.of(CliRun.withUrl(RedisTestServer.url(), args)));
            Path errors = Files.createTempFile(folder, "stderr", ".txt");
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectError(errors.toFile())
                    .start();
            return new Command(process, errors);
        }

        BufferedReader reader() {
            return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        String readAll() throws IOException {
            try (InputStream in = process.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        int waitFor() throws InterruptedException, IOException {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the command did not exit within 120 s; stderr: " + err());
            }
            return process.exitValue();
        }

        String err() throws IOException {
            return Files.readString(errFile, StandardCharsets.UTF_8);
        }
    }
}
