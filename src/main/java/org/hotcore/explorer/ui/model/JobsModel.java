package org.hotcore.explorer.ui.model;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long jobs of the window, such as subtree deletes, each on a thread of its own apart from the {@link Background}
 * pool, so a job that runs for minutes never holds up tree pages, details or searches. Finished jobs stay in the list
 * until dismissed, so their closing message can be read. Call every method on the FX thread.
 */
public final class JobsModel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobsModel.class);

    private final ExecutorService executor;
    private final ObservableList<Job> jobs = FXCollections.observableArrayList();
    private final ObservableList<Job> readOnlyJobs = FXCollections.unmodifiableObservableList(jobs);
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running", 0);
    /** The same count as {@link #running}, readable off the FX thread, for the monitor. */
    private final AtomicInteger runningNow = new AtomicInteger();

    public JobsModel() {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "hotcore-job-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        executor = Executors.newCachedThreadPool(factory);
    }

    /** Returns the jobs running and those finished and not dismissed, oldest first; read-only. */
    public ObservableList<Job> getJobs() {
        return readOnlyJobs;
    }

    /** Number of jobs not finished yet; 0 by default. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public int getRunning() {
        return running.get();
    }

    /**
     * Starts a job. {@code work} gets the job's progress and cancellation. Exactly one of {@code onSucceeded} and
     * {@code onFailed} runs on the FX thread when the work ends; it must end the job with {@link Job#finish}.
     */
    <T> Job start(String title, Background.Work<T> work, BiConsumer<Job, T> onSucceeded,
                  BiConsumer<Job, Throwable> onFailed) {
        Job job = new Job(title);
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                log.debug("Job started: {}", title);
                return work.run(job.progress(), job.cancellation());
            }
        };
        task.setOnSucceeded(event -> {
            runningNow.decrementAndGet();
            running.set(running.get() - 1);
            onSucceeded.accept(job, task.getValue());
        });
        task.setOnFailed(event -> {
            runningNow.decrementAndGet();
            running.set(running.get() - 1);
            onFailed.accept(job, task.getException());
        });
        jobs.add(job);
        runningNow.incrementAndGet();
        running.set(running.get() + 1);
        executor.execute(task);
        return job;
    }

    /** Returns the number of jobs not finished yet; safe to call from any thread. */
    public int runningCount() {
        return runningNow.get();
    }

    /** Removes a finished job from the list; a running one stays. */
    public void dismiss(Job job) {
        if (!job.isActive()) {
            jobs.remove(job);
        }
    }

    /** Asks every running job to stop, then stops the threads; called when the window closes. */
    @Override
    public void close() {
        jobs.forEach(Job::cancel);
        executor.shutdownNow();
    }
}
