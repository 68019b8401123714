package org.hotcore.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.hotcore.explorer.server.LocalRedisServer;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/** Connection options, exit codes 2 and 3, help and version, and that no password reaches any output. */
@ExtendWith(RedisTestServer.class)
class ConnectionAndErrorsTest {

    private static final String USER = "cli-test-user";
    private static final String PASSWORD = "Pw-7f3kQz9-secret";

    private LocalRedisServer server;

    @BeforeEach
    void addUser(LocalRedisServer server) {
        this.server = server;
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.aclSetUser(USER, "on", ">" + PASSWORD, "~*", "&*", "+@all");
            jedis.sadd("c:root", "e1");
            jedis.hset("e:e1", "name", "One");
            jedis.set("p:e1", "root");
        }
    }

    @AfterEach
    void removeUser() {
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.aclDelUser(USER);
        }
    }

    private String url(String userInfo) {
        return "redis://" + userInfo + "@" + server.host() + ":" + server.port() + "/0";
    }

    private static void assertNoPassword(CliRun run, String password) {
        assertThat(run.out()).doesNotContain(password);
        assertThat(run.err()).doesNotContain(password);
    }

    @Test
    void passwordInUrlAuthenticates() {
        CliRun run = CliRun.on(url(USER + ":" + PASSWORD), "roots");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines()).containsExactly("root");
        assertNoPassword(run, PASSWORD);
    }

    @Test
    void wrongPasswordIsExitThreeAndNotPrinted() {
        String wrong = "Wrong-pw-4711";

        CliRun run = CliRun.on(url(USER + ":" + wrong), "count", "root");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).startsWith("hotcore-explorer: error: authentication to ");
        assertThat(run.err().lines()).hasSize(1);
        assertNoPassword(run, wrong);
    }

    @Test
    void lonePasswordForDefaultUserIsNotPrinted() {
        // The default user has no password on the test server, so AUTH fails.
        CliRun run = CliRun.on(url(PASSWORD), "roots");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertNoPassword(run, PASSWORD);
    }

    @Test
    void passwordNotPrintedInUsageErrors() {
        List<CliRun> runs = List.of(
                // The URL given as a positional argument by mistake is echoed by the parser.
                CliRun.run("roots", url(USER + ":" + PASSWORD)),
                CliRun.run("roots", url(PASSWORD)),
                CliRun.run("roots", "--redis", "redis://" + USER + ":" + PASSWORD + "@127.0.0.1:99999/0"),
                CliRun.run("roots", "--redis", "redis://" + USER + ":" + PASSWORD + "@127.0.0.1:6379/db"),
                CliRun.run("roots", "--redis", "http://" + USER + ":" + PASSWORD + "@127.0.0.1/0"),
                CliRun.run("count", "--redis", url(USER + ":" + PASSWORD)));

        for (CliRun run : runs) {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).as(run.toString()).contains("hotcore-explorer: error: ");
            assertNoPassword(run, PASSWORD);
        }
    }

    @Test
    void passwordNotPrintedWhenServerUnreachable() throws IOException {
        CliRun run = CliRun.run("roots", "--redis", "redis://" + USER + ":" + PASSWORD + "@127.0.0.1:" + closedPort()
                + "/0");

        assertThat(run.exitCode()).isEqualTo(3);
        assertNoPassword(run, PASSWORD);
    }

    @Test
    void passwordFromEnvironment() {
        String[] args = CliRun.withUrl(url(USER + ":"), "roots");

        CliRun fromRedisCliAuth = CliRun.run(Map.of("REDISCLI_AUTH", PASSWORD), Terminal.NONE, args);
        CliRun fromRedisPassword = CliRun.run(Map.of("REDIS_PASSWORD", PASSWORD), Terminal.NONE, args);
        CliRun wrongInEnvironment = CliRun.run(Map.of("REDIS_PASSWORD", "Other-wrong-pw"), Terminal.NONE, args);
        CliRun redisCliAuthFirst = CliRun.run(Map.of("REDISCLI_AUTH", "Other-wrong-pw", "REDIS_PASSWORD", PASSWORD),
                Terminal.NONE, args);

        assertThat(fromRedisCliAuth.exitCode()).as(fromRedisCliAuth.toString()).isZero();
        assertThat(fromRedisPassword.exitCode()).as(fromRedisPassword.toString()).isZero();
        assertThat(wrongInEnvironment.exitCode()).as(wrongInEnvironment.toString()).isEqualTo(3);
        assertThat(redisCliAuthFirst.exitCode()).as(redisCliAuthFirst.toString()).isEqualTo(3);
        assertNoPassword(fromRedisCliAuth, PASSWORD);
        assertNoPassword(wrongInEnvironment, "Other-wrong-pw");
        assertNoPassword(redisCliAuthFirst, "Other-wrong-pw");
    }

    @Test
    void passwordInUrlWinsOverEnvironment() {
        CliRun run = CliRun.run(Map.of("REDISCLI_AUTH", "Other-wrong-pw"), Terminal.NONE,
                CliRun.withUrl(url(USER + ":" + PASSWORD), "roots"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void askPasswordPromptsOnTerminal() {
        TestTerminal terminal = new TestTerminal(PASSWORD);

        CliRun run = CliRun.run(Map.of(), terminal, CliRun.withUrl(url(USER + ":"), "roots", "--ask-password"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(terminal.prompts()).isEqualTo("Password for redis://" + USER + ":@" + server.host() + ":"
                + server.port() + "/0: \n");
        assertNoPassword(run, PASSWORD);
    }

    @Test
    void askPasswordSkippedWhenEnvironmentHasOne() {
        TestTerminal terminal = new TestTerminal("not-used");

        CliRun run = CliRun.run(Map.of("REDISCLI_AUTH", PASSWORD), terminal,
                CliRun.withUrl(url(USER + ":"), "roots", "--ask-password"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(terminal.prompts()).isEmpty();
    }

    @Test
    void askPasswordWithoutTerminalIsUsageError() {
        CliRun run = CliRun.run(Map.of(), Terminal.NONE, CliRun.withUrl(url(USER + ":"), "roots", "--ask-password"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--ask-password needs a terminal");
    }

    @Test
    void closedPortIsExitThree() throws IOException {
        int port = closedPort();

        CliRun run = CliRun.run("count", "root", "--redis", "redis://127.0.0.1:" + port + "/0",
                "--connect-timeout", "2000");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).startsWith("hotcore-explorer: error: cannot reach Redis at redis://127.0.0.1:" + port
                + "/0");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void invalidUrlIsExitTwo() {
        CliRun run = CliRun.run("roots", "--redis", "http://127.0.0.1:6379");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("hotcore-explorer: error: invalid Redis URL 'http://127.0.0.1:6379': the"
                + " scheme must be redis:// or rediss://; expected redis://[user[:password]@]host[:port][/database],"
                + " for example redis://127.0.0.1:6379/0\n");
    }

    @Test
    void usageErrorsAreExitTwo() {
        List<CliRun> runs = List.of(
                CliRun.run("count"),
                CliRun.run("count", "root", "--no-such-option"),
                CliRun.run("tree", "--depth", "two"),
                CliRun.run("rots"),
                CliRun.run("roots", "--retries", "-1"),
                CliRun.run("roots", "--queue-limit", "0"),
                CliRun.run("roots", "--connect-timeout", "0"),
                CliRun.run());

        for (CliRun run : runs) {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).as(run.toString()).startsWith("hotcore-explorer: error: ");
            assertThat(run.err().lines()).as(run.toString()).hasSize(1);
            assertThat(run.out()).isEmpty();
        }
        assertThat(runs.get(3).err()).contains("did you mean roots");
    }

    @Test
    void tlsOptionsNeedTlsUrl() throws IOException {
        CliRun run = CliRun.run("roots", "--redis", "redis://127.0.0.1:" + closedPort() + "/0", "--tls-ca",
                "/nonexistent/ca.pem");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("need a rediss:// URL");
    }

    @Test
    void missingTlsFileIsUsageError() throws IOException {
        CliRun run = CliRun.run("roots", "--redis", "rediss://127.0.0.1:" + closedPort() + "/0", "--tls-ca",
                "/nonexistent/ca.pem");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("invalid --tls-ca '/nonexistent/ca.pem'");
    }

    @Test
    void queueLimitRejectsLargeBatch() {
        // Three pipelined commands per child cannot fit under a limit of 2.
        CliRun run = CliRun.on(url(USER + ":" + PASSWORD), "children", "root", "--queue-limit", "2");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("more than the limit of 2");
    }

    @Test
    void helpAndVersionExitZero() {
        CliRun help = CliRun.run("--help");
        CliRun commandHelp = CliRun.run("delete", "--help");
        CliRun helpCommand = CliRun.run("help", "tree");
        CliRun version = CliRun.run("--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: hotcore-explorer", "roots", "tree", "Exit codes:", "REDISCLI_AUTH");
        assertThat(commandHelp.exitCode()).isZero();
        assertThat(commandHelp.out()).contains("--cascade", "--lift-children", "--redis=URL", "--batch-size=N");
        assertThat(helpCommand.exitCode()).isZero();
        assertThat(helpCommand.out()).contains("--max-children-per-node");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("hotcore-explorer ");
    }

    @Test
    void redactionKeepsUsersAndHosts() {
        assertThat(Cli.redactUrls("at redis://bob:s3cret@host:1/0 now")).isEqualTo("at redis://bob:***@host:1/0 now");
        assertThat(Cli.redactUrls("rediss://:s3cret@host")).isEqualTo("rediss://:***@host");
        assertThat(Cli.redactUrls("redis://bob:@host:1/0")).isEqualTo("redis://bob:@host:1/0");
        assertThat(Cli.redactUrls("redis://[user[:password]@]host")).isEqualTo("redis://[user[:password]@]host");
        assertThat(Cli.redactTypedUrls("'redis://s3cret@host'")).isEqualTo("'redis://***@host'");
        assertThat(Cli.redactTypedUrls("'redis://u:p@ss@host'")).isEqualTo("'redis://u:***@host'");
    }

    /** Returns a loopback port that nothing listens on: bound once, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
