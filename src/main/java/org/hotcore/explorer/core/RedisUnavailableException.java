package org.hotcore.explorer.core;

/** The server could not be reached or the connection broke; the message names the URL without its password. */
public class RedisUnavailableException extends HotcoreException {

    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
