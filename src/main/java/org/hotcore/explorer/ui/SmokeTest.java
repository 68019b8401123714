package org.hotcore.explorer.ui;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.hotcore.explorer.ui.model.ExplorerModel;
import org.hotcore.explorer.ui.model.StatusModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code --smoke-test} option of the window: checks that an installed program starts end to end. It passes when
 * the window is showing, the demo database (when the window opened one) is filled, the tree contains the top-level id
 * {@code root}, and no background task is running. Then it prints {@value #PASSED}, closes the window, and the program
 * exits with 0. It fails at once when the window reports an error, and when it has not passed
 * {@value #TIMEOUT_SECONDS} seconds after the JVM started; then it prints why and the program exits with 1.
 */
final class SmokeTest {

    private static final Logger log = LoggerFactory.getLogger(SmokeTest.class);

    static final String OPTION = "--smoke-test";
    static final String PASSED = "smoke test passed";
    static final long TIMEOUT_SECONDS = 60;

    /** How long the program may take to close after passing before it is ended with exit code 0. */
    private static final long CLOSE_SECONDS = 15;

    private final Stage stage;
    private final ExplorerModel model;
    private volatile boolean demoFilled;
    private volatile boolean done;
    private Timeline poll;

    private SmokeTest(Stage stage, ExplorerModel model, boolean demo) {
        this.stage = stage;
        this.model = model;
        this.demoFilled = !demo;
    }

    /**
     * Starts checking on the JavaFX thread, and the time limit on a daemon thread.
     *
     * @param demo true when the window opens the demo database, so the check waits for it to be filled
     */
    static SmokeTest start(Stage stage, ExplorerModel model, boolean demo) {
        SmokeTest test = new SmokeTest(stage, model, demo);
        log.info("Smoke test started; it fails {} s after the JVM started", TIMEOUT_SECONDS);
        test.poll = new Timeline(new KeyFrame(Duration.millis(250), event -> test.check()));
        test.poll.setCycleCount(Timeline.INDEFINITE);
        test.poll.play();
        Thread limit = new Thread(test::enforceLimit, "hotcore-smoke-test-limit");
        limit.setDaemon(true);
        limit.start();
        return test;
    }

    /** Records that the demo database has been filled. */
    void demoFilled() {
        demoFilled = true;
    }

    private void check() {
        if (done) {
            return;
        }
        StatusModel.Failure failure = model.status().getFailure();
        if (failure != null) {
            done = true;
            poll.stop();
            fail("smoke test failed: could not " + failure.action() + ": " + failure.message(), failure.error());
            return;
        }
        boolean rootShown = model.tree().getTopLevel().stream().anyMatch(node -> "root".equals(node.getId()));
        if (!stage.isShowing() || !demoFilled || !rootShown || model.background().getRunning() > 0) {
            return;
        }
        done = true;
        poll.stop();
        log.info("{}: window shown, demo tree loaded with {} top-level ids", PASSED,
                model.tree().getTopLevel().size());
        System.out.println(PASSED);
        System.out.flush();
        Thread close = new Thread(() -> {
            sleepSeconds(CLOSE_SECONDS);
            log.warn("The program did not end {} s after the smoke test passed; exiting", CLOSE_SECONDS);
            System.exit(0);
        }, "hotcore-smoke-test-close");
        close.setDaemon(true);
        close.start();
        Platform.exit();
    }

    private void enforceLimit() {
        long started = ManagementFactory.getRuntimeMXBean().getStartTime();
        long remaining = started + TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS) - System.currentTimeMillis();
        if (remaining > 0) {
            try {
                Thread.sleep(remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (done) {
            return;
        }
        String reason = "smoke test failed: timed out after " + TIMEOUT_SECONDS + " s; the window was "
                + (stage.isShowing() ? "showing" : "not showing") + ", the demo database was "
                + (demoFilled ? "filled" : "not filled") + ", and the tree contained "
                + model.tree().getTopLevel().size() + " top-level ids";
        fail(reason, null);
    }

    private static void fail(String reason, Throwable error) {
        log.error(reason, error);
        System.err.println(reason);
        System.err.flush();
        System.exit(1);
    }

    private static void sleepSeconds(long seconds) {
        try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
