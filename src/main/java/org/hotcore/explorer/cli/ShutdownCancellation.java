package org.hotcore.explorer.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotcore.explorer.core.Cancellation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels a long write when the JVM begins to shut down, as on Ctrl+C (SIGINT) or SIGTERM. The shutdown hook sets
 * the flag and then waits, up to a limit, until the command calls {@link #close()} after its current batch and its
 * report, because the JVM halts as soon as its shutdown hooks return.
 */
final class ShutdownCancellation implements Cancellation, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShutdownCancellation.class);

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    /** Registers the shutdown hook; {@code maxWait} bounds how long a shutdown waits for the batch in flight. */
    ShutdownCancellation(String operation, Duration maxWait) {
        this.hook = new Thread(() -> {
            cancelled.set(true);
            try {
                if (!finished.await(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("{} did not stop within {} ms of the shutdown request; exiting while a batch may be in"
                            + " flight, which then either commits whole or not at all", operation, maxWait.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hotcore-cancel-on-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Lets a waiting shutdown proceed and removes the hook unless the shutdown has begun. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down and runs the hook, which returns now that the latch is open.
            log.debug("Shutdown in progress; the cancellation hook stays registered");
        }
    }
}
