package org.hotcore.explorer.core;

/** Base of the errors the storage core raises; the message names the value involved and what to do. */
public class HotcoreException extends RuntimeException {

    public HotcoreException(String message) {
        super(message);
    }

    public HotcoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
