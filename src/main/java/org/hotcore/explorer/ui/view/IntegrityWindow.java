package org.hotcore.explorer.ui.view;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.hotcore.explorer.core.IntegrityCheck;
import org.hotcore.explorer.ui.model.IntegrityChecks;
import org.hotcore.explorer.ui.model.Job;

/**
 * The results of Tools › Check integrity in a window of their own: a summary, the violations as a table of kind,
 * keys, message and fix, Check again, Repair, and the changes of the last repair. Double-click or Enter on a row
 * reveals its entity in the tree. The check and the repair run as jobs with progress and Cancel here and in the
 * jobs panel.
 */
public final class IntegrityWindow {

    public static final String ROOT_ID = "integrityRoot";
    public static final String SUMMARY_ID = "integritySummary";
    public static final String TABLE_ID = "integrityTable";
    public static final String CHECK_ID = "integrityCheckButton";
    public static final String REPAIR_ID = "integrityRepairButton";
    public static final String CANCEL_ID = "integrityCancelButton";
    public static final String PROGRESS_ID = "integrityProgress";
    public static final String CHANGES_ID = "integrityChanges";
    static final String TITLE = "Integrity check";

    private final Stage stage = new Stage();
    private final IntegrityChecks checks;
    private final TableView<IntegrityCheck.Violation> table = new TableView<>();

    /**
     * Creates the window, not shown yet.
     *
     * @param readOnly true while writes are rejected, which disables Repair
     * @param onReveal reveals an id in the tree
     * @param afterRepair runs when a repair ends, to read the tree again
     */
    public IntegrityWindow(Window owner, IntegrityChecks checks, ReadOnlyBooleanProperty readOnly,
                           Consumer<String> onReveal, Runnable afterRepair) {
        this.checks = checks;
        Label summary = new Label();
        summary.setId(SUMMARY_ID);
        summary.setWrapText(true);
        summary.textProperty().bind(checks.summaryProperty());

        table.setId(TABLE_ID);
        table.setPlaceholder(new Label("No problems to show."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("Kind", 150, violation -> violation.kind().label()),
                column("Keys", 220, violation -> String.join(", ", violation.keys())),
                column("Message", 320, IntegrityCheck.Violation::message),
                column("Fix", 260, IntegrityCheck.Violation::fix)));
        table.setItems(checks.getViolations());
        table.setRowFactory(view -> {
            TableRow<IntegrityCheck.Violation> row = new TableRow<>();
            row.setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && !row.isEmpty()) {
                    reveal(row.getItem(), onReveal);
                }
            });
            return row;
        });
        table.setOnKeyPressed(event -> {
            IntegrityCheck.Violation selected = table.getSelectionModel().getSelectedItem();
            if (event.getCode() == KeyCode.ENTER && selected != null) {
                reveal(selected, onReveal);
                event.consume();
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        ProgressBar progress = new ProgressBar();
        progress.setId(PROGRESS_ID);
        progress.setPrefWidth(160);
        Button cancel = new Button("Cancel");
        cancel.setId(CANCEL_ID);
        cancel.setOnAction(event -> {
            Job job = checks.getJob();
            if (job != null) {
                job.cancel();
            }
        });
        checks.jobProperty().subscribe(job -> {
            progress.progressProperty().unbind();
            cancel.disableProperty().unbind();
            if (job == null) {
                progress.setVisible(false);
                cancel.setDisable(true);
                return;
            }
            progress.progressProperty().bind(Bindings.createDoubleBinding(() -> job.getTotal() > 0
                    ? Math.min(1, (double) job.getDone() / job.getTotal()) : job.isActive() ? -1 : 1,
                    job.doneProperty(), job.totalProperty(), job.stateProperty()));
            cancel.disableProperty().bind(job.stateProperty().isNotEqualTo(Job.State.RUNNING));
        });
        progress.visibleProperty().bind(cancel.disableProperty().not());
        progress.managedProperty().bind(progress.visibleProperty());
        cancel.visibleProperty().bind(progress.visibleProperty());
        cancel.managedProperty().bind(progress.visibleProperty());

        Button check = new Button("Check again");
        check.setId(CHECK_ID);
        check.setOnAction(event -> checks.check());
        check.disableProperty().bind(progress.visibleProperty());
        Button repair = new Button("Repair");
        repair.setId(REPAIR_ID);
        repair.setOnAction(event -> checks.repair(afterRepair));
        repair.disableProperty().bind(progress.visibleProperty().or(readOnly)
                .or(Bindings.createBooleanBinding(() -> checks.getReport() == null || checks.getReport().valid(),
                        checks.reportProperty())));
        Label readOnlyHint = new Label("Read-only mode is on: Repair is disabled.");
        readOnlyHint.visibleProperty().bind(readOnly);
        readOnlyHint.managedProperty().bind(readOnly);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, check, repair, readOnlyHint, spacer, progress, cancel);
        buttons.setAlignment(Pos.CENTER_LEFT);

        ListView<String> changes = new ListView<>(checks.getChanges());
        changes.setId(CHANGES_ID);
        changes.setPrefHeight(140);
        changes.setPlaceholder(new Label("No repair has run yet."));

        VBox root = new VBox(8, summary, buttons, table, new Label("Changes of the last repair"), changes);
        root.setId(ROOT_ID);
        root.setPadding(new Insets(10));
        stage.initOwner(owner);
        stage.setTitle(TITLE);
        stage.setScene(new Scene(root, 1000, 560));
    }

    private static TableColumn<IntegrityCheck.Violation, String> column(
            String title, double width, Function<IntegrityCheck.Violation, String> text) {
        TableColumn<IntegrityCheck.Violation, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new SimpleStringProperty(text.apply(cell.getValue())));
        // The full text shows as a tooltip, as uuids make the cells longer than the columns.
        column.setCellFactory(view -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null ? null : new Tooltip(item));
            }
        });
        return column;
    }

    /**
     * Reveals the entity a violation is about. When the tree cannot show that entity, because its parent's children
     * set and its parent pointer disagree or it is no entity, the parent is revealed instead.
     */
    private static void reveal(IntegrityCheck.Violation violation, Consumer<String> onReveal) {
        IntegrityCheck.Subject subject = violation.subject();
        boolean notInTree = switch (violation.kind()) {
            case NOT_LISTED_BY_PARENT, CHILD_WITHOUT_PARENT_POINTER, CHILD_WITHOUT_ENTITY -> true;
            default -> false;
        };
        String id = notInTree && subject.owner() != null ? subject.owner()
                : subject.id() != null ? subject.id() : violation.key();
        if (id != null) {
            onReveal.accept(id);
        }
    }

    /** Shows the window and starts a check unless one runs. */
    public void showAndCheck() {
        stage.show();
        stage.toFront();
        checks.check();
    }

    public Stage stage() {
        return stage;
    }

    public TableView<IntegrityCheck.Violation> table() {
        return table;
    }
}
