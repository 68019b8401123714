package org.hotcore.explorer.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.hotcore.explorer.core.CancelledException;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.IntegrityCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The integrity check of the window: runs {@link IntegrityCheck} and its repair as jobs, keeps the violations of the
 * last check and the changes of the last repair. A repair is followed by a new check. Call every method on the FX
 * thread.
 */
public final class IntegrityChecks {

    private static final Logger log = LoggerFactory.getLogger(IntegrityChecks.class);

    private final JobsModel jobs;
    private final StatusModel status;
    private final Supplier<HotcoreStore> store;
    private final ObservableList<IntegrityCheck.Violation> violations = FXCollections.observableArrayList();
    private final ObservableList<String> changes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<IntegrityCheck.Report> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<Job> job = new ReadOnlyObjectWrapper<>(this, "job");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary",
            "The check has not run yet.");

    IntegrityChecks(JobsModel jobs, StatusModel status, Supplier<HotcoreStore> store) {
        this.jobs = jobs;
        this.status = status;
        this.store = store;
    }

    /** The violations kept by the last finished check, in the order it found them. */
    public ObservableList<IntegrityCheck.Violation> getViolations() {
        return violations;
    }

    /** One line per problem the last repair handled: what it did and what it wrote; empty by default. */
    public ObservableList<String> getChanges() {
        return changes;
    }

    /** The report of the last finished check; null by default. */
    public ReadOnlyObjectProperty<IntegrityCheck.Report> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public IntegrityCheck.Report getReport() {
        return report.get();
    }

    /** The check or repair job running now or last run; null by default. */
    public ReadOnlyObjectProperty<Job> jobProperty() {
        return job.getReadOnlyProperty();
    }

    public Job getJob() {
        return job.get();
    }

    /** Tells whether a check or repair runs now. */
    public boolean isRunning() {
        return job.get() != null && job.get().isActive();
    }

    /** One line about the last check, such as "Valid: 12 entities checked"; a hint before the first run. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public String getSummary() {
        return summary.get();
    }

    /** Starts a check of the whole database as a job; does nothing while a check or repair runs. */
    public Job check() {
        HotcoreStore current = store.get();
        if (current == null || isRunning()) {
            return null;
        }
        summary.set("Checking…");
        Job started = jobs.start("Check integrity",
                (progress, cancellation) -> IntegrityCheck.run(current, progress, cancellation),
                (finished, result) -> {
                    show(result);
                    finished.finish(result.cancelled() ? Job.State.CANCELLED : Job.State.SUCCEEDED,
                            summary.get());
                },
                (finished, error) -> {
                    if (error instanceof CancelledException) {
                        summary.set("The check was cancelled.");
                        finished.finish(Job.State.CANCELLED, summary.get());
                        return;
                    }
                    summary.set("The check failed: " + reason(error));
                    finished.finish(Job.State.FAILED, summary.get());
                    status.failed("check integrity", error);
                });
        job.set(started);
        return started;
    }

    /**
     * Starts a repair of the whole database as a job; when it ends, {@code afterRepair} runs and the check runs
     * again. Does nothing while a check or repair runs. A read-only store rejects the repair before it writes.
     */
    public Job repair(Runnable afterRepair) {
        HotcoreStore current = store.get();
        if (current == null || isRunning()) {
            return null;
        }
        summary.set("Repairing…");
        changes.clear();
        Job started = jobs.start("Repair integrity",
                (progress, cancellation) -> IntegrityCheck.repair(current, null, IntegrityCheck.Options.DEFAULT,
                        progress, cancellation, repair -> { }),
                (finished, result) -> {
                    List<String> lines = new ArrayList<>();
                    for (IntegrityCheck.Repair repair : result.repairs()) {
                        lines.add(repair.outcome().name().toLowerCase(Locale.ROOT) + " "
                                + repair.violation().kind().label() + ": " + repair.change());
                    }
                    changes.setAll(lines);
                    String message = "Repair: " + result.fixed() + " fixed, " + result.unchanged()
                            + " already gone, " + result.manual() + " left for a person, " + result.failed()
                            + " failed";
                    log.info("{} in {} passes", message, result.passes());
                    finished.finish(result.after().cancelled() ? Job.State.CANCELLED : Job.State.SUCCEEDED, message);
                    afterRepair.run();
                    check();
                },
                (finished, error) -> {
                    String message = error instanceof CancelledException ? "The repair was cancelled."
                            : "The repair failed: " + reason(error);
                    summary.set(message);
                    finished.finish(error instanceof CancelledException ? Job.State.CANCELLED : Job.State.FAILED,
                            message);
                    if (!(error instanceof CancelledException)) {
                        status.failed("repair", error);
                    }
                    afterRepair.run();
                });
        job.set(started);
        return started;
    }

    private void show(IntegrityCheck.Report result) {
        report.set(result);
        violations.setAll(result.violations());
        String counted = result.entities() + " entities, " + result.childrenSets() + " children sets, "
                + result.indexSets() + " index sets checked";
        if (result.cancelled()) {
            summary.set("Cancelled after " + result.keysScanned() + " keys: " + result.violationCount()
                    + " problems so far (" + counted + ")");
        } else if (result.valid()) {
            summary.set("Valid: " + counted);
        } else {
            summary.set(result.violationCount() + (result.violationCount() == 1 ? " problem" : " problems")
                    + (result.truncated() ? ", the first " + result.violations().size() + " listed" : "")
                    + " (" + counted + ")");
        }
    }

    private static String reason(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }
}
