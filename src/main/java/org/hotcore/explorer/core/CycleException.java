package org.hotcore.explorer.core;

/** A move was rejected because the new parent is the entity itself or one of its descendants. */
public class CycleException extends RejectedException {

    public CycleException(String message) {
        super(message);
    }
}
