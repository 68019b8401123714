package org.hotcore.explorer.ui.view;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.hotcore.explorer.ui.model.Job;
import org.hotcore.explorer.ui.model.JobsModel;

/**
 * Lists the running and recently finished jobs. Each row has the title, a progress bar, done / total with the rate per
 * second and the time left, and Cancel. A finished job shows how it ended until it is dismissed. The panel is hidden
 * while there is no job.
 */
public final class JobsPanel {

    public static final String PANEL_ID = "jobsPanel";

    private final VBox root = new VBox(6);
    private final VBox rows = new VBox(6);
    private final Map<Job, Node> rowsByJob = new HashMap<>();

    public JobsPanel(JobsModel jobs) {
        root.setId(PANEL_ID);
        root.getStyleClass().add(StyleClasses.JOBS_PANEL);
        root.getStylesheets().add(Stylesheets.JOBS);
        Label heading = new Label("Jobs");
        heading.getStyleClass().add("jobs-heading");
        root.getChildren().addAll(heading, rows);
        root.visibleProperty().bind(Bindings.isNotEmpty(jobs.getJobs()));
        root.managedProperty().bind(root.visibleProperty());
        jobs.getJobs().forEach(job -> add(jobs, job));
        jobs.getJobs().addListener((ListChangeListener<Job>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(job -> rows.getChildren().remove(rowsByJob.remove(job)));
                change.getAddedSubList().forEach(job -> add(jobs, job));
            }
        });
    }

    public VBox view() {
        return root;
    }

    private void add(JobsModel jobs, Job job) {
        Label title = new Label(job.getTitle());
        title.getStyleClass().add(StyleClasses.JOB_TITLE);
        title.setMinWidth(0);
        Button cancel = new Button("Cancel");
        cancel.getStyleClass().addAll(StyleClasses.JOB_CANCEL, "small");
        cancel.setOnAction(event -> job.cancel());
        cancel.disableProperty().bind(job.stateProperty().isNotEqualTo(Job.State.RUNNING));
        cancel.visibleProperty().bind(Bindings.createBooleanBinding(job::isActive, job.stateProperty()));
        cancel.managedProperty().bind(cancel.visibleProperty());
        Button dismiss = new Button("Dismiss");
        dismiss.getStyleClass().addAll(StyleClasses.JOB_DISMISS, "small", "flat");
        dismiss.setOnAction(event -> jobs.dismiss(job));
        dismiss.visibleProperty().bind(cancel.visibleProperty().not());
        dismiss.managedProperty().bind(dismiss.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(6, title, spacer, cancel, dismiss);
        top.setAlignment(Pos.CENTER_LEFT);

        ProgressBar bar = new ProgressBar();
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(Bindings.createDoubleBinding(() -> job.getTotal() > 0
                ? Math.min(1, (double) job.getDone() / job.getTotal())
                : job.isActive() ? -1 : 1, job.doneProperty(), job.totalProperty(), job.stateProperty()));

        Label detail = new Label();
        detail.getStyleClass().add(StyleClasses.JOB_DETAIL);
        detail.textProperty().bind(Bindings.createStringBinding(() -> detail(job), job.doneProperty(),
                job.totalProperty(), job.rateProperty(), job.secondsLeftProperty(), job.stateProperty(),
                job.messageProperty()));
        detail.setWrapText(true);

        VBox row = new VBox(4, top, bar, detail);
        row.getStyleClass().add(StyleClasses.JOB_ROW);
        job.stateProperty().subscribe(state -> row.pseudoClassStateChanged(StyleClasses.JOB_FAILED,
                state == Job.State.FAILED));
        rowsByJob.put(job, row);
        rows.getChildren().add(row);
    }

    /** Returns the line under the progress bar: counts, rate and time left while running, else how it ended. */
    static String detail(Job job) {
        if (!job.isActive()) {
            return job.getMessage();
        }
        StringBuilder text = new StringBuilder(number(job.getDone()));
        if (job.getTotal() >= 0) {
            text.append(" / ").append(number(job.getTotal()));
        }
        if (job.getRate() > 0) {
            text.append(" · ").append(number(Math.round(job.getRate()))).append("/s");
        }
        if (job.getSecondsLeft() >= 0) {
            text.append(" · ").append(duration(job.getSecondsLeft())).append(" left");
        }
        if (job.getState() == Job.State.CANCELLING) {
            text.append(" · stopping after this batch");
        }
        return text.toString();
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
