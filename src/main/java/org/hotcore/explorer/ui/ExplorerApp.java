package org.hotcore.explorer.ui;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.concurrent.Task;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.hotcore.explorer.app.Logging;
import org.hotcore.explorer.app.Settings;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.RedisSettings;
import org.hotcore.explorer.demo.DemoDatabase;
import org.hotcore.explorer.demo.EmbeddedDemo;
import org.hotcore.explorer.ui.model.ExplorerModel;
import org.hotcore.explorer.ui.view.AboutDialog;
import org.hotcore.explorer.ui.view.ExplorerWindow;
import org.hotcore.explorer.ui.view.WindowPreferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop program: configures logging and settings, opens the window, and connects to the server given with
 * {@code --redis} or to a temporary demo database that it starts, fills in the background and stops on exit.
 */
public final class ExplorerApp extends Application {

    private static final Logger log = LoggerFactory.getLogger(ExplorerApp.class);

    /** How often the top-level ids are re-read while the demo database is being written. */
    private static final Duration DEMO_REFRESH = Duration.seconds(3);

    /** Log file and settings, prepared while the toolkit starts; see {@link #prepare()}. */
    private record Prepared(Path logFile, Settings settings) {
    }

    private static volatile CompletableFuture<Prepared> prepared;

    private Path logFile;
    private ExplorerModel model;
    private ExplorerWindow window;
    private volatile EmbeddedDemo demo;
    private Task<DemoDatabase.Stats> fillTask;
    private Timeline demoRefresh;
    private SmokeTest smokeTest;

    /** Starts configuring logging and loading the settings on a daemon thread. */
    static void prepare() {
        CompletableFuture<Prepared> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> future.complete(new Prepared(configureLogging(), loadSettings())),
                "hotcore-startup");
        thread.setDaemon(true);
        thread.start();
        prepared = future;
    }

    @Override
    public void start(Stage stage) {
        if (prepared == null) {
            prepare();
        }
        Prepared ready = prepared.join();
        logFile = ready.logFile();
        Settings settings = ready.settings();
        ExplorerLauncher.Options options = ExplorerLauncher.parse(getParameters().getRaw());
        if (!options.ignored().isEmpty()) {
            log.warn("Ignoring unknown window arguments {}", options.ignored());
        }

        model = new ExplorerModel();
        window = new ExplorerWindow(stage, model, settings == null ? WindowPreferences.inMemory()
                : new SettingsPreferences(settings));
        installUncaughtHandler(stage);
        window.setOnConnect(choice -> model.open(choice.settings(), false, version -> {
            log.info("Connected to Redis {}", version);
            // The demo server stops only once the new connection works, so a failed connect keeps the demo.
            stopDemo();
        }));
        window.setOnAbout(this::showAbout);
        window.show();
        if (options.smokeTest()) {
            smokeTest = SmokeTest.start(stage, model, options.redisUrl() == null);
        }
        log.info("HotCore Explorer {} started; window shown {} ms after the JVM started",
                AboutDialog.programVersion(), System.currentTimeMillis()
                        - ManagementFactory.getRuntimeMXBean().getStartTime());

        if (options.redisUrl() != null) {
            openUrl(options.redisUrl());
        } else {
            startDemo();
        }
    }

    private static Path configureLogging() {
        try {
            return Logging.configure();
        } catch (RuntimeException e) {
            log.warn("Could not set up the log file; logging to the console only", e);
            return null;
        }
    }

    private static Settings loadSettings() {
        try {
            return Settings.load();
        } catch (RuntimeException e) {
            log.warn("Could not load the settings; using defaults that are not saved", e);
            return null;
        }
    }

    private void installUncaughtHandler(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            log.error("Uncaught exception in thread {}", thread.getName(), error);
            ExplorerWindow.showUnexpected(stage, error);
        });
    }

    private void openUrl(String url) {
        RedisSettings redis;
        try {
            redis = RedisSettings.parse(url).build().withPasswordFrom(System.getenv());
        } catch (IllegalArgumentException e) {
            model.status().failed("read the --redis URL", e);
            return;
        }
        model.open(redis, false, version -> log.info("Connected to Redis {}", version));
    }

    // ---------------------------------------------------------------- demo database

    private void startDemo() {
        model.status().demoFill("Starting a temporary demo database…", -1);
        model.background().submit("start the demo database", (progress, cancellation) -> EmbeddedDemo.start(),
                started -> {
                    demo = started;
                    log.info("Started the temporary demo database at {}", started.url());
                    RedisSettings redis = RedisSettings.parse(started.url()).build();
                    model.open(redis, true, version -> fillDemo());
                },
                error -> {
                    model.status().demoFill("", -1);
                    model.status().failed("start the demo database", error);
                });
    }

    private void fillDemo() {
        HotcoreStore store = model.getStore();
        model.status().demoFill("Writing demo data", 0);
        fillTask = model.background().submit("fill the demo database",
                (progress, cancellation) -> DemoDatabase.fill(store, progress, cancellation),
                stats -> {
                    stopDemoRefresh();
                    model.status().demoFill("Demo data: " + stats.entities() + " entities", 1);
                    log.info("Demo database filled: {} entities in {} ms", stats.entities(), stats.elapsedMillis());
                    window.refresh();
                    if (smokeTest != null) {
                        smokeTest.demoFilled();
                    }
                },
                error -> {
                    stopDemoRefresh();
                    model.status().demoFill("", -1);
                    model.status().failed("fill the demo database", error);
                    window.refresh();
                });
        fillTask.progressProperty().subscribe(progress -> {
            if (fillTask != null && fillTask.isRunning()) {
                model.status().demoFill("Writing demo data", progress.doubleValue());
            }
        });
        // Top-level ids and their counts follow the fill; expanded nodes are refreshed once when it ends.
        demoRefresh = new Timeline(new KeyFrame(DEMO_REFRESH, event -> model.tree().loadTopLevel(() -> { })));
        demoRefresh.setCycleCount(Timeline.INDEFINITE);
        demoRefresh.play();
    }

    private void stopDemoRefresh() {
        if (demoRefresh != null) {
            demoRefresh.stop();
            demoRefresh = null;
        }
    }

    private void stopDemo() {
        stopDemoRefresh();
        if (fillTask != null) {
            fillTask.cancel();
            fillTask = null;
        }
        EmbeddedDemo running = demo;
        demo = null;
        if (running != null) {
            // Closing stops a local process; the connection to it is closed when the next one replaces it.
            model.background().submit("stop the demo database", (progress, cancellation) -> {
                running.close();
                return Boolean.TRUE;
            }, done -> log.info("Stopped the temporary demo database"),
                    error -> log.warn("Could not stop the demo database", error));
        }
    }

    // ---------------------------------------------------------------- about

    private void showAbout() {
        HotcoreStore store = model.getStore();
        if (store == null) {
            AboutDialog.create(window.stage(), AboutDialog.text(null, logFile)).show();
            return;
        }
        model.background().submit("read the Redis version", (progress, cancellation) -> store.connection().ping(),
                version -> AboutDialog.create(window.stage(), AboutDialog.text(version, logFile)).show(),
                error -> {
                    log.warn("Could not read the Redis version for the About window", error);
                    AboutDialog.create(window.stage(), AboutDialog.text("unknown (" + error.getMessage() + ")",
                            logFile)).show();
                });
    }

    @Override
    public void stop() {
        stopDemoRefresh();
        if (fillTask != null) {
            fillTask.cancel();
        }
        if (model != null) {
            model.close();
        }
        EmbeddedDemo running = demo;
        demo = null;
        if (running != null) {
            running.close();
            log.info("Stopped the temporary demo database");
        }
        log.info("HotCore Explorer stopped");
    }

    /** Window preferences kept in {@link Settings} and saved on every change. */
    private static final class SettingsPreferences implements WindowPreferences {
        private final Settings settings;

        SettingsPreferences(Settings settings) {
            this.settings = settings;
        }

        @Override
        public boolean isDarkTheme() {
            return Settings.DARK.equals(settings.getTheme());
        }

        @Override
        public void setDarkTheme(boolean dark) {
            settings.setTheme(dark ? Settings.DARK : Settings.LIGHT);
            save();
        }

        @Override
        public List<String> recentConnections() {
            return settings.getRecentConnections().stream().map(Settings.RecentConnection::url).toList();
        }

        @Override
        public void rememberConnection(String urlWithoutPassword, String caFile) {
            settings.remember(new Settings.RecentConnection(urlWithoutPassword,
                    urlWithoutPassword.startsWith("rediss://"), caFile, null, null));
            save();
        }

        private void save() {
            try {
                settings.save();
            } catch (RuntimeException e) {
                log.warn("Could not save the settings to {}", settings.file(), e);
            }
        }
    }
}
