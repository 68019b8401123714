package org.hotcore.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hotcore.explorer.Launcher;
import org.hotcore.explorer.testing.RedisTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** The jar's entry point: commands run headless and exit with their code; anything else goes to the window. */
@ExtendWith(RedisTestServer.class)
class LauncherTest {

    @TempDir
    Path folder;

    @Test
    void commandLoadsNoJavaFxClass() throws Exception {
        try (Jedis jedis = RedisTestServer.jedis()) {
            jedis.sadd("c:root", "e1");
            jedis.hset("e:e1", "name", "One");
            jedis.set("p:e1", "root");
        }
        Path classLog = folder.resolve("classes.txt");

        LauncherProcess run = LauncherProcess.start(folder, List.of("-Xlog:class+load=info:file=" + classLog,
                        LauncherProcess.JAR_LOGGING.getFirst()),
                "roots", "--redis", RedisTestServer.url());

        assertThat(run.waitFor(60)).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).isEqualTo("root\n");
        assertThat(run.err()).isEmpty();
        List<String> loaded = Files.readAllLines(classLog);
        assertThat(loaded).anyMatch(line -> line.contains("org.hotcore.explorer.cli.RootsCommand"));
        assertThat(loaded).noneMatch(line -> line.contains(" javafx.") || line.contains(" com.sun.javafx."));
        assertThat(loaded).noneMatch(line -> line.contains("org.hotcore.explorer.ui."));
    }

    @Test
    void exitCodeReachesProcess() throws Exception {
        LauncherProcess run = LauncherProcess.start(folder, LauncherProcess.JAR_LOGGING, "count", "root", "--redis",
                "redis://127.0.0.1:1/0", "--connect-timeout", "2000");

        assertThat(run.waitFor(60)).isEqualTo(3);
        assertThat(run.err()).startsWith("hotcore-explorer: error: cannot reach Redis");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void commandAfterOptionsIsExitTwo() throws Exception {
        LauncherProcess run = LauncherProcess.start(folder, LauncherProcess.JAR_LOGGING, "--redis",
                "redis://127.0.0.1:1/0", "tree");

        assertThat(run.waitFor(60)).isEqualTo(2);
        assertThat(run.err()).startsWith("hotcore-explorer: error: the command 'tree' must come first");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void misplacedCommandFindsOnlyCommandNames() {
        assertThat(Launcher.misplacedCommand(new String[] {"--redis", "redis://127.0.0.1:6379/0"})).isNull();
        assertThat(Launcher.misplacedCommand(new String[] {"--redis", "redis://127.0.0.1:6379/0", "count"}))
                .isEqualTo("count");
        assertThat(Launcher.misplacedCommand(new String[] {"--read-only", "--theme", "dark"})).isNull();
    }

    @Test
    void argumentsForCommandLine() {
        assertThat(Cli.handles("roots")).isTrue();
        assertThat(Cli.handles("--help")).isTrue();
        assertThat(Cli.handles("-h")).isTrue();
        assertThat(Cli.handles("--version")).isTrue();
        assertThat(Cli.handles("-V")).isTrue();
        // A misspelt command is reported by the command line rather than opening the window.
        assertThat(Cli.handles("rots")).isTrue();
        assertThat(Cli.handles("--redis")).isFalse();
        assertThat(Cli.handles("--redis=redis://127.0.0.1:6379/0")).isFalse();
    }

    @Test
    void missingWindowClassIsExitTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Launcher.openWindow("org.hotcore.explorer.ui.NoSuchLauncher", new String[0],
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("hotcore-explorer: error: the desktop window is"
                + " not part of this build (class org.hotcore.explorer.ui.NoSuchLauncher not found); run a command"
                + " instead, see 'hotcore-explorer --help'\n");
    }

    @Test
    void versionFromLauncher() throws IOException, InterruptedException {
        LauncherProcess run = LauncherProcess.start(folder, LauncherProcess.JAR_LOGGING, "--version");

        assertThat(run.waitFor(60)).isZero();
        assertThat(run.out()).startsWith("hotcore-explorer ");
    }
}
