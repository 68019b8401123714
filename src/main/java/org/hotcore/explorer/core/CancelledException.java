package org.hotcore.explorer.core;

/** A long operation stopped at a safe point because it was cancelled; what was committed before stays valid. */
public class CancelledException extends HotcoreException {

    public CancelledException(String message) {
        super(message);
    }
}
