package org.hotcore.explorer.core;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** Translation of server errors on reads into messages that name the data and what to do. */
final class Reads {

    private Reads() {
    }

    /**
     * Like {@link #translate(JedisDataException, String)} for a failure of a transaction on {@code jedis}. Redis
     * reports a command refused inside MULTI, such as one refused at maxmemory, only as EXECABORT at EXEC, so the
     * memory figures of the server are read to name the cause.
     */
    static HotcoreException translate(JedisDataException e, String operation, Jedis jedis) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("EXECABORT") && !message.contains("OOM")) {
            try {
                String info = jedis.info("memory");
                long used = field(info, "used_memory");
                long max = field(info, "maxmemory");
                if (max > 0 && used >= max) {
                    return translate(new JedisDataException("OOM used memory " + used + " bytes >= maxmemory " + max
                            + " bytes (" + message.strip() + ")"), operation);
                }
            } catch (RuntimeException infoFailure) {
                // The original error is reported instead.
                e.addSuppressed(infoFailure);
            }
        }
        return translate(e, operation);
    }

    private static long field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                try {
                    return Long.parseLong(line.substring(name.length() + 1).strip());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
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
        if (message.startsWith("OOM") || message.contains("OOM command not allowed")) {
            return new RejectedException(operation + " failed: the Redis server is out of memory (" + message
                    + "), so it refused the write and nothing of it was written; free memory on the server, raise"
                    + " its maxmemory, or set an eviction policy other than noeviction");
        }
        if (message.startsWith("EXECABORT")) {
            return new RejectedException(operation + " failed: the server refused a command of the transaction ("
                    + message + "), so nothing of it was written; check the server's log and memory, then try"
                    + " again");
        }
        if (message.startsWith("READONLY")) {
            return new RejectedException(operation + " failed: the server is a read-only replica (" + message
                    + "); connect to the primary to write");
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
