package org.hotcore.explorer.core;

/**
 * An operation that was not carried out because of its input or the stored data: a missing entity, a move that
 * would close a cycle, an invalid attribute. Nothing was written.
 */
public class RejectedException extends HotcoreException {

    public RejectedException(String message) {
        super(message);
    }
}
