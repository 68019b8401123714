package org.hotcore.explorer.ui.model;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.Progress;

/**
 * One long background operation as the jobs panel shows it: progress as done / total, the rate per second and the
 * time left, its state and a closing message. The worker reports through {@link #progress()} and reads
 * {@link #cancellation()}; the properties change on the FX thread only.
 */
public final class Job {

    /** The life of a job. */
    public enum State {
        RUNNING, CANCELLING, SUCCEEDED, CANCELLED, FAILED;

        /** Tells whether the job has ended. */
        public boolean isFinished() {
            return this != RUNNING && this != CANCELLING;
        }
    }

    /** The rate is shown once this much time has passed, so the first batch does not give a wild estimate. */
    private static final long RATE_WARM_UP_NANOS = 500_000_000L;

    private final String title;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.RUNNING);
    private final ReadOnlyLongWrapper done = new ReadOnlyLongWrapper(this, "done", 0);
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total", -1);
    private final ReadOnlyDoubleWrapper rate = new ReadOnlyDoubleWrapper(this, "rate", 0);
    private final ReadOnlyLongWrapper secondsLeft = new ReadOnlyLongWrapper(this, "secondsLeft", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private final AtomicLong reportedDone = new AtomicLong();
    private final AtomicLong reportedTotal = new AtomicLong(-1);
    private final FxCoalescer publisher = new FxCoalescer(this::publish);
    private long firstNanos;
    private long firstDone;

    Job(String title) {
        this.title = title;
    }

    /** What the job does, such as "Delete Sales with its subtree". */
    public String getTitle() {
        return title;
    }

    /** The state; {@link State#RUNNING} by default. */
    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State getState() {
        return state.get();
    }

    /** Units finished, such as entities deleted; 0 by default. */
    public ReadOnlyLongProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public long getDone() {
        return done.get();
    }

    /** Units expected, -1 while not known; -1 by default. */
    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public long getTotal() {
        return total.get();
    }

    /** Units per second since the first report, 0 while not known; 0 by default. */
    public ReadOnlyDoubleProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    public double getRate() {
        return rate.get();
    }

    /** Estimated seconds until the end, -1 while not known; -1 by default. */
    public ReadOnlyLongProperty secondsLeftProperty() {
        return secondsLeft.getReadOnlyProperty();
    }

    public long getSecondsLeft() {
        return secondsLeft.get();
    }

    /** How the job ended, or the error; empty while it runs. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public String getMessage() {
        return message.get();
    }

    /** Asks the job to stop at its next safe point, such as between two batches. Call on the FX thread. */
    public void cancel() {
        if (state.get() == State.RUNNING) {
            cancelRequested.set(true);
            state.set(State.CANCELLING);
        }
    }

    /** Tells whether the job runs or is stopping. */
    public boolean isActive() {
        return !state.get().isFinished();
    }

    /** The progress the worker reports to; callable from any thread. */
    Progress progress() {
        return (doneNow, totalNow) -> {
            reportedDone.set(doneNow);
            reportedTotal.set(totalNow);
            publisher.request();
        };
    }

    /** The cancellation the worker checks between steps. */
    Cancellation cancellation() {
        return cancelRequested::get;
    }

    /** The last count the worker reported, read on any thread; used for messages after a failure. */
    long reportedDone() {
        return reportedDone.get();
    }

    /** Ends the job; on the FX thread. */
    void finish(State finalState, String finalMessage) {
        publish();
        state.set(finalState);
        message.set(finalMessage);
        secondsLeft.set(-1);
    }

    private void publish() {
        if (state.get().isFinished()) {
            // A delayed update after finish() has nothing to add.
            return;
        }
        long now = System.nanoTime();
        long doneNow = reportedDone.get();
        long totalNow = reportedTotal.get();
        if (firstNanos == 0) {
            firstNanos = now;
            firstDone = doneNow;
        }
        done.set(doneNow);
        total.set(totalNow);
        long elapsed = now - firstNanos;
        if (elapsed >= RATE_WARM_UP_NANOS) {
            double perSecond = (doneNow - firstDone) * 1e9 / elapsed;
            rate.set(perSecond);
            secondsLeft.set(perSecond > 0 && totalNow >= doneNow ? Math.round((totalNow - doneNow) / perSecond) : -1);
        }
    }
}
