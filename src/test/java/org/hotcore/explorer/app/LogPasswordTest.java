package org.hotcore.explorer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.CommandGuard;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.Progress;
import org.hotcore.explorer.core.RedisConnection;
import org.hotcore.explorer.core.RedisSettings;
import org.hotcore.explorer.server.LocalRedisServer;
import org.hotcore.explorer.ui.model.StatusModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * Connection failures with a password in the URL, logged the way the window logs them into its log file, with the
 * program's own loggers at DEBUG so that stack traces are written too: the password never reaches the file.
 */
class LogPasswordTest {

    private static final String PASSWORD = "Zq81-logged-never";

    @TempDir
    Path home;

    @AfterEach
    void restoreDefaultLogging() throws JoranException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
        System.clearProperty(AppDirectories.HOME_PROPERTY);
    }

    private static Throwable failureOf(String url) {
        RedisSettings settings = RedisSettings.parse(url).connectTimeoutMillis(2_000).build();
        try (RedisConnection connection = new RedisConnection(settings, new CommandGuard(100))) {
            HotcoreStore store = new HotcoreStore(connection);
            return catchThrowable(() -> store.topLevelIds(Progress.NONE, Cancellation.NEVER));
        }
    }

    @Test
    void logFileNeverHoldsPassword() throws IOException {
        System.setProperty(AppDirectories.HOME_PROPERTY, home.toString());
        Path file = Logging.configure();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("org.hotcore").setLevel(Level.DEBUG);
        StatusModel status = new StatusModel();

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Throwable refused = failureOf("redis://alice:" + PASSWORD + "@127.0.0.1:" + closedPort + "/0");
        status.connectFailed(refused);
        status.failed("load the tree", refused);

        try (LocalRedisServer server = LocalRedisServer.builder().start()) {
            try (Jedis jedis = new Jedis(server.host(), server.port())) {
                jedis.configSet("requirepass", "the-real-one");
            }
            Throwable rejected = failureOf("redis://:" + PASSWORD + "@127.0.0.1:" + server.port() + "/0");
            status.connectFailed(rejected);
            status.failed("load the tree", rejected);
            assertThat(rejected).hasMessageContaining("authentication to redis://:***@127.0.0.1:" + server.port());
        }

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains("Could not connect").contains("***@127.0.0.1");
        assertThat(text).doesNotContain(PASSWORD);
    }
}
