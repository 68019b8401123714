package org.hotcore.explorer.ui.model;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * Runs an action on the FX thread after {@link #request()}, at most once per {@link #INTERVAL_MILLIS} ms. Requests
 * made while a run is queued join that run. So a worker that reports progress thousands of times a second queues
 * one update at a time, and the window redraws a job's progress a few times a second, not at every frame.
 */
final class FxCoalescer {

    /** Minimum time between the starts of two runs. */
    static final long INTERVAL_MILLIS = 100;

    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS);

    /** Delays runs requested too soon after the one before. One daemon thread serves all coalescers. */
    private static final ScheduledExecutorService DELAYS = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("fx-coalescer").factory());

    private final Runnable action;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastRun = System.nanoTime() - INTERVAL_NANOS;

    FxCoalescer(Runnable action) {
        this.action = action;
    }

    /** Asks for one run of the action on the FX thread; callable from any thread. */
    void request() {
        if (pending.compareAndSet(false, true)) {
            long wait = lastRun + INTERVAL_NANOS - System.nanoTime();
            if (wait <= 0) {
                Platform.runLater(this::run);
            } else {
                DELAYS.schedule(() -> Platform.runLater(this::run), wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void run() {
        // The time first: a request that comes once pending is clear must see this run and wait its interval.
        lastRun = System.nanoTime();
        pending.set(false);
        action.run();
    }
}
