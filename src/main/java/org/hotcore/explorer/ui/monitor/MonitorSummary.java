package org.hotcore.explorer.ui.monitor;

import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The monitor's part of the status bar: heap, Redis memory, queue and jobs on one line, and the first warning.
 * A click shows or hides the monitor pane.
 */
public final class MonitorSummary {

    public static final String SUMMARY_ID = "monitorSummary";
    public static final String WARNING_ID = "monitorStatusWarning";

    static final String SUMMARY = "monitor-summary";
    static final String STATUS_WARNING = "monitor-status-warning";

    private final HBox root = new HBox(8);

    public MonitorSummary(MonitorModel model, MonitorPane pane) {
        root.getStylesheets().add(MonitorStyles.MONITOR);
        root.setAlignment(Pos.CENTER_LEFT);
        Label warning = new Label();
        warning.setId(WARNING_ID);
        warning.getStyleClass().add(STATUS_WARNING);
        warning.textProperty().bind(model.warningTextProperty());
        warning.visibleProperty().bind(model.warningTextProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        warning.setMinWidth(0);
        warning.setMaxWidth(420);
        Label summary = new Label();
        summary.setId(SUMMARY_ID);
        summary.getStyleClass().add(SUMMARY);
        summary.textProperty().bind(model.summaryProperty());
        summary.setMinWidth(Region.USE_PREF_SIZE);
        summary.setCursor(Cursor.HAND);
        summary.setTooltip(new Tooltip("Show or hide the monitor (View › Monitor)"));
        root.getChildren().addAll(warning, summary);
        root.setOnMouseClicked(event -> pane.setShown(!pane.isShown()));
    }

    public HBox view() {
        return root;
    }
}
