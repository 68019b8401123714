package org.hotcore.explorer.ui.model;

import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * Runs an action on the FX thread after {@link #request()}. Requests made while a run is still queued join that run,
 * so a worker that reports progress thousands of times a second queues at most one update at a time.
 */
final class FxCoalescer {

    private final Runnable action;
    private final AtomicBoolean pending = new AtomicBoolean();

    FxCoalescer(Runnable action) {
        this.action = action;
    }

    /** Asks for one run of the action on the FX thread; callable from any thread. */
    void request() {
        if (pending.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                pending.set(false);
                action.run();
            });
        }
    }
}
