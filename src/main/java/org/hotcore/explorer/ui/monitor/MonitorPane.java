package org.hotcore.explorer.ui.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.hotcore.explorer.monitor.Sample;
import org.hotcore.explorer.monitor.Units;
import org.hotcore.explorer.monitor.Warning;

/**
 * The monitor pane: the warnings and a grid of charts over the last five minutes. It is docked below the window's
 * content or detached into a window of its own, and while it shows, the {@link MonitorModel} samples every figure.
 */
public final class MonitorPane {

    public static final String PANE_ID = "monitorPane";
    public static final String WARNINGS_ID = "monitorWarnings";
    public static final String DETACH_ID = "monitorDetach";
    public static final String HIDE_ID = "monitorHide";
    public static final String HEAP_ID = "monitorHeap";
    public static final String GC_ID = "monitorGc";
    public static final String REDIS_MEMORY_ID = "monitorRedisMemory";
    public static final String REDIS_LOAD_ID = "monitorRedisLoad";
    public static final String FRAGMENTATION_ID = "monitorFragmentation";
    public static final String OWN_CONNECTIONS_ID = "monitorOwnConnections";
    public static final String QUEUE_ID = "monitorQueue";
    public static final String COMMANDS_ID = "monitorCommands";
    public static final String TRANSACTIONS_ID = "monitorTransactions";
    public static final String JOBS_ID = "monitorJobs";

    /** Legend name of the commands-per-second line in the {@link #COMMANDS_ID} chart. */
    public static final String COMMANDS_SENT = "commands sent/s";

    static final String PANE = "monitor-pane";
    static final String HEADER = "monitor-header";
    static final String TITLE = "monitor-title";
    static final String WARNING = "monitor-warning";
    static final String TILE = "monitor-tile";
    static final String CHART = "monitor-chart";
    static final String CHART_TITLE = "monitor-chart-title";
    static final String CHART_VALUE = "monitor-chart-value";

    private static final int COLUMNS = 5;
    private static final double MIB = 1024.0 * 1024.0;

    private final MonitorModel model;
    private final Stage owner;
    private final BorderPane root = new BorderPane();
    private final VBox warnings = new VBox(2);
    private final Button detach = new Button();
    private final List<ChartTile> tiles;
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", false);
    private final ReadOnlyBooleanWrapper detached = new ReadOnlyBooleanWrapper(this, "detached", false);
    private final SplitPane dock = new SplitPane();
    private Stage window;
    /** The time x = 0 of the charts: the first sample after they were last cleared. */
    private Instant origin;

    /**
     * Builds the pane for {@code model}; {@code owner} is the main window, which owns the detached window.
     */
    public MonitorPane(MonitorModel model, Stage owner) {
        this.model = model;
        this.owner = owner;
        tiles = tiles();
        root.setId(PANE_ID);
        root.getStyleClass().add(PANE);
        root.getStylesheets().add(MonitorStyles.MONITOR);

        Label title = new Label("Monitor");
        title.getStyleClass().add(TITLE);
        Label note = new Label("one sample per second, last 5 minutes");
        note.getStyleClass().add(CHART_VALUE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        detach.setId(DETACH_ID);
        detach.textProperty().bind(detached.getReadOnlyProperty().map(on -> on ? "Dock" : "Detach"));
        detach.setOnAction(event -> setDetached(!detached.get()));
        Button hide = new Button("Hide");
        hide.setId(HIDE_ID);
        hide.setOnAction(event -> shown.set(false));
        HBox header = new HBox(10, title, note, spacer, detach, hide);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add(HEADER);

        warnings.setId(WARNINGS_ID);
        warnings.managedProperty().bind(warnings.visibleProperty());
        warnings.setVisible(false);

        GridPane grid = new GridPane(8, 8);
        for (int column = 0; column < COLUMNS; column++) {
            ColumnConstraints constraints = new ColumnConstraints(200, 260, Double.MAX_VALUE);
            constraints.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(constraints);
        }
        for (int i = 0; i < tiles.size(); i++) {
            grid.add(tiles.get(i).view(), i % COLUMNS, i / COLUMNS);
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        root.setTop(new VBox(header, warnings));
        root.setCenter(scroll);
        root.setMinHeight(0);

        dock.setOrientation(Orientation.VERTICAL);
        model.sampleProperty().subscribe(this::showLatest);
        model.warnings().addListener((ListChangeListener<Warning>) change -> showWarnings());
        model.history().addListener(this::historyChanged);
        shown.subscribe(this::place);
        model.detailedProperty().bind(shown);
    }

    private List<ChartTile> tiles() {
        return List.of(
                new ChartTile(HEAP_ID, "JVM heap (MiB)", s -> Units.bytes(s.jvm().heapUsed()) + " used, "
                        + Units.bytes(s.jvm().heapCommitted()) + " committed, max "
                        + (s.jvm().heapMax() == null ? "none" : Units.bytes(s.jvm().heapMax())), List.of(
                        new ChartTile.Line("used", s -> s.jvm().heapUsed() / MIB),
                        new ChartTile.Line("committed", s -> s.jvm().heapCommitted() / MIB),
                        new ChartTile.Line("max", s -> s.jvm().heapMax() == null ? null : s.jvm().heapMax() / MIB))),
                new ChartTile(GC_ID, "Garbage collection", s -> String.format(Locale.ROOT,
                        "%,d collections, %,d ms in total", s.jvm().gcCount(), s.jvm().gcTimeMillis()), List.of(
                        new ChartTile.Line("collections/s", s -> s.jvm().gcPerSecond()),
                        new ChartTile.Line("GC ms/s", s -> s.jvm().gcMillisPerSecond()))),
                new ChartTile(REDIS_MEMORY_ID, "Redis memory (MiB)", MonitorPane::redisMemory, List.of(
                        new ChartTile.Line("used_memory", s -> mib(s.redis().usedMemory())),
                        new ChartTile.Line("used_memory_peak", s -> mib(s.redis().usedMemoryPeak())),
                        new ChartTile.Line("maxmemory", s -> s.redis().maxmemory() == null
                                || s.redis().maxmemory() == 0 ? null : mib(s.redis().maxmemory())))),
                new ChartTile(REDIS_LOAD_ID, "Redis load", s -> redis(s, String.format(Locale.ROOT,
                        "%s ops/s, clients %s", number(s.redis().opsPerSecond()),
                        number(s.redis().connectedClients()))), List.of(
                        new ChartTile.Line("instantaneous_ops_per_sec", s -> s.redis().opsPerSecond()),
                        new ChartTile.Line("connected_clients", s -> s.redis().connectedClients()))),
                new ChartTile(FRAGMENTATION_ID, "Redis fragmentation ratio", s -> redis(s,
                        s.redis().fragmentationRatio() == null ? "?" : String.format(Locale.ROOT, "%.2f",
                                s.redis().fragmentationRatio())), List.of(
                        new ChartTile.Line("mem_fragmentation_ratio", s -> s.redis().fragmentationRatio()))),
                new ChartTile(OWN_CONNECTIONS_ID, "This program's connections", MonitorPane::ownConnections,
                        List.of(new ChartTile.Line("query buffer (KiB)", s -> s.clients().available()
                                        ? s.clients().queryBuffer() / 1024.0 : null),
                                new ChartTile.Line("queued in MULTI", s -> s.clients().available()
                                        ? s.clients().multiQueued() : null))),
                new ChartTile(QUEUE_ID, "Command queue", s -> s.queue() == null ? "not connected"
                        : String.format(Locale.ROOT, "%,d now, %,d at most, limit %,d", s.queue().queuedNow(),
                        s.queue().maxQueued(), s.queue().limit()), List.of(
                        new ChartTile.Line("queued now", s -> s.queue() == null ? null : s.queue().queuedNow()),
                        new ChartTile.Line("most at once", s -> s.queue() == null ? null : s.queue().maxQueued()),
                        new ChartTile.Line("limit", s -> s.queue() == null ? null : s.queue().limit()))),
                new ChartTile(COMMANDS_ID, "Commands per second", s -> s.queue() == null ? "not connected"
                        : String.format(Locale.ROOT, "%s sent/s, %s round trips/s; %,d round trips in total",
                        Units.rate(s.queue().sentPerSecond()), Units.rate(s.queue().roundTripsPerSecond()),
                        s.queue().roundTrips()), List.of(
                        new ChartTile.Line(COMMANDS_SENT, s -> s.queue() == null ? null : s.queue().sentPerSecond()),
                        new ChartTile.Line("round trips/s", s -> s.queue() == null ? null
                                : s.queue().roundTripsPerSecond()))),
                new ChartTile(TRANSACTIONS_ID, "Transactions (total)", s -> s.queue() == null ? "not connected"
                        : String.format(Locale.ROOT, "%,d committed, %,d aborted by WATCH, %,d retried",
                        s.queue().committed(), s.queue().aborted(), s.queue().retried()), List.of(
                        new ChartTile.Line("committed", s -> s.queue() == null ? null : s.queue().committed()),
                        new ChartTile.Line("aborted by WATCH", s -> s.queue() == null ? null : s.queue().aborted()),
                        new ChartTile.Line("retried", s -> s.queue() == null ? null : s.queue().retried()))),
                new ChartTile(JOBS_ID, "Background jobs", s -> s.jobs().running() + " running, "
                        + s.jobs().waiting() + " waiting", List.of(
                        new ChartTile.Line("running", s -> s.jobs().running()),
                        new ChartTile.Line("waiting", s -> s.jobs().waiting()))));
    }

    private static String redisMemory(Sample s) {
        Sample.Redis redis = s.redis();
        return redis(s, bytes(redis.usedMemory()) + " used, peak " + bytes(redis.usedMemoryPeak()) + ", max "
                + (redis.maxmemory() == null || redis.maxmemory() == 0 ? "not set" : Units.bytes(redis.maxmemory())));
    }

    private static String ownConnections(Sample s) {
        Sample.Clients clients = s.clients();
        return switch (clients.status()) {
            case AVAILABLE -> String.format(Locale.ROOT, "%d %s, query buffers %s, %,d queued in MULTI",
                    clients.connections(), clients.connections() == 1 ? "connection" : "connections",
                    Units.bytes(clients.queryBuffer()), clients.multiQueued());
            case NOT_SAMPLED -> "not sampled";
            case UNAVAILABLE -> "unavailable: " + clients.error();
        };
    }

    private static String redis(Sample s, String text) {
        return s.redis().status() == Sample.Status.AVAILABLE ? text : "unavailable: " + s.redis().error();
    }

    private static Double mib(Long bytes) {
        return bytes == null ? null : bytes / MIB;
    }

    private static String bytes(Long bytes) {
        return bytes == null ? "?" : Units.bytes(bytes);
    }

    private static String number(Long value) {
        return value == null ? "?" : String.format(Locale.ROOT, "%,d", value);
    }

    private void showLatest(Sample sample) {
        if (sample != null && sample.detailed()) {
            for (ChartTile tile : tiles) {
                tile.showLatest(sample);
            }
        }
    }

    private void showWarnings() {
        warnings.getChildren().setAll(model.warnings().stream().map(warning -> {
            Label label = new Label(warning.message());
            label.getStyleClass().add(WARNING);
            label.setMaxWidth(Double.MAX_VALUE);
            return (Node) label;
        }).toList());
        warnings.setVisible(!model.warnings().isEmpty());
    }

    private void historyChanged(ListChangeListener.Change<? extends Sample> change) {
        if (model.history().isEmpty()) {
            tiles.forEach(ChartTile::clear);
            origin = null;
            return;
        }
        while (change.next()) {
            if (change.wasAdded()) {
                if (origin == null) {
                    origin = change.getAddedSubList().getFirst().time();
                }
                for (Sample sample : change.getAddedSubList()) {
                    for (ChartTile tile : tiles) {
                        tile.add(sample, origin, MonitorModel.HISTORY);
                    }
                }
            }
        }
    }

    /**
     * Puts {@code content} above the docked monitor and returns the node to show in its place; the monitor is added
     * below it while it shows docked.
     */
    public Node dock(Node content) {
        dock.getItems().setAll(content);
        place(shown.get());
        return dock;
    }

    /** Whether the pane shows, docked or in its own window; false by default. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    public boolean isShown() {
        return shown.get();
    }

    public void setShown(boolean value) {
        shown.set(value);
    }

    /** Whether the pane shows in a window of its own; false by default. */
    public ReadOnlyBooleanProperty detachedProperty() {
        return detached.getReadOnlyProperty();
    }

    public boolean isDetached() {
        return detached.get();
    }

    /** Moves the pane into a window of its own, or back below the content; showing it either way. */
    public void setDetached(boolean value) {
        if (value == detached.get()) {
            return;
        }
        removeFromWindow();
        detached.set(value);
        shown.set(true);
        place(true);
    }

    /** Returns the chart tile with the given id, for tests. */
    ChartTile tile(String id) {
        return tiles.stream().filter(tile -> tile.id().equals(id)).findFirst().orElseThrow();
    }

    /** Returns the values of the commands-sent line of the commands chart, oldest first. */
    public List<Double> commandsSentValues() {
        return tile(COMMANDS_ID).values(COMMANDS_SENT);
    }

    private void place(boolean show) {
        dock.getItems().remove(root);
        if (!show) {
            removeFromWindow();
            detached.set(false);
            return;
        }
        if (detached.get()) {
            showWindow();
        } else if (!dock.getItems().isEmpty()) {
            dock.getItems().add(root);
            dock.setDividerPositions(0.5);
        }
    }

    private void showWindow() {
        if (window == null) {
            window = new Stage();
            window.initOwner(owner);
            window.setTitle("HotCore Explorer — Monitor");
            window.setScene(new Scene(new BorderPane(), 1280, 460));
            // Closing the monitor window hides the monitor; it docks again the next time it is shown.
            window.setOnCloseRequest(event -> shown.set(false));
        }
        ((BorderPane) window.getScene().getRoot()).setCenter(root);
        window.show();
    }

    private void removeFromWindow() {
        if (window != null) {
            ((BorderPane) window.getScene().getRoot()).setCenter(null);
            window.hide();
        }
    }
}
