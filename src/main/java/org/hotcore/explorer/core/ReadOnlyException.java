package org.hotcore.explorer.core;

/** A write was refused because the store is read-only; nothing was sent to the server. */
public class ReadOnlyException extends RejectedException {

    public ReadOnlyException(String message) {
        super(message);
    }
}
