package org.hotcore.explorer.core;

/** A transaction was aborted by concurrent writers on every attempt; nothing of it was written. */
public class ConflictException extends HotcoreException {

    public ConflictException(String operation, int attempts) {
        super("concurrent change, try again: " + operation + " was aborted by concurrent writes " + attempts
                + " times in a row and nothing was written; try again when the writers are quieter, or raise"
                + " --retries");
    }
}
