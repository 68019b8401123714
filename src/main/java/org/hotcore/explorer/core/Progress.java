package org.hotcore.explorer.core;

/** Receives progress of a long operation; called on the worker thread. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (done, total) -> { };

    /**
     * Reports progress.
     *
     * @param done units finished so far
     * @param total units expected, or -1 when not known
     */
    void update(long done, long total);
}
