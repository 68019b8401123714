package org.hotcore.explorer.core;

/** Asked between steps of a long operation; a true answer stops it at the next safe point. */
@FunctionalInterface
public interface Cancellation {

    Cancellation NEVER = () -> false;

    boolean isCancelled();
}
