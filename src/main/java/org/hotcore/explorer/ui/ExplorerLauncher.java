package org.hotcore.explorer.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;

/**
 * Starts the explorer window. Accepts {@code --redis URL} (also {@code --redis=URL}); without it the window opens a
 * temporary demo database. {@code --smoke-test} checks that the program starts and exits, see {@link SmokeTest}.
 */
public final class ExplorerLauncher {

    private ExplorerLauncher() {
    }

    /**
     * Opens the window and returns when it is closed. Logging and settings are prepared on another thread while the
     * JavaFX toolkit starts, so the window appears sooner.
     */
    public static void launch(String[] args) {
        ExplorerApp.prepare();
        Application.launch(ExplorerApp.class, args);
    }

    public static void main(String[] args) {
        launch(args);
    }

    /**
     * The options the window reads from the command line.
     *
     * @param redisUrl the server to open, or null for the demo database
     * @param smokeTest true to run the {@link SmokeTest} and exit
     * @param ignored arguments the window does not know
     */
    record Options(String redisUrl, boolean smokeTest, List<String> ignored) {
    }

    static Options parse(List<String> args) {
        String url = null;
        boolean smokeTest = false;
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--redis") && i + 1 < args.size()) {
                url = args.get(++i);
            } else if (arg.startsWith("--redis=")) {
                url = arg.substring("--redis=".length());
            } else if (arg.equals(SmokeTest.OPTION)) {
                smokeTest = true;
            } else {
                ignored.add(arg);
            }
        }
        return new Options(url, smokeTest, ignored);
    }
}
