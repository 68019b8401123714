package org.hotcore.explorer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotcore.explorer.ui.ExplorerTestSupport.fx;
import static org.hotcore.explorer.ui.ExplorerTestSupport.node;
import static org.hotcore.explorer.ui.ExplorerTestSupport.waitUntil;

import java.io.IOException;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.hotcore.explorer.server.LocalRedisServer;
import org.hotcore.explorer.testing.RedisTestServer;
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

/** Loads that fail because the server stopped: the error is shown and the tree stays usable. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class FailedLoadTest {

    private LocalRedisServer server;
    private ExplorerTestSupport explorer;

    /** TestFX runs this before each test, so every test gets its own server. */
    @Start
    void start(Stage stage) throws IOException {
        server = RedisTestServer.startWithFixture("example.rdb");
        explorer = ExplorerTestSupport.open(stage, server.url());
    }

    @AfterEach
    void closeWindow() {
        explorer.close();
        server.close();
    }

    @Test
    void stoppedServerShowsErrorAndKeepsTree(FxRobot robot) {
        explorer.expand(robot, "root");
        TreeItem<TreeEntry> users = explorer.awaitItem(robot, "Users");

        server.close();
        explorer.select(robot, "Users");
        robot.type(KeyCode.RIGHT);

        HBox banner = robot.lookup("#" + Banners.CONNECTION_BANNER_ID).queryAs(HBox.class);
        waitUntil("the connection banner shows", banner::isVisible);
        waitUntil("Users is no longer loading", () -> !node(users).isLoading());
        waitUntil("Users is collapsed again, so expanding retries", () -> !users.isExpanded());
        assertThat(robot.lookup("#" + Banners.ERROR_BANNER_ID).queryAs(HBox.class).isVisible()).isTrue();
        assertThat(robot.lookup("#" + Banners.ERROR_MESSAGE_ID).queryAs(Label.class).getText())
                .startsWith("Failed to").contains("cannot reach Redis");
        assertThat(robot.lookup("#" + StatusBar.ERROR_ID).queryAs(Label.class).getText()).isNotEmpty();
        assertThat(robot.lookup("#" + Banners.RECONNECT_ID).tryQuery()).isPresent();
        explorer.snapshot("connection-lost");

        assertThat(fx(() -> explorer.tree(robot).getExpandedItemCount())).isGreaterThanOrEqualTo(4);
        explorer.select(robot, "Projects");
        assertThat(explorer.item(robot, "root")).isNotNull();
        robot.type(KeyCode.LEFT).type(KeyCode.UP);
        waitUntil("the selection moves with the keyboard", () ->
                explorer.tree(robot).getSelectionModel().getSelectedItem() != null
                        && !"Projects".equals(node(explorer.tree(robot).getSelectionModel().getSelectedItem())
                        .getName()));
    }

    @Test
    void detailsButtonShowsTheException(FxRobot robot) {
        explorer.awaitItem(robot, "root");
        server.close();

        explorer.select(robot, "root");
        robot.type(KeyCode.RIGHT);
        waitUntil("the error banner shows", () -> robot.lookup("#" + Banners.ERROR_BANNER_ID).queryAs(HBox.class)
                .isVisible());

        robot.clickOn("#" + Banners.ERROR_DETAILS_ID);
        waitUntil("the alert opens", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        assertThat(robot.lookup(".dialog-pane .header-panel .label").queryLabeled().getText())
                .startsWith("Failed to");
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void refusedConnectIsNotLostConnection(FxRobot robot) throws IOException {
        explorer.awaitItem(robot, "root");
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        org.hotcore.explorer.core.RedisSettings refused = org.hotcore.explorer.core.RedisSettings
                .parse("redis://:some-pw@127.0.0.1:" + closedPort + "/0").connectTimeoutMillis(2_000).build();

        ExplorerTestSupport.fxRun(() -> explorer.model.open(refused, false, version -> { }));

        waitUntil("the error banner shows", () -> robot.lookup("#" + Banners.ERROR_BANNER_ID).queryAs(HBox.class)
                .isVisible());
        String message = robot.lookup("#" + Banners.ERROR_MESSAGE_ID).queryAs(Label.class).getText();
        assertThat(message).startsWith("Could not connect: cannot reach Redis at redis://:***@127.0.0.1:" + closedPort);
        assertThat(message).doesNotContain("some-pw");
        assertThat(robot.lookup("#" + Banners.CONNECTION_BANNER_ID).queryAs(HBox.class).isVisible()).isFalse();
        assertThat(explorer.item(robot, "root")).isNotNull();
    }
}
