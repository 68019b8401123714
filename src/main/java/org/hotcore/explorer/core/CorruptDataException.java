package org.hotcore.explorer.core;

/** Stored data that breaks the hotcore layout: a key of the wrong type, a cycle of parent pointers. */
public class CorruptDataException extends RejectedException {

    public CorruptDataException(String message) {
        super(message);
    }
}
