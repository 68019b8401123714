package org.hotcore.explorer.core;

import redis.clients.jedis.exceptions.JedisDataException;

/** Translation of server errors on reads into messages that name the data and what to do. */
final class Reads {

    private Reads() {
    }

    static HotcoreException translate(JedisDataException e, String operation) {
        String message = String.valueOf(e.getMessage()).strip();
        if (message.endsWith(".")) {
            message = message.substring(0, message.length() - 1);
        }
        if (message.startsWith("WRONGTYPE")) {
            return new CorruptDataException(operation + " failed: a key does not have the type hotcore uses ("
                    + message + "); run 'check' to find it, then repair or delete that key");
        }
        if (message.startsWith("NOAUTH") || message.startsWith("NOPERM") || message.startsWith("WRONGPASS")) {
            return new RedisUnavailableException(operation + " failed: " + message
                    + "; check the user's password and ACL permissions", e);
        }
        if (message.startsWith("LOADING")) {
            return new RedisUnavailableException(operation + " failed: the server is still loading its data; try"
                    + " again in a moment", e);
        }
        return new HotcoreException(operation + " failed: " + message, e);
    }
}
