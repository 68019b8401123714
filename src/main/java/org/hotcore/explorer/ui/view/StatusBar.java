package org.hotcore.explorer.ui.view;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.hotcore.explorer.ui.model.Background;
import org.hotcore.explorer.ui.model.StatusModel;

/** The status bar: connection, database, what is being loaded, the demo fill progress and the last error. */
public final class StatusBar {

    public static final String BAR_ID = "statusBar";
    public static final String CONNECTION_ID = "connectionStatus";
    public static final String DATABASE_ID = "databaseStatus";
    public static final String ACTIVITY_ID = "activityStatus";
    public static final String DEMO_PROGRESS_ID = "demoProgress";
    public static final String ERROR_ID = "errorStatus";
    public static final String READ_ONLY_ID = "readOnlyStatus";

    private final HBox root = new HBox(8);
    private final Region spacer = new Region();

    public StatusBar(StatusModel status, Background background) {
        root.setId(BAR_ID);
        root.getStyleClass().add(StyleClasses.STATUS_BAR);
        root.getStylesheets().add(Stylesheets.STATUS);
        root.setAlignment(Pos.CENTER_LEFT);

        Label connection = label(CONNECTION_ID);
        connection.textProperty().bind(status.connectionProperty());
        Label database = label(DATABASE_ID);
        database.textProperty().bind(status.databaseProperty());
        Label readOnly = label(READ_ONLY_ID);
        readOnly.setText("read-only");
        readOnly.getStyleClass().add(StyleClasses.STATUS_ERROR);
        readOnly.visibleProperty().bind(status.readOnlyProperty());
        readOnly.managedProperty().bind(readOnly.visibleProperty());

        ProgressIndicator working = new ProgressIndicator();
        working.setPrefSize(14, 14);
        working.setMaxSize(14, 14);
        working.visibleProperty().bind(background.runningProperty().greaterThan(0));
        Label activity = label(ACTIVITY_ID);
        activity.textProperty().bind(status.activityProperty());

        Label demoState = label("demoState");
        demoState.textProperty().bind(status.demoStateProperty());
        ProgressBar demoProgress = new ProgressBar();
        demoProgress.setId(DEMO_PROGRESS_ID);
        demoProgress.setPrefWidth(120);
        demoProgress.progressProperty().bind(status.demoProgressProperty());
        demoProgress.visibleProperty().bind(status.demoProgressProperty().greaterThanOrEqualTo(0)
                .and(status.demoProgressProperty().lessThan(1)));
        demoProgress.managedProperty().bind(demoProgress.visibleProperty());

        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label error = label(ERROR_ID);
        error.getStyleClass().add(StyleClasses.STATUS_ERROR);
        error.textProperty().bind(Bindings.createStringBinding(() -> status.getFailure() == null ? ""
                : status.getFailure().message(), status.failureProperty()));
        error.setMinWidth(0);
        error.setMaxWidth(520);

        root.getChildren().addAll(connection, new Separator(Orientation.VERTICAL), database, readOnly,
                new Separator(Orientation.VERTICAL), working, activity, spacer, demoState, demoProgress, error);
    }

    private static Label label(String id) {
        Label label = new Label();
        label.setId(id);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /** Adds the monitor summary on the right, before the demo progress and the error, and a separator after it. */
    public void addMonitor(Node summary) {
        int at = root.getChildren().indexOf(spacer) + 1;
        root.getChildren().addAll(at, List.of(summary, new Separator(Orientation.VERTICAL)));
    }

    public HBox view() {
        return root;
    }
}
