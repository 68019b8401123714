package org.hotcore.explorer.ui.model;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.concurrent.Task;
import org.hotcore.explorer.core.Cancellation;
import org.hotcore.explorer.core.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Redis work in {@link Task}s on a pool of daemon threads. Results and failures are delivered on the FX
 * thread through the task's {@code onSucceeded} and {@code onFailed} handlers, so callers change observable
 * state only there. Create and use it on the FX thread.
 */
public final class Background implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Background.class);

    /** Enough for a tree page, a details page and a search to run side by side. */
    private static final int THREADS = 4;

    private final ThreadPoolExecutor executor;
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running", 0);

    public Background() {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "hotcore-ui-worker-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // What Executors.newFixedThreadPool builds, typed so that the monitor can read the active and queued counts.
        executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                factory);
    }

    /** Returns the number of tasks running on a worker thread now, an estimate; callable from any thread. */
    public int activeCount() {
        return executor.getActiveCount();
    }

    /** Returns the number of tasks waiting for a worker thread; callable from any thread. */
    public int waitingCount() {
        return executor.getQueue().size();
    }

    /** Work that runs on a worker thread; it reports progress and checks the cancellation between steps. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Progress progress, Cancellation cancellation) throws Exception;
    }

    /**
     * Number of tasks submitted and not yet finished; 0 by default.
     */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public int getRunning() {
        return running.get();
    }

    /**
     * Submits {@code work}. Exactly one of {@code onSucceeded} and {@code onFailed} runs on the FX thread when it
     * ends; a cancelled task runs neither.
     */
    public <T> Task<T> submit(String description, Work<T> work, Consumer<T> onSucceeded,
                              Consumer<Throwable> onFailed) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                log.debug("Started: {}", description);
                Progress progress = (done, total) -> updateProgress(done, total < 0 ? -1 : total);
                T result = work.run(progress, this::isCancelled);
                log.debug("Finished: {}", description);
                return result;
            }
        };
        task.setOnSucceeded(event -> {
            running.set(running.get() - 1);
            onSucceeded.accept(task.getValue());
        });
        task.setOnFailed(event -> {
            running.set(running.get() - 1);
            onFailed.accept(task.getException());
        });
        task.setOnCancelled(event -> running.set(running.get() - 1));
        running.set(running.get() + 1);
        executor.execute(task);
        return task;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
