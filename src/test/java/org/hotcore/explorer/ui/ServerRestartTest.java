package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;
import static org.hotcore.explorer.ui.ExplorerTestSupport.node;
import static org.hotcore.explorer.ui.ExplorerTestSupport.waitUntil;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.ui.view.Banners;
import org.hotcore.explorer.ui.view.StatusBar;
import org.hotcore.explorer.ui.view.TreeEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import redis.clients.jedis.Jedis;

/**
 * A server with a password of its own on a fixed loopback port, stopped during the session and started again on the
 * same port with the same data: Reconnect brings the tree back. The password shows in no title or status text.
 * The tree: root › Alpha › A1, root › Beta.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ServerRestartTest {

    /** A password no other text of the window contains by chance. */
    private static final String PASSWORD = "Kq7zWv3pass";

    private Path directory;
    private int port;
    private Process server;
    private ExplorerTestSupport explorer;

    @Start
    void start(Stage stage) throws IOException, InterruptedException {
        directory = Files.createTempDirectory("hotcore-restart-");
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        server = startServer();
        TreeFixtures.fill(url(), store -> {
            String alpha = TreeFixtures.create(store, HotcoreStore.ROOT, "Alpha");
            TreeFixtures.create(store, alpha, "A1");
            TreeFixtures.create(store, HotcoreStore.ROOT, "Beta");
        });
        explorer = ExplorerTestSupport.open(stage, url());
    }

    @AfterEach
    void closeWindow() throws IOException, InterruptedException {
        explorer.close();
        stopServer();
        try (var files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private String url() {
        return "redis://:" + PASSWORD + "@127.0.0.1:" + port + "/0";
    }

    /** Starts redis-server on {@link #port} with the data of {@link #directory}, then sets the password. */
    private Process startServer() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", directory.toString(), "--dbfilename", "dump.rdb", "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(directory.resolve("server.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                jedis.ping();
                jedis.configSet("requirepass", PASSWORD);
                return process;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    process.destroyForcibly();
                    throw new IOException("redis-server did not start on port " + port + ": "
                            + Files.readString(directory.resolve("server.log")), e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Saves the data to the RDB file the next start loads, then stops the server. */
    private void saveAndStopServer() throws InterruptedException {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            jedis.auth(PASSWORD);
            jedis.save();
        }
        stopServer();
    }

    private void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            server = null;
        }
    }

    @Test
    void reconnectAfterRestartRestoresTheTree(FxRobot robot) throws IOException, InterruptedException {
        explorer.expand(robot, "root");
        TreeItem<TreeEntry> alpha = explorer.awaitItem(robot, "Alpha");
        saveAndStopServer();

        explorer.select(robot, "Alpha");
        robot.type(KeyCode.RIGHT);
        HBox banner = robot.lookup("#" + Banners.CONNECTION_BANNER_ID).queryAs(HBox.class);
        waitUntil("the connection banner shows", banner::isVisible);
        waitUntil("Alpha is collapsed again", () -> !alpha.isExpanded() && !node(alpha).isLoading());

        server = startServer();
        robot.clickOn("#" + Banners.RECONNECT_ID);
        waitUntil("the connection banner goes", () -> !banner.isVisible());
        assertThat(robot.lookup("#" + Banners.ERROR_BANNER_ID).queryAs(HBox.class).isVisible()).isFalse();

        explorer.expand(robot, "Alpha");
        explorer.awaitItem(robot, "A1");
        assertThat(fx(() -> explorer.tree(robot).getExpandedItemCount())).isEqualTo(4);
    }

    @Test
    void passwordIsInNoTitleOrStatusText(FxRobot robot) {
        explorer.expand(robot, "root");
        List<String> texts = new ArrayList<>();
        texts.add(fx(() -> explorer.window.stage().getTitle()));
        texts.addAll(fx(() -> robot.lookup("#" + StatusBar.BAR_ID + " .label").queryAll().stream()
                .filter(Labeled.class::isInstance).map(label -> ((Labeled) label).getText())
                .filter(text -> text != null).toList()));
        assertThat(texts.getFirst()).contains("127.0.0.1:" + port);
        assertThat(texts).anyMatch(text -> text.contains("redis://127.0.0.1:" + port + "/0"));
        assertThat(texts).noneMatch(text -> text.contains(PASSWORD));
        for (Node node : robot.lookup(".label").queryAll()) {
            if (node instanceof Labeled labeled && labeled.getText() != null) {
                assertThat(labeled.getText()).doesNotContain(PASSWORD);
            }
        }
    }
}
