package org.hotcore.explorer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import redis.clients.jedis.Jedis;

/** Tests {@link LocalRedisServer} against real redis-server processes, from PATH and from the embedded-redis jar. */
class LocalRedisServerTest {

    /** Returns the binaries to test: redis-server on PATH when installed, and always the embedded one. */
    static Stream<Arguments> binaries() throws IOException {
        List<Arguments> binaries = new ArrayList<>();
        Optional<Path> onPath = RedisBinaries.findOnPath(System.getenv("PATH"));
        onPath.ifPresent(path -> binaries.add(Arguments.of("PATH", path)));
        binaries.add(Arguments.of("embedded", RedisBinaries.extractEmbedded()));
        return binaries.stream();
    }

    private static Path fixture(String name) throws URISyntaxException {
        URL resource = LocalRedisServerTest.class.getClassLoader().getResource("fixtures/" + name);
        assertThat(resource).as("test resource fixtures/%s", name).isNotNull();
        return Path.of(resource.toURI());
    }

    private static Jedis connect(LocalRedisServer server) {
        return new Jedis(server.host(), server.port());
    }

    private static String redisVersion(LocalRedisServer server) {
        try (Jedis jedis = connect(server)) {
            return jedis.info("server").lines()
                    .filter(line -> line.startsWith("redis_version:"))
                    .map(line -> line.substring("redis_version:".length()).trim())
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static Path writeScript(Path folder, String name, String body) throws IOException {
        Path script = folder.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void startAnswersPing() throws IOException {
        try (LocalRedisServer server = LocalRedisServer.builder().start();
             Jedis jedis = connect(server)) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(server.host()).isEqualTo("127.0.0.1");
            assertThat(server.port()).isBetween(1, 65535);
            assertThat(server.url()).isEqualTo("redis://127.0.0.1:" + server.port() + "/0");
            assertThat(server.dataDirectory()).isDirectory();
            assertThat(server.dataDirectory().resolve(LocalRedisServer.LOG_FILENAME)).isRegularFile();
            assertThat(Path.of(server.binary())).isExecutable();
        }
    }

    @Test
    void pathBinaryPreferredWhenInstalled() throws IOException {
        Optional<Path> onPath = RedisBinaries.findOnPath(System.getenv("PATH"));
        assumeTrue(onPath.isPresent(), "redis-server is not installed on PATH");

        try (LocalRedisServer server = LocalRedisServer.builder().start()) {
            assertThat(server.binary()).isEqualTo(onPath.get().toString());
            String version = redisVersion(server);
            assertThat(Integer.parseInt(version.substring(0, version.indexOf('.'))))
                    .as("major version of %s (%s)", server.binary(), version)
                    .isGreaterThanOrEqualTo(7);
        }
    }

    @Test
    void embeddedBinaryIsRedis62() throws IOException {
        Path embedded = RedisBinaries.extractEmbedded();

        try (LocalRedisServer server = LocalRedisServer.builder().binary(embedded).start();
             Jedis jedis = connect(server)) {
            assertThat(server.binary()).isEqualTo(embedded.toString());
            assertThat(redisVersion(server)).startsWith("6.2.");
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void systemPropertySelectsBinary() throws IOException {
        Path embedded = RedisBinaries.extractEmbedded();
        String previous = System.setProperty(LocalRedisServer.BINARY_PROPERTY, embedded.toString());
        try (LocalRedisServer server = LocalRedisServer.builder().start()) {
            assertThat(server.binary()).isEqualTo(embedded.toString());
            assertThat(redisVersion(server)).startsWith("6.2.");
        } finally {
            restoreProperty(previous);
        }
    }

    @Test
    void systemPropertyWithMissingBinaryFails(@TempDir Path folder) {
        Path missing = folder.resolve("no-such-redis-server");
        String previous = System.setProperty(LocalRedisServer.BINARY_PROPERTY, missing.toString());
        try {
            assertThatThrownBy(() -> LocalRedisServer.builder().start())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(missing.toString())
                    .hasMessageContaining(LocalRedisServer.BINARY_PROPERTY);
        } finally {
            restoreProperty(previous);
        }
    }

    private static void restoreProperty(String previous) {
        if (previous == null) {
            System.clearProperty(LocalRedisServer.BINARY_PROPERTY);
        } else {
            System.setProperty(LocalRedisServer.BINARY_PROPERTY, previous);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaries")
    void exampleFixtureLoads(String source, Path binary) throws Exception {
        try (LocalRedisServer server = LocalRedisServer.builder().binary(binary).rdbFile(fixture("example.rdb")).start();
             Jedis jedis = connect(server)) {
            assertThat(jedis.dbSize()).isEqualTo(136);
            assertThat(jedis.scard("c:root")).isEqualTo(3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaries")
    void speedtestFixtureLoads(String source, Path binary) throws Exception {
        try (LocalRedisServer server = LocalRedisServer.builder().binary(binary).rdbFile(fixture("speedtest.rdb")).start();
             Jedis jedis = connect(server)) {
            assertThat(jedis.dbSize()).isEqualTo(17_400);
            assertThat(jedis.scard("c:parent1")).isEqualTo(99);
            assertThat(jedis.exists("c:root")).isFalse();
        }
    }

    @Test
    void startWithFixtureLoadsTestResource() throws IOException {
        try (LocalRedisServer server = RedisTestServer.startWithFixture("example.rdb");
             Jedis jedis = connect(server)) {
            assertThat(jedis.dbSize()).isEqualTo(136);
            assertThat(jedis.scard("c:root")).isEqualTo(3);
        }
    }

    @Test
    void startWithMissingFixtureFails() {
        assertThatThrownBy(() -> RedisTestServer.startWithFixture("no-such.rdb"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("fixtures/no-such.rdb");
    }

    @Test
    void originalRdbFileStaysUntouched(@TempDir Path folder) throws Exception {
        Path original = folder.resolve("original.rdb");
        Files.copy(fixture("example.rdb"), original);
        byte[] before = Files.readAllBytes(original);
        FileTime modifiedBefore = Files.getLastModifiedTime(original);

        try (LocalRedisServer server = LocalRedisServer.builder().rdbFile(original).start();
             Jedis jedis = connect(server)) {
            assertThat(server.dataDirectory()).isNotEqualTo(folder);
            assertThat(server.dataDirectory().resolve(LocalRedisServer.DB_FILENAME)).hasSameBinaryContentAs(original);
            jedis.set("written-by-test", "1");
            jedis.flushAll();
        }

        assertThat(Files.readAllBytes(original)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(original)).isEqualTo(modifiedBefore);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(original);
        }
    }

    @Test
    void missingRdbFileFails(@TempDir Path folder) {
        Path missing = folder.resolve("missing.rdb");

        assertThatThrownBy(() -> LocalRedisServer.builder().rdbFile(missing).start())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("RDB file not found")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void maxMemoryIsApplied() throws IOException {
        try (LocalRedisServer server = LocalRedisServer.builder().maxMemoryBytes(64L * 1024 * 1024).start();
             Jedis jedis = connect(server)) {
            assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(64L * 1024 * 1024));
        }
    }

    @Test
    void maxMemoryRejectsZero() {
        assertThatThrownBy(() -> LocalRedisServer.builder().maxMemoryBytes(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaries")
    void serverNeverSavesSnapshots(String source, Path binary) throws IOException {
        try (LocalRedisServer server = LocalRedisServer.builder().binary(binary).start();
             Jedis jedis = connect(server)) {
            assertThat(jedis.configGet("save")).containsEntry("save", "");
            assertThat(jedis.configGet("appendonly")).containsEntry("appendonly", "no");
            assertThat(jedis.configGet("bind")).containsEntry("bind", "127.0.0.1");
            assertThat(jedis.configGet("protected-mode")).containsEntry("protected-mode", "yes");

            jedis.set("key", "value");
            jedis.flushAll();

            assertThat(server.dataDirectory().resolve(LocalRedisServer.DB_FILENAME)).doesNotExist();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaries")
    void closeStopsProcessAndDeletesFolder(String source, Path binary) throws IOException {
        LocalRedisServer server = LocalRedisServer.builder().binary(binary).start();
        long pid = server.pid();
        int port = server.port();
        Path dataDirectory = server.dataDirectory();

        server.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(dataDirectory).doesNotExist();
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    @Test
    void closeTwiceIsHarmless() throws IOException {
        LocalRedisServer server = LocalRedisServer.builder().start();

        server.close();
        server.close();

        assertThat(server.dataDirectory()).doesNotExist();
    }

    @Test
    void takenPortIsRetriedWithAnotherPort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int takenPort = taken.getLocalPort();
            AtomicInteger calls = new AtomicInteger();
            int freePort;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                freePort = probe.getLocalPort();
            }

            try (LocalRedisServer server = LocalRedisServer.builder()
                    .portPicker(() -> calls.getAndIncrement() == 0 ? takenPort : freePort)
                    .start();
                 Jedis jedis = connect(server)) {
                assertThat(calls.get()).isEqualTo(2);
                assertThat(server.port()).isEqualTo(freePort);
                assertThat(jedis.ping()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void portThatStaysTakenFailsAfterAllAttempts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int takenPort = taken.getLocalPort();

            assertThatThrownBy(() -> LocalRedisServer.builder().portPicker(() -> takenPort).start())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("could not bind a free port")
                    .hasMessageContaining("Address already in use");
        }
    }

    @Test
    void exitingBinaryReportsItsOutput(@TempDir Path folder) throws IOException {
        Path script = writeScript(folder, "broken-redis-server", "echo \"broken server started with $*\"\nexit 3");

        assertThatThrownBy(() -> LocalRedisServer.builder().binary(script).start())
                .isInstanceOf(IOException.class)
                .hasMessageContaining(script.toString())
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("broken server started with --port");
    }

    @Test
    void silentBinaryTimesOut(@TempDir Path folder) throws IOException {
        Path script = writeScript(folder, "silent-redis-server", "echo waiting\nexec sleep 30");

        assertThatThrownBy(() -> LocalRedisServer.builder()
                .binary(script)
                .startTimeout(Duration.ofSeconds(1))
                .start())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Timed out")
                .hasMessageContaining(script.toString())
                .hasMessageContaining("waiting");
    }

    @Test
    void findOnPathSkipsNonExecutableFiles(@TempDir Path folder) throws IOException {
        Path first = Files.createDirectory(folder.resolve("first"));
        Path second = Files.createDirectory(folder.resolve("second"));
        Files.writeString(first.resolve("redis-server"), "not executable");
        Path executable = writeScript(second, "redis-server", "exit 0");
        String pathVariable = first + java.io.File.pathSeparator + "" + java.io.File.pathSeparator + second;

        assertThat(RedisBinaries.findOnPath(pathVariable)).contains(executable);
        assertThat(RedisBinaries.findOnPath(first.toString())).isEmpty();
        assertThat(RedisBinaries.findOnPath("")).isEmpty();
        assertThat(RedisBinaries.findOnPath(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "Linux, amd64, redis-server-6.2.6-v5-linux-amd64",
            "Linux, aarch64, redis-server-6.2.7-linux-arm64",
            "Linux, x86, redis-server-6.2.7-linux-386",
            "Mac OS X, x86_64, redis-server-6.2.6-v5-darwin-amd64",
            "Mac OS X, aarch64, redis-server-6.2.6-v5-darwin-arm64",
            "Windows 11, amd64, redis-server-5.0.14.1-windows-amd64.exe",
    })
    void embeddedResourceExistsForPlatform(String osName, String osArch, String expected) {
        assertThat(RedisBinaries.embeddedResourceName(osName, osArch)).contains(expected);
        assertThat(LocalRedisServer.class.getResource("/" + expected)).as("resource /%s", expected).isNotNull();
    }

    @ParameterizedTest
    @CsvSource({"FreeBSD, amd64", "Linux, riscv64", "Windows 11, aarch64"})
    void embeddedResourceMissingForUnsupportedPlatform(String osName, String osArch) {
        assertThat(RedisBinaries.embeddedResourceName(osName, osArch)).isEmpty();
    }
}
