package org.hotcore.explorer.ui.view;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.hotcore.explorer.core.RedisSettings;
import org.hotcore.explorer.ui.model.EntityNode;
import org.hotcore.explorer.ui.model.ExplorerModel;
import org.hotcore.explorer.ui.model.StatusModel;
import org.hotcore.explorer.ui.monitor.MonitorPane;
import org.hotcore.explorer.ui.monitor.MonitorSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The explorer window: search and tree on the left, the selected entity on the right, banners on top and the status
 * bar below. It renders the {@link ExplorerModel} and forwards user actions to it.
 */
public final class ExplorerWindow {

    private static final Logger log = LoggerFactory.getLogger(ExplorerWindow.class);

    public static final String ROOT_ID = "explorerRoot";
    public static final String DARK_THEME_ID = "darkThemeMenuItem";
    public static final String MONITOR_MENU_ID = "monitorMenuItem";
    public static final String CHECK_INTEGRITY_ID = "checkIntegrityMenuItem";
    public static final String READ_ONLY_ID = "readOnlyMenuItem";
    static final String TITLE = "HotCore Explorer";

    private final Stage stage;
    private final ExplorerModel model;
    private final WindowPreferences preferences;
    private final TreePane treePane;
    private final DetailsPane detailsPane;
    private final SearchPane searchPane;
    private final TreeActions treeActions;
    private final MonitorPane monitorPane;
    private final BorderPane root = new BorderPane();
    private IntegrityWindow integrityWindow;
    private Consumer<ConnectDialog.Choice> onConnect = choice -> { };
    private Runnable onAbout = () -> { };

    public ExplorerWindow(Stage stage, ExplorerModel model, WindowPreferences preferences) {
        this.stage = stage;
        this.model = model;
        this.preferences = preferences;
        treePane = new TreePane(model.tree(), (id, topLevel) -> model.details().select(id, topLevel));
        detailsPane = new DetailsPane(model.details(), this::reveal);
        searchPane = new SearchPane(model.search(), this::reveal);
        monitorPane = new MonitorPane(model.monitor(), stage);
        treePane.setOnDeleted(this::refresh);
        treeActions = new TreeActions(model, treePane, this::refresh);

        root.setId(ROOT_ID);
        root.getStyleClass().add(StyleClasses.EXPLORER);
        root.getStylesheets().add(Stylesheets.BASE);
        treePane.view().getStylesheets().add(Stylesheets.TREE);

        VBox left = new VBox(8, searchPane.view(), new FocusBar(model.tree()).view(), treePane.view(),
                new JobsPanel(model.jobs()).view());
        left.getStyleClass().add("left-pane");
        VBox.setVgrow(treePane.view(), Priority.ALWAYS);
        SplitPane split = new SplitPane(left, detailsPane.view());
        split.setDividerPositions(0.38);
        SplitPane.setResizableWithParent(left, false);

        Banners banners = new Banners(model.status(), this::reconnect, this::showFailureDetails);
        root.setTop(new VBox(menuBar(), banners.view()));
        root.setCenter(monitorPane.dock(split));
        StatusBar statusBar = new StatusBar(model.status(), model.background());
        statusBar.addMonitor(new MonitorSummary(model.monitor(), monitorPane).view());
        root.setBottom(statusBar.view());

        Scene scene = new Scene(root, 1280, 800);
        installKeys(scene);
        stage.setScene(scene);
        stage.titleProperty().bind(Bindings.createStringBinding(() -> (model.status().isDemo()
                ? TITLE + " — temporary demo database" : TITLE + " — " + model.status().getConnection())
                + (model.status().isReadOnly() ? " — read-only" : ""),
                model.status().demoProperty(), model.status().connectionProperty(),
                model.status().readOnlyProperty()));
        stage.getIcons().addAll(icons());
        applyTheme(preferences.isDarkTheme());
    }

    /** Sets what runs when the user chose a connection in File › Connect. */
    public void setOnConnect(Consumer<ConnectDialog.Choice> action) {
        onConnect = action;
    }

    /** Sets what runs for Help › About. */
    public void setOnAbout(Runnable action) {
        onAbout = action;
    }

    public Stage stage() {
        return stage;
    }

    public TreePane treePane() {
        return treePane;
    }

    public DetailsPane detailsPane() {
        return detailsPane;
    }

    public MonitorPane monitorPane() {
        return monitorPane;
    }

    public void show() {
        stage.show();
        // Built in a later pulse, while the window waits for the user rather than while the user waits for it.
        Platform.runLater(treeActions::prepareDialogs);
    }

    private MenuBar menuBar() {
        MenuItem connect = new MenuItem("Connect…");
        connect.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        connect.setOnAction(event -> connectDialog());
        MenuItem exit = new MenuItem("Exit");
        exit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        exit.setOnAction(event -> stage.close());
        Menu file = new Menu("File", null, connect, new SeparatorMenuItem(), exit);

        MenuItem refresh = new MenuItem("Refresh");
        refresh.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        refresh.setOnAction(event -> refresh());
        MenuItem find = new MenuItem("Search");
        find.setAccelerator(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN));
        find.setOnAction(event -> focusSearch());
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setId(DARK_THEME_ID);
        dark.setSelected(preferences.isDarkTheme());
        dark.selectedProperty().subscribe(selected -> {
            if (selected != preferences.isDarkTheme()) {
                preferences.setDarkTheme(selected);
            }
            applyTheme(selected);
        });
        CheckMenuItem monitor = new CheckMenuItem("Monitor");
        monitor.setId(MONITOR_MENU_ID);
        monitor.setAccelerator(new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        monitor.selectedProperty().bindBidirectional(monitorPane.shownProperty());
        Menu view = new Menu("View", null, refresh, find, new SeparatorMenuItem(), monitor, dark);

        MenuItem check = new MenuItem("Check integrity…");
        check.setId(CHECK_INTEGRITY_ID);
        check.setOnAction(event -> checkIntegrity());
        CheckMenuItem readOnly = new CheckMenuItem("Read-only");
        readOnly.setId(READ_ONLY_ID);
        readOnly.setSelected(model.isReadOnly());
        model.status().readOnlyProperty().subscribe(readOnly::setSelected);
        readOnly.selectedProperty().subscribe(selected -> {
            if (selected != model.isReadOnly()) {
                model.setReadOnly(selected);
            }
        });
        Menu tools = new Menu("Tools", null, check, new SeparatorMenuItem(), readOnly);

        MenuItem about = new MenuItem("About HotCore Explorer");
        about.setOnAction(event -> onAbout.run());
        Menu help = new Menu("Help", null, about);
        return new MenuBar(file, treeActions.editMenu(), view, tools, help);
    }

    private void installKeys(Scene scene) {
        // The menu accelerators cover F5 and Ctrl+F; F2 edits the selected entity's attributes from the tree.
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.F2 && treePane.view().isFocused() && model.details().getId() != null) {
                detailsPane.editSelected();
                event.consume();
            }
        });
    }

    /** Applies PrimerLight or PrimerDark to every window of the program. */
    public static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** Re-reads the top-level ids and every expanded node; expansion and selection stay where entities remain. */
    public void refresh() {
        List<EntityNode> expanded = treePane.expandedNodes();
        String selected = model.details().getId();
        boolean topLevel = model.details().topLevelProperty().get();
        model.tree().refresh(expanded, () -> {
            if (selected != null && model.tree().node(selected) != null) {
                model.details().select(selected, topLevel);
            }
        });
    }

    /** Loads the ancestors of {@code id} as needed, then selects it in the tree. */
    public void reveal(String id) {
        model.tree().reveal(id, treePane::reveal);
    }

    /** Opens the integrity check window, created on first use, and starts a check. */
    public void checkIntegrity() {
        if (integrityWindow == null) {
            integrityWindow = new IntegrityWindow(stage, model.integrity(), model.status().readOnlyProperty(),
                    this::reveal, this::refresh);
        }
        integrityWindow.showAndCheck();
    }

    /** The integrity check window, or null before Tools › Check integrity was first used. */
    public IntegrityWindow integrityWindow() {
        return integrityWindow;
    }

    public void focusSearch() {
        searchPane.field().requestFocus();
        searchPane.field().selectAll();
    }

    private void reconnect() {
        model.reconnect(this::refresh);
    }

    private void connectDialog() {
        ConnectDialog.show(stage, preferences.recentConnections(), System.getenv(),
                        e -> model.status().failed("read the connection settings", e))
                .ifPresent(choice -> {
                    RedisSettings.TlsOptions tls = choice.settings().tlsOptions();
                    preferences.rememberConnection(choice.rememberedUrl(),
                            tls == null || tls.caFile() == null ? null : tls.caFile().toString());
                    onConnect.accept(choice);
                });
    }

    private void showFailureDetails() {
        StatusModel.Failure failure = model.status().getFailure();
        if (failure != null) {
            Alert alert = ErrorDialogs.create(stage, "Failed to " + failure.action(), failure.error());
            alert.show();
        }
    }

    /** Shows an error that no view model handled, such as an uncaught exception. */
    public static void showUnexpected(Stage owner, Throwable error) {
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(() -> showUnexpected(owner, error));
            return;
        }
        try {
            ErrorDialogs.create(owner != null && owner.isShowing() ? owner : null, "Unexpected error", error).show();
        } catch (RuntimeException e) {
            log.error("Could not show the error dialog", e);
        }
    }

    private static List<Image> icons() {
        return List.of(16, 32, 48, 64, 128).stream()
                .map(size -> ExplorerWindow.class.getResource("/org/hotcore/explorer/icons/icon-" + size + ".png"))
                .filter(java.util.Objects::nonNull)
                .map(url -> new Image(url.toExternalForm()))
                .toList();
    }
}
