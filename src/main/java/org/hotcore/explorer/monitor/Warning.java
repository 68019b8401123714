package org.hotcore.explorer.monitor;

/**
 * A threshold a sample passes.
 *
 * @param kind which threshold
 * @param message one line for the monitor pane and the status bar
 */
public record Warning(Kind kind, String message) {

    /** The thresholds, in the order warnings are listed. */
    public enum Kind {
        /** Heap in use above {@link Warnings#HEAP_SHARE} of the maximum heap. */
        HEAP,
        /** Commands queued now above {@link Warnings#QUEUE_SHARE} of the guard's limit. */
        QUEUE,
        /** Redis used_memory above {@link Warnings#REDIS_MEMORY_SHARE} of maxmemory, when maxmemory is set. */
        REDIS_MEMORY,
        /** Transactions aborted by WATCH in several of the last samples. */
        WATCH_ABORTS
    }
}
